package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.licensekit.core.api.DefaultCatalog.EVALUATOR;
import static org.licensekit.core.api.DefaultCatalog.OBSERVABLE;
import static org.licensekit.core.api.DefaultCatalog.OBSERVER;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;

/**
 * "Assigning Products to Users", individual user: checking a role box assigns the products the
 * role grants as pending claims, each holding one seat of a pool that serves the user.
 */
public abstract class ProductAssignmentWorkflow extends WorkflowSupport {

  @Test
  void checkingRoleBoxesAssignsTheProductsTheRolesGrant() {
    LicensePool observation = pool(OBSERVATION, 5);
    LicensePool evaluation = pool(EVALUATION, 5);
    UserId principal = activeUserWithoutRoles("principal", NORTH);

    AssignmentResult asObserver = admin.assignments().assignRole(principal, NORTH, OBSERVER);
    AssignmentResult asEvaluator = admin.assignments().assignRole(principal, NORTH, EVALUATOR);

    assertThat(asObserver.assigned()).singleElement()
        .satisfies(c -> assertThat(c.product()).isEqualTo(OBSERVATION))
        .satisfies(c -> assertThat(c.pool()).isEqualTo(observation.id()));
    assertThat(asEvaluator.assigned()).singleElement()
        .satisfies(c -> assertThat(c.product()).isEqualTo(EVALUATION))
        .satisfies(c -> assertThat(c.pool()).isEqualTo(evaluation.id()));
    assertThat(claimsOf(principal))
        .extracting(LicenseClaim::product, LicenseClaim::status, LicenseClaim::direct)
        .containsExactlyInAnyOrder(
            tuple(OBSERVATION, ClaimStatus.PENDING, false),
            tuple(EVALUATION, ClaimStatus.PENDING, false));
    assertThat(seatsInUse(observation)).isEqualTo(1);
    assertThat(seatsInUse(evaluation)).isEqualTo(1);
  }

  @Test
  void assigningARoleInASecondOrganizationDoesNotAssignTheProductTwice() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId coach = activeUserWithoutRoles("coach", NORTH);
    LicenseClaim first = admin.assignments().assignRole(coach, NORTH, OBSERVER).assigned().get(0);

    AssignmentResult second = admin.assignments().assignRole(coach, SOUTH, OBSERVER);

