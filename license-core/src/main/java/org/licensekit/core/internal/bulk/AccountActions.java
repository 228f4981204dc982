package org.licensekit.core.internal.bulk;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.directory.AccountWriter;
import org.licensekit.core.policy.AccountLifecycle;

/**
 * Account status changes of bulk and seasonal work, one user at a time, through the same
 * {@link AccountWriter} as the directory's single-user commands; a user already in the target status
 * is "already", an illegal move a refusal.
 */
public final class AccountActions {

  private final RunScope scope;

  public AccountActions(RunScope scope) {
    this.scope = scope;
  }

  public UserOutcome change(UnitOfWork changes, UserAccount user, BulkAction.StatusChange change, String reason, SeatTally tally) {
    AccountLifecycle.Move move = switch (change) {
      case SUSPEND -> AccountLifecycle.Move.SUSPEND;
      case REACTIVATE -> AccountLifecycle.Move.REACTIVATE;
      case ARCHIVE -> AccountLifecycle.Move.ARCHIVE;
    };
    if (user.status() == move.to()) {
      return UserOutcome.already(user.id(), "already " + move.to());
    }
    Optional<org.licensekit.core.policy.Refusal> refusal = AccountLifecycle.check(user.status(), move);
    if (refusal.isPresent()) {
      return UserOutcome.refused(user.id(), refusal.get().code(), refusal.get().message());
    }
    AccountWriter.Moved moved = scope.accounts().move(changes, user, move, reason);
    List<ProductId> revoked = tally.released(moved.released());
    tally.need(moved.restored().assigned().stream().map(LicenseClaim::product).toList());
    tally.need(moved.restored().refused().stream().map(r -> r.product()).toList());
    String assigned = moved.restored().assigned().isEmpty() ? "" : "; products assigned again";
    return UserOutcome.done(user.id(), move.to().name().toLowerCase(Locale.ROOT) + assigned + MembershipActions.revokedText(revoked));
  }

  /** Removes every membership, revokes every live claim and archives the account. */
  public UserOutcome offboard(UnitOfWork changes, UserAccount user, String reason, SeatTally tally) {
    return scope.accounts().offboard(changes, user, reason)
        .map(released -> UserOutcome.done(user.id(), "offboarded" + MembershipActions.revokedText(tally.released(released))))
        .orElseGet(() -> UserOutcome.already(user.id(), "already offboarded"));
  }
}
