package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.ClaimResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.ClaimLifecycle;

/**
 * "Managing License Claims", the status types: pending (assigned, not yet claimed), active
 * (claimed and in use), expired (past its validity) and revoked (access removed).
 */
public abstract class ClaimLifecycleWorkflow extends WorkflowSupport {

  @Test
  void pendingClaimBecomesActiveWhenUserClaims() {
    pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim pending = theLiveClaim(teacher, OBSERVATION);
    assertThat(pending.status()).isEqualTo(ClaimStatus.PENDING);
    clock.advance(Duration.ofDays(3));

    LicenseClaim active = claimed(teacher, OBSERVATION);

    assertThat(active.id()).isEqualTo(pending.id());
    assertThat(active.status()).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(active.claimedAt()).contains(clock.instant());
    assertThat(reread(pending).status()).isEqualTo(ClaimStatus.ACTIVE);
  }

  @Test
  void claimingAnActiveLicenseAgainChangesNothing() {
    pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim active = claimed(teacher, OBSERVATION);
    clock.advance(Duration.ofDays(1));

    assertThat(claimed(teacher, OBSERVATION)).isEqualTo(active);
    assertThat(audited(ChangeType.CLAIM_ACTIVATED)).hasSize(1);
  }

  @Test
  void revokingAnActiveClaimFreesItsSeatForSomeoneElse() {
    LicensePool observation = pool(OBSERVATION, 1);
    UserId leaving = activeUserWithoutRoles("leaving", NORTH);
    UserId waiting = activeUserWithoutRoles("waiting", NORTH);
    admin.assignments().assignProduct(leaving, OBSERVATION, "first come");
    LicenseClaim active = claimed(leaving, OBSERVATION);
    assertThat(admin.assignments().assignProduct(waiting, OBSERVATION, "second").refused())
        .extracting(AssignmentRefusal::code).containsExactly(AssignmentRefusal.NO_SEAT_AVAILABLE);

    LicenseClaim revoked = admin.claims().revoke(active.id(), "reassigning the seat");

    // the refused user waited for a seat; the freed one goes to them in the same command
    assertThat(revoked.status()).isEqualTo(ClaimStatus.REVOKED);
    assertThat(theLiveClaim(waiting, OBSERVATION).pool()).isEqualTo(observation.id());
    assertThat(seatsInUse(observation)).isEqualTo(1);
    assertThat(admin.waitlist().of(OBSERVATION)).isEmpty();
  }