    assertThat(second.assigned()).isEmpty();
    assertThat(second.alreadyHeld()).extracting(LicenseClaim::id).containsExactly(first.id());
    assertThat(claimsOf(coach, OBSERVATION)).hasSize(1);
    assertThat(seatsInUse(observation)).isEqualTo(1);
  }

  @Test
  void revokingOneRoleKeepsAClaimAnotherRoleStillGrants() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId teacherLeader = activeUserWithoutRoles("teacher-leader", NORTH);
    admin.assignments().assignRole(teacherLeader, NORTH, OBSERVER);
    admin.assignments().assignRole(teacherLeader, NORTH, OBSERVABLE);
    LicenseClaim claim = theLiveClaim(teacherLeader, OBSERVATION);

    assertThat(admin.assignments().revokeRole(teacherLeader, NORTH, OBSERVER, "no longer observes")).isEmpty();
    assertThat(reread(claim).status()).isEqualTo(ClaimStatus.PENDING);

    assertThat(admin.assignments().revokeRole(teacherLeader, NORTH, OBSERVABLE, "left the classroom"))
        .extracting(LicenseClaim::id).containsExactly(claim.id());
    assertThat(reread(claim).status()).isEqualTo(ClaimStatus.REVOKED);
    assertThat(seatsInUse(observation)).isZero();
  }

  @Test
  void revokingARoleInOneOrganizationKeepsTheClaimTheSameRoleGrantsInAnother() {
    pool(OBSERVATION, 5);
    UserId coach = activeUserWithoutRoles("coach", NORTH);
    admin.assignments().assignRole(coach, NORTH, OBSERVER);
    admin.assignments().assignRole(coach, SOUTH, OBSERVER);

    assertThat(admin.assignments().revokeRole(coach, NORTH, OBSERVER, "moved to South")).isEmpty();

    assertThat(theLiveClaim(coach, OBSERVATION).status()).isEqualTo(ClaimStatus.PENDING);
  }

  @Test
  void directAssignmentSurvivesRoleRevocation() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId pilot = activeUserWithoutRoles("pilot", NORTH);
    LicenseClaim direct = admin.assignments().assignProduct(pilot, OBSERVATION, "observation pilot").assigned().get(0);
    assertThat(direct.direct()).isTrue();

    assertThat(admin.assignments().assignRole(pilot, NORTH, OBSERVER).alreadyHeld())
        .extracting(LicenseClaim::id).containsExactly(direct.id());
    assertThat(admin.assignments().revokeRole(pilot, NORTH, OBSERVER, "role removed")).isEmpty();

    assertThat(reread(direct).status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(seatsInUse(observation)).isEqualTo(1);
  }

  @Test
  void assigningDirectlyWhatARoleGrantedMakesTheClaimSurviveTheRole() {
    pool(OBSERVATION, 5);
    UserId coach = activeUserWithoutRoles("coach", NORTH);
    LicenseClaim viaRole = admin.assignments().assignRole(coach, NORTH, OBSERVER).assigned().get(0);

    AssignmentResult direct = admin.assignments().assignProduct(coach, OBSERVATION, "keep after role change");
    admin.assignments().revokeRole(coach, NORTH, OBSERVER, "role removed");

    assertThat(direct.alreadyHeld()).singleElement().satisfies(c -> assertThat(c.direct()).isTrue());
    assertThat(reread(viaRole).status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(reread(viaRole).direct()).isTrue();
  }

  @Test
  void makingARoleClaimDirectIsAuditedWithTheRecordBeforeAndAfterAndTheReason() {
    pool(OBSERVATION, 5);
    UserId coach = activeUserWithoutRoles("coach", NORTH);
    LicenseClaim viaRole = admin.assignments().assignRole(coach, NORTH, OBSERVER).assigned().get(0);

    admin.assignments().assignProduct(coach, OBSERVATION, "keep after role change");
    admin.assignments().assignProduct(coach, OBSERVATION, "asked twice");

    assertThat(audited(ChangeType.CLAIM_MADE_DIRECT)).singleElement().satisfies(entry -> {
      assertThat(entry.subjectId()).isEqualTo(viaRole.id().value());
      assertThat(entry.user()).contains(coach);
      assertThat(entry.actor()).isEqualTo(admin.actor());
      assertThat(entry.reason()).contains("keep after role change");
      assertThat(entry.before()).hasValueSatisfying(before -> assertThat(before).contains("direct=false"));
      assertThat(entry.after()).hasValueSatisfying(after -> assertThat(after).contains("direct=true"));
    });
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @Test
  void assignmentWithoutAFreeSeatIsRefusedWithNoSeatAvailable() {
    LicensePool observation = pool(OBSERVATION, 1);
    UserId first = activeUserWithoutRoles("first", NORTH);
    UserId second = activeUserWithoutRoles("second", NORTH);
    admin.assignments().assignRole(first, NORTH, OBSERVER);

    AssignmentResult result = admin.assignments().assignRole(second, NORTH, OBSERVER);

    assertThat(result.complete()).isFalse();
    assertThat(result.assigned()).isEmpty();
    assertThat(result.refused()).singleElement()
        .satisfies(r -> assertThat(r.product()).isEqualTo(OBSERVATION))
        .satisfies(r -> assertThat(r.code()).isEqualTo(AssignmentRefusal.NO_SEAT_AVAILABLE));
    assertThat(claimsOf(second)).isEmpty();
    assertThat(seatsInUse(observation)).isEqualTo(1);
  }

  @Test
  void assignmentWithNoPoolInTermIsRefusedWithNoPool() {
    UserId coach = activeUserWithoutRoles("coach", NORTH);
    assertThat(admin.assignments().assignRole(coach, NORTH, OBSERVER).refused())
        .extracting(AssignmentRefusal::code).containsExactly(AssignmentRefusal.NO_POOL);

    pool(OBSERVATION, 5, Term.of(START.minus(400, ChronoUnit.DAYS), START.minus(35, ChronoUnit.DAYS)), Optional.empty());
    pool(OBSERVATION, 5, Term.of(START.plus(30, ChronoUnit.DAYS), START.plus(400, ChronoUnit.DAYS)), Optional.empty());

    assertThat(admin.assignments().assignProduct(coach, OBSERVATION, "try again").refused())
        .extracting(AssignmentRefusal::code).containsExactly(AssignmentRefusal.NO_POOL);
    assertThat(claimsOf(coach)).isEmpty();
  }

  @Test
  void aPoolScopedToTheDistrictServesAMemberOfOneOfItsSchools() {
    LicensePool district = pool(OBSERVATION, 5, schoolYear(), Optional.of(DISTRICT));
    UserId coach = activeUserWithoutRoles("coach", NORTH);

    AssignmentResult result = admin.assignments().assignRole(coach, NORTH, OBSERVER);

    assertThat(result.assigned()).singleElement().satisfies(c -> assertThat(c.pool()).isEqualTo(district.id()));
  }

  @Test
  void aPoolScopedToNorthDoesNotServeAMemberOfSouth() {
    LicensePool north = pool(OBSERVATION, 5, schoolYear(), Optional.of(NORTH));
    UserId northCoach = activeUserWithoutRoles("north-coach", NORTH);
    UserId southCoach = activeUserWithoutRoles("south-coach", SOUTH);

    AssignmentResult inNorth = admin.assignments().assignRole(northCoach, NORTH, OBSERVER);
    AssignmentResult inSouth = admin.assignments().assignRole(southCoach, SOUTH, OBSERVER);

    assertThat(inNorth.assigned()).singleElement().satisfies(c -> assertThat(c.pool()).isEqualTo(north.id()));
    assertThat(inSouth.refused()).extracting(AssignmentRefusal::code).containsExactly(AssignmentRefusal.NO_POOL);
    assertThat(seatsInUse(north)).isEqualTo(1);
  }

  @Test
  void theEarliestEndingPoolIsUsedFirst() {
    LicensePool longer = pool(OBSERVATION, 5, schoolYear(), Optional.empty());
    LicensePool shorter = pool(OBSERVATION, 1,
        Term.of(START.minus(7, ChronoUnit.DAYS), START.plus(120, ChronoUnit.DAYS)), Optional.empty());
    UserId first = activeUserWithoutRoles("first", NORTH);
    UserId second = activeUserWithoutRoles("second", NORTH);

    LicenseClaim firstClaim = admin.assignments().assignRole(first, NORTH, OBSERVER).assigned().get(0);
    LicenseClaim secondClaim = admin.assignments().assignRole(second, NORTH, OBSERVER).assigned().get(0);

    assertThat(firstClaim.pool()).as("the pool ending first").isEqualTo(shorter.id());
    assertThat(secondClaim.pool()).as("the next pool once the first is full").isEqualTo(longer.id());
  }

  @Test
  void anArchivedUserCannotBeAssignedProducts() {
    pool(OBSERVATION, 5);
    UserId departed = activeUserWithoutRoles("departed", NORTH);
    admin.users().archive(departed, "left the district");

    assertConflict(() -> admin.assignments().assignRole(departed, NORTH, OBSERVER), "USER_ARCHIVED");
    assertConflict(() -> admin.assignments().assignProduct(departed, OBSERVATION, "by mistake"), "USER_ARCHIVED");
    assertThat(claimsOf(departed)).isEmpty();
  }
}
