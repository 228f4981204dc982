package org.licensekit.core.internal.directory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.policy.AccountLifecycle;
import org.licensekit.core.spi.LicenseStore;

/**
 * Every account status change — the directory's single-user commands, bulk status changes and
 * offboarding alike — applied the one way {@link AccountLifecycle} says: the status written and
 * audited, every seat released when the new status holds none, and on reactivation the products
 * assigned again: what the roles grant and the direct assignments the seat release took away.
 */
public final class AccountWriter {

  private final LicenseStore store;
  private final TenantId tenant;
  private final ClaimWriter claims;
  private final MembershipWriter memberships;

  public AccountWriter(LicenseStore store, TenantId tenant, ClaimWriter claims, MembershipWriter memberships) {
    this.store = store;
    this.tenant = tenant;
    this.claims = claims;
    this.memberships = memberships;
  }

  /**
   * What a status change did.
   *
   * @param after the account after the move
   * @param released the live claims the move ended
   * @param restored what reactivation assigned again (empty for other moves)
   */
  public record Moved(UserAccount after, List<LicenseClaim> released, AssignmentResult restored) {}

  /** Applies a move {@link AccountLifecycle#check} allowed from {@code before}'s status. */
  public Moved move(UnitOfWork changes, UserAccount before, AccountLifecycle.Move move, String reason) {
    UserAccount after = setStatus(changes, before, move.to(), move.changeType(), reason);
    // the settings read with the account's lock, held so no settings change commits in between
    TenantSettings settings = changes.heldSettings().orElseGet(() -> store.settings().hold(tenant));
    List<LicenseClaim> released = AccountLifecycle.releasesSeats(move, settings)
        ? releaseAll(changes, before.id(), AccountLifecycle.releaseReason(move, reason))
        : List.of();
    AssignmentResult restored = AccountLifecycle.restoresSeats(move)
        ? restore(changes, before.id())
        : AssignmentResult.empty();
    return new Moved(after, released, restored);
  }

  /**
   * Offboards the user: removes every membership, ends every live claim and archives the account.
   *
   * @return the claims ended, or empty when the user was offboarded already
   */
  public Optional<List<LicenseClaim>> offboard(UnitOfWork changes, UserAccount user, String reason) {
    // an assignment committing after the claims below were listed would leave the archived user a seat
    store.directory().lockUser(tenant, user.id());
    List<Membership> held = store.directory().membershipsOf(tenant, user.id());
    boolean holdsClaims = store.claims().listForUser(tenant, user.id()).stream().anyMatch(LicenseClaim::live);
    if (user.status() == AccountStatus.ARCHIVED && held.isEmpty() && !holdsClaims) {
      return Optional.empty();
    }
    held.forEach(m -> memberships.remove(changes, m, reason));
    List<LicenseClaim> released = releaseAll(changes, user.id(), "offboarded: " + reason);
    if (user.status() != AccountStatus.ARCHIVED) {
      setStatus(changes, user, AccountStatus.ARCHIVED, ChangeType.USER_ARCHIVED, reason);
    }
    return Optional.of(released);
  }

  private UserAccount setStatus(UnitOfWork changes, UserAccount before, AccountStatus to, ChangeType type, String reason) {
    UserAccount after = UserAccount.builder().from(before).status(to).build();
    if (!store.directory().updateUser(tenant, after)) {
      throw changedConcurrently(before);
    }
    changes.accountChanged(after.nextVersion());
    changes.record(type, "user", before.id()).user(before.id()).before(before).after(after).reason(Optional.of(reason)).done();
    if (to == AccountStatus.ARCHIVED) {
      claims.waitlist().leaveAll(changes, before.id(), "archived: " + reason);
    }
    return after.nextVersion();
  }

  /** The refusal of a write whose account changed since it was read; the JDBC store retries the command. */
  public static ConflictException changedConcurrently(UserAccount before) {
    return new ConflictException(ErrorCode.USER_CHANGED_CONCURRENTLY,
        "User " + before.id() + " changed while this command ran; read it again and retry");
  }

  private List<LicenseClaim> releaseAll(UnitOfWork changes, UserId user, String reason) {
    ImmutableList.Builder<LicenseClaim> released = ImmutableList.builder();
    for (LicenseClaim claim : store.claims().listForUser(tenant, user)) {
      if (claim.live()) {
        released.add(claims.revoke(changes, claim, reason));
      }
    }
    return released.build();
  }

  /** Assigns again the direct assignments the last suspension released, then what the roles grant. */
  private AssignmentResult restore(UnitOfWork changes, UserId user) {
    return claims.assign(changes, user, releasedDirectly(user), true, Optional.of("reactivated"))
        .plus(claims.assign(changes, user, memberships.productsOf(user), false, Optional.of("reactivated")));
  }

  /**
   * The products of direct assignments the user's last suspension released: the claims it revoked
   * end at the instant of the suspension, which the audit trail records, with the release reason
   * made of the suspension's reason.
   */
  private Set<ProductId> releasedDirectly(UserId user) {
    List<AuditEntry> suspensions = store.audit().query(tenant,
        AuditQuery.builder().user(user).addActions(ChangeType.USER_SUSPENDED).limit(10_000).build());
    if (suspensions.isEmpty()) {
      return Set.of();
    }
    AuditEntry suspension = suspensions.get(suspensions.size() - 1);
    Instant suspended = suspension.at();
    Optional<String> releaseReason = suspension.reason()
        .map(reason -> AccountLifecycle.releaseReason(AccountLifecycle.Move.SUSPEND, reason));
    return store.claims().listForUser(tenant, user).stream()
        .filter(claim -> claim.status() == ClaimStatus.REVOKED && claim.direct())
        .filter(claim -> claim.endedAt().filter(suspended::equals).isPresent() && claim.reason().equals(releaseReason))
        .map(LicenseClaim::product)
        .collect(ImmutableSortedSet.toImmutableSortedSet(java.util.Comparator.naturalOrder()));
  }
}