  @Test
  void aPendingClaimCanBeRevokedBeforeItIsEverClaimed() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);

    LicenseClaim revoked = admin.claims().revoke(theLiveClaim(teacher, OBSERVATION).id(), "assigned by mistake");

    assertThat(revoked.status()).isEqualTo(ClaimStatus.REVOKED);
    assertThat(revoked.claimedAt()).isEmpty();
    assertThat(seatsInUse(observation)).isZero();
  }

  @Test
  void revokedIsFinal() {
    pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim revoked = admin.claims().revoke(claimed(teacher, OBSERVATION).id(), "access removed");

    assertConflict(() -> admin.claims().revoke(revoked.id(), "again"), ClaimLifecycle.ILLEGAL_TRANSITION);
    ClaimResult reclaim = claimAsUser(teacher, OBSERVATION);

    assertThat(reclaim.succeeded()).isFalse();
    assertThat(reclaim.refusals()).extracting(d -> d.reason()).containsExactly(DenialReason.CLAIM_REVOKED);
    assertThat(reread(revoked)).isEqualTo(revoked);
  }

  @Test
  void aNewAssignmentAfterRevocationCreatesANewClaim() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim revoked = admin.claims().revoke(claimed(teacher, OBSERVATION).id(), "access removed");
    clock.advance(Duration.ofHours(1));

    LicenseClaim fresh = admin.assignments().assignProduct(teacher, OBSERVATION, "access restored").assigned().get(0);

    assertThat(fresh.id()).isNotEqualTo(revoked.id());
    assertThat(fresh.status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(claimsOf(teacher, OBSERVATION)).extracting(LicenseClaim::id, LicenseClaim::status)
        .containsExactly(
            tuple(fresh.id(), ClaimStatus.PENDING),
            tuple(revoked.id(), ClaimStatus.REVOKED));
    assertThat(seatsInUse(observation)).isEqualTo(1);
  }

  @Test
  void coachingIsValidNinetyDaysAfterTheClaim() {
    pool(COACHING, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    clock.advance(Duration.ofDays(10));

    LicenseClaim active = claimed(teacher, COACHING);

    assertThat(active.expiresAt()).contains(clock.instant().plus(90, ChronoUnit.DAYS));
    clock.advance(Duration.ofDays(90).minusSeconds(1));
    assertThat(tenant.access().check(teacher, COACHING).allowed()).isTrue();
    clock.advance(Duration.ofSeconds(1));
    assertThat(tenant.access().check(teacher, COACHING).reasonCodes()).containsExactly(DenialReason.CLAIM_EXPIRED);
  }

  @Test
  void observationIsValidUntilThePoolTermEnds() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    clock.advance(Duration.ofDays(10));

    assertThat(claimed(teacher, OBSERVATION).expiresAt()).contains(observation.term().end());
  }

  @Test
  void everyTransitionIsStampedAndAudited() {
    pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim pending = theLiveClaim(teacher, OBSERVATION);
    clock.advance(Duration.ofDays(1));
    claimed(teacher, OBSERVATION);
    clock.advance(Duration.ofDays(1));

    LicenseClaim revoked = admin.claims().revoke(pending.id(), "left the coaching program");

    assertThat(revoked.assignedAt()).isEqualTo(START);
    assertThat(revoked.assignedBy()).isEqualTo(admin.actor());
    assertThat(revoked.claimedAt()).contains(START.plus(1, ChronoUnit.DAYS));
    assertThat(revoked.endedAt()).contains(clock.instant());
    assertThat(revoked.endedBy()).contains(admin.actor());
    assertThat(revoked.reason()).contains("left the coaching program");
    List<AuditEntry> trail = admin.audit().query(AuditQuery.builder().subjectId(pending.id().value()).build());
    assertThat(trail).extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::at)
        .containsExactly(
            tuple(ChangeType.CLAIM_ASSIGNED, admin.actor(), START),
            tuple(ChangeType.CLAIM_ACTIVATED, Actor.user(teacher), START.plus(1, ChronoUnit.DAYS)),
            tuple(ChangeType.CLAIM_REVOKED, admin.actor(), clock.instant()));
    assertThat(trail).allSatisfy(entry -> assertThat(entry.user()).contains(teacher));
    assertThat(events.published()).filteredOn(e -> e.subjectId().equals(pending.id().value()))
        .extracting(LicenseEvent::type)
        .containsExactly(ChangeType.CLAIM_ASSIGNED, ChangeType.CLAIM_ACTIVATED, ChangeType.CLAIM_REVOKED);
  }

  @Test
  void assigningALicenseAgainAfterItExpiredMakesANewClaimAndMarksTheOldOneExpired() {
    LicensePool coaching = pool(COACHING, 1);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim first = claimed(teacher, COACHING);
    clock.advance(Duration.ofDays(91));

    AssignmentResult again = admin.assignments().assignProduct(teacher, COACHING, "second coaching cycle");

    assertThat(again.assigned()).singleElement().satisfies(c -> {
      assertThat(c.id()).isNotEqualTo(first.id());
      assertThat(c.status()).isEqualTo(ClaimStatus.PENDING);
    });
    assertThat(reread(first).status()).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(reread(first).endedAt()).contains(clock.instant());
    assertThat(seatsInUse(coaching)).as("the expired claim gave its seat back").isEqualTo(1);
    assertThat(claimed(teacher, COACHING).expiresAt()).contains(clock.instant().plus(90, ChronoUnit.DAYS));
  }

  @Test
  void bothRevocationsEndTheClaimAlikeAndDifferOnlyWhenNothingIsLive() {
    LicensePool coaching = pool(COACHING, 5);
    pool(OBSERVATION, 5);
    UserId ana = activeUser("ana", DefaultCatalog.TEACHER, NORTH);
    UserId ben = activeUser("ben", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim anas = theLiveClaim(ana, COACHING);
    LicenseClaim bens = theLiveClaim(ben, COACHING);

    LicenseClaim byId = admin.claims().revoke(anas.id(), "left the program");
    List<LicenseClaim> byProduct = admin.assignments().revokeProduct(ben, COACHING, "left the program");

    assertThat(byId.status()).isEqualTo(ClaimStatus.REVOKED);
    assertThat(byProduct).singleElement().satisfies(c -> {
      assertThat(c.id()).isEqualTo(bens.id());
      assertThat(c.status()).isEqualTo(ClaimStatus.REVOKED);
    });
    assertThat(seatsInUse(coaching)).as("both gave their seat back").isZero();
    assertThat(admin.assignments().revokeProduct(ben, COACHING, "again")).as("nothing live: nothing happens").isEmpty();
    assertConflict(() -> admin.claims().revoke(anas.id(), "again"), "ILLEGAL_TRANSITION");
    assertThat(admin.users().profile(ana).roles()).as("the role that granted the product stays").contains(DefaultCatalog.OBSERVABLE);
  }
}
