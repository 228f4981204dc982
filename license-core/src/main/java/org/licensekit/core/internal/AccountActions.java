package org.licensekit.core.internal;

import com.google.common.collect.ImmutableList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserAccount;

/**
 * Account status changes of bulk and seasonal work, one user at a time, with the same rules as the
 * directory's single-user commands: archiving (and suspending, when the tenant releases suspended
 * users' seats) revokes every live claim; reactivating assigns again what the roles grant.
 */
final class AccountActions {

  private final RunScope scope;

  AccountActions(RunScope scope) {
    this.scope = scope;
  }

  UserOutcome change(Changes changes, UserAccount user, BulkAction.StatusChange change, String reason, SeatTally tally) {
    return switch (change) {
      case SUSPEND -> move(changes, user, EnumSet.of(AccountStatus.INVITED, AccountStatus.ACTIVE), AccountStatus.SUSPENDED,
          ChangeType.USER_SUSPENDED, reason, tally);
      case REACTIVATE -> move(changes, user, EnumSet.of(AccountStatus.SUSPENDED), AccountStatus.ACTIVE,
          ChangeType.USER_REACTIVATED, reason, tally);
      case ARCHIVE -> move(changes, user, EnumSet.of(AccountStatus.INVITED, AccountStatus.ACTIVE, AccountStatus.SUSPENDED),
          AccountStatus.ARCHIVED, ChangeType.USER_ARCHIVED, reason, tally);
    };
  }

  /** Removes every membership, revokes every live claim and archives the account. */
  UserOutcome offboard(Changes changes, UserAccount user, String reason, SeatTally tally) {
    List<Membership> memberships = scope.store().directory().membershipsOf(scope.tenant(), user.id());
    boolean holdsClaims = scope.store().claims().listForUser(scope.tenant(), user.id()).stream().anyMatch(LicenseClaim::live);
    if (user.status() == AccountStatus.ARCHIVED && memberships.isEmpty() && !holdsClaims) {
      return UserOutcome.already(user.id(), "already offboarded");
    }
    memberships.forEach(m -> scope.memberships().remove(changes, m, reason));
    List<ProductId> revoked = revokeAll(changes, user, "offboarded: " + reason, tally);
    if (user.status() != AccountStatus.ARCHIVED) {
      setStatus(changes, user, AccountStatus.ARCHIVED, ChangeType.USER_ARCHIVED, reason);
    }
    return UserOutcome.done(user.id(), "offboarded" + MembershipActions.revokedText(revoked));
  }

  private UserOutcome move(Changes changes, UserAccount user, Set<AccountStatus> from, AccountStatus to, ChangeType type,
      String reason, SeatTally tally) {
    if (user.status() == to) {
      return UserOutcome.already(user.id(), "already " + to);
    }
    if (!from.contains(user.status())) {
      return UserOutcome.refused(user.id(), "ILLEGAL_STATUS_CHANGE", "the account is " + user.status() + " and cannot become " + to);
    }
    setStatus(changes, user, to, type, reason);
    boolean releaseSeats = to == AccountStatus.ARCHIVED
        || (to == AccountStatus.SUSPENDED && !scope.store().settings().get(scope.tenant()).suspendedUsersKeepSeats());
    List<ProductId> revoked = releaseSeats
        ? revokeAll(changes, user, "account " + to.name().toLowerCase(Locale.ROOT) + ": " + reason, tally)
        : List.of();
    String assigned = "";
    if (to == AccountStatus.ACTIVE) {
      Set<ProductId> missing = scope.missing(user.id(), scope.memberships().productsOf(user.id()));
      tally.need(missing);
      assigned = scope.claims().assign(changes, user.id(), missing, false, Optional.of("reactivated")).assigned().isEmpty()
          ? "" : "; products assigned again";
    }
    return UserOutcome.done(user.id(), to.name().toLowerCase(Locale.ROOT) + assigned + MembershipActions.revokedText(revoked));
  }

  private void setStatus(Changes changes, UserAccount before, AccountStatus to, ChangeType type, String reason) {
    UserAccount after = UserAccount.builder().from(before).status(to).build();
    scope.store().directory().updateUser(scope.tenant(), after);
    changes.record(type, "user", before.id()).user(before.id()).before(before).after(after).reason(Optional.of(reason)).done();
  }

  private List<ProductId> revokeAll(Changes changes, UserAccount user, String reason, SeatTally tally) {
    ImmutableList.Builder<ProductId> revoked = ImmutableList.builder();
    for (LicenseClaim claim : scope.store().claims().listForUser(scope.tenant(), user.id())) {
      if (claim.live()) {
        scope.claims().revoke(changes, claim, reason);
        tally.release(claim.product());
        revoked.add(claim.product());
      }
    }
    return revoked.build();
  }
}
