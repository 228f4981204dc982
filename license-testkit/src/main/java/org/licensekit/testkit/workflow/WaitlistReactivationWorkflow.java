package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.api.DefaultCatalog.OBSERVER;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.WaitingUser;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserId;

/**
 * A user who waits for a product both through a direct assignment and through a role: the
 * reactivation after a suspension that released their seat queues the product twice in one
 * transaction (once for the direct assignment, once for the role), and the queue must still hold
 * them once, in their place, and serve them once — whether the role is taken away while they wait,
 * the pool grows or a seat is freed.
 */
public abstract class WaitlistReactivationWorkflow extends WorkflowSupport {

  private LicensePool observation;
  private UserId returning;
  private UserId substitute;

  /**
   * The returning teacher holds the only seat directly and has the role granting it too; the
   * substitute waits for it. The suspension (which releases seats here) hands the seat to the
   * substitute; the reactivation queues the returning teacher again, directly and through the role.
   */
  @BeforeEach
  void aReturningTeacherWaitsAfterTheReactivation() {
    admin.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(false).build());
    observation = pool(OBSERVATION, 1);
    returning = activeUserWithoutRoles("returning", NORTH);
    assertThat(assign(returning).assigned()).hasSize(1);
    admin.assignments().assignRole(returning, NORTH, OBSERVER);
    substitute = activeUserWithoutRoles("substitute", NORTH);
    assertThat(assign(substitute).refused()).singleElement()
        .satisfies(r -> assertThat(r.code()).isEqualTo(AssignmentRefusal.NO_SEAT_AVAILABLE));

    admin.users().suspend(returning, "on leave");
    assertThat(liveClaim(substitute, OBSERVATION)).isPresent();
    admin.users().reactivate(returning);
  }

  private AssignmentResult assign(UserId user) {
    return admin.assignments().assignProduct(user, OBSERVATION, "needs it");
  }

  private List<UserId> queue() {
    return admin.waitlist().of(OBSERVATION).stream().map(WaitingUser::user).toList();
  }

  private List<LicenseClaim> liveClaims(UserId user) {
    return claimsOf(user, OBSERVATION).stream().filter(LicenseClaim::live).toList();
  }

  private List<AuditEntry> joined(UserId user) {
    return audited(ChangeType.WAITLIST_JOINED).stream().filter(e -> e.user().equals(java.util.Optional.of(user))).toList();
  }

  @Test
  void aUserQueuedDirectlyAndThroughARoleInOneReactivationWaitsOnce() {
    assertThat(queue()).containsExactly(returning);
    assertThat(admin.waitlist().ofUser(returning)).singleElement().satisfies(w -> {
      assertThat(w.position()).isEqualTo(1);
      assertThat(w.entry().direct()).as("the direct assignment queued first").isTrue();
    });
    assertThat(joined(returning)).hasSize(1);
    assertThat(liveClaims(returning)).isEmpty();
    assertThat(seatsInUse(observation)).isEqualTo(1);
  }

  @Test
  void theRoleTakenAwayWhileWaitingLeavesTheDirectPlaceWhichIsServedFirst() {
    UserId late = activeUserWithoutRoles("late", NORTH);
    assign(late);
    admin.assignments().revokeRole(returning, NORTH, OBSERVER, "changed jobs");
    assertThat(queue()).containsExactly(returning, late);

    admin.pools().changeSeats(observation.id(), 2, "one more");

    assertThat(liveClaims(returning)).singleElement().satisfies(c -> assertThat(c.direct()).isTrue());
    assertThat(liveClaims(late)).isEmpty();
    assertThat(queue()).containsExactly(late);
  }

  @Test
  void aGrowingPoolServesTheQueueInOrderWithOneSeatEach() {
    UserId late = activeUserWithoutRoles("late", NORTH);
    assign(late);
    assertThat(queue()).containsExactly(returning, late);

    admin.pools().changeSeats(observation.id(), 4, "three more");

    assertThat(liveClaims(returning)).hasSize(1);
    assertThat(liveClaims(late)).hasSize(1);
    assertThat(queue()).isEmpty();
    assertThat(seatsInUse(observation)).isEqualTo(3);
    assertThat(audited(ChangeType.WAITLIST_SEAT_ASSIGNED)).hasSize(3);
  }

  @Test
  void aFreedSeatGoesToTheReturningUserOnceAndTheNextKeepsWaiting() {
    UserId late = activeUserWithoutRoles("late", NORTH);
    assign(late);

    admin.assignments().revokeProduct(substitute, OBSERVATION, "back to their own class");

    assertThat(liveClaims(returning)).hasSize(1);
    assertThat(liveClaims(substitute)).isEmpty();
    assertThat(queue()).containsExactly(late);
    assertThat(seatsInUse(observation)).isEqualTo(1);
  }

  @Test
  void suspendedAndReactivatedAgainWhileWaitingTheUserStillWaitsOnce() {
    UserId late = activeUserWithoutRoles("late", NORTH);
    assign(late);

    admin.users().suspend(returning, "on leave again");
    admin.users().reactivate(returning);

    assertThat(queue()).containsOnlyOnce(returning).containsOnlyOnce(late).hasSize(2);
    admin.pools().changeSeats(observation.id(), 3, "two more");
    assertThat(liveClaims(returning)).hasSize(1);
    assertThat(liveClaims(late)).hasSize(1);
    assertThat(queue()).isEmpty();
  }
}
