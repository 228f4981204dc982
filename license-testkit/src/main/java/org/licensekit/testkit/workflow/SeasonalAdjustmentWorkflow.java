package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.licensekit.core.api.DefaultCatalog.OBSERVABLE;
import static org.licensekit.core.api.DefaultCatalog.TEACHER;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserId;

/**
 * "Seasonal Adjustments" to the academic calendar: remove licenses for departing staff, add licenses
 * for new hires, redistribute unused licenses to active users, archive accounts of temporary staff.
 */
public abstract class SeasonalAdjustmentWorkflow extends WorkflowSupport {

  private LicensePool observation;
  private LicensePool coaching;

  @BeforeEach
  void poolsForTeachers() {
    observation = pool(OBSERVATION, 2);
    coaching = pool(COACHING, 2);
  }

  @Test
  void archivingADepartingTeacherReleasesEverySeat() {
    UserId departing = activeUser("departing", TEACHER, NORTH);
    claimed(departing, OBSERVATION);

    assertThat(admin.users().archive(departing, "retired in June").status()).isEqualTo(AccountStatus.ARCHIVED);

    assertThat(seatsInUse(observation)).isZero();
    assertThat(seatsInUse(coaching)).isZero();
    assertThat(claimsOf(departing)).hasSize(2).allSatisfy(claim -> {
      assertThat(claim.status()).isEqualTo(ClaimStatus.REVOKED);
      assertThat(claim.endedBy()).contains(admin.actor());
      assertThat(claim.reason()).hasValueSatisfying(reason -> assertThat(reason).contains("retired in June"));
    });
  }

  @Test
  void suspendingKeepsSeatsByDefault() {
    UserId onLeave = activeUser("on-leave", TEACHER, NORTH);
    LicenseClaim active = claimed(onLeave, OBSERVATION);

    admin.users().suspend(onLeave, "parental leave");

    assertThat(reread(active).status()).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(seatsInUse(observation)).isEqualTo(1);
    assertThat(seatsInUse(coaching)).isEqualTo(1);
    assertThat(tenant.access().check(onLeave, OBSERVATION).reasonCodes()).containsExactly(DenialReason.ACCOUNT_NOT_ACTIVE);
  }

  @Test
  void reactivatingAfterASuspensionThatKeptSeatsRestoresAccessToTheSameClaims() {
    UserId onLeave = activeUser("on-leave", TEACHER, NORTH);
    LicenseClaim active = claimed(onLeave, OBSERVATION);
    admin.users().suspend(onLeave, "parental leave");

    admin.users().reactivate(onLeave);

    assertThat(tenant.access().check(onLeave, OBSERVATION).allowed()).isTrue();
    assertThat(claimsOf(onLeave)).hasSize(2).allSatisfy(c -> assertThat(c.live()).isTrue());
    assertThat(reread(active)).isEqualTo(active);
  }

  @Test
  void suspendingReleasesSeatsWhenTheTenantSaysSuspendedUsersDoNotKeepThem() {
    admin.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(false).build());
    UserId onLeave = activeUser("on-leave", TEACHER, NORTH);
    claimed(onLeave, OBSERVATION);

    admin.users().suspend(onLeave, "parental leave");

    assertThat(seatsInUse(observation)).isZero();
    assertThat(seatsInUse(coaching)).isZero();
    assertThat(claimsOf(onLeave)).extracting(LicenseClaim::status).containsOnly(ClaimStatus.REVOKED);
  }

  @Test
  void reactivatingAUserWhoseSeatsWereReleasedAssignsTheirProductsAgain() {
    admin.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(false).build());
    UserId onLeave = activeUser("on-leave", TEACHER, NORTH);
    LicenseClaim before = claimed(onLeave, OBSERVATION);
    admin.users().suspend(onLeave, "parental leave");

    admin.users().reactivate(onLeave);

    LicenseClaim again = theLiveClaim(onLeave, OBSERVATION);
    assertThat(again.id()).isNotEqualTo(before.id());
    assertThat(again.status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(theLiveClaim(onLeave, COACHING).status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(seatsInUse(observation)).isEqualTo(1);
    assertThat(seatsInUse(coaching)).isEqualTo(1);
  }

  @Test
  void aSeatFreedByADepartingTeacherGoesToATeacherWhoWasWaiting() {
    activeUser("first", TEACHER, NORTH);
    UserId departing = activeUser("departing", TEACHER, NORTH);
    UserId waiting = activeUser("waiting", TEACHER, SOUTH);
    assertThat(claimsOf(waiting)).isEmpty();

    admin.users().archive(departing, "moved away");

    // the teacher refused for want of seats waited for both products; the freed seats went to them
    assertThat(claimsOf(waiting)).filteredOn(LicenseClaim::live)
        .extracting(LicenseClaim::product).containsExactlyInAnyOrder(OBSERVATION, COACHING);
    assertThat(admin.waitlist().counts()).isEmpty();
    assertThat(seatsInUse(observation)).isEqualTo(2);
    assertThat(seatsInUse(coaching)).isEqualTo(2);
  }

  @Test
  void unusedLicensesCanBeRevokedAndRedistributedToActiveUsers() {
    UserId neverClaimed = activeUser("never-claimed", TEACHER, NORTH);
    activeUser("first", TEACHER, NORTH);
    UserId eager = activeUser("eager", TEACHER, SOUTH);

    admin.assignments().revokeProduct(neverClaimed, OBSERVATION, "pending since September");
    // the teacher refused for want of a seat waited for it: the revoked seat went to them
    LicenseClaim moved = theLiveClaim(eager, OBSERVATION);

    assertThat(moved.pool()).isEqualTo(observation.id());
    assertThat(claimed(eager, OBSERVATION).status()).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(liveClaim(neverClaimed, OBSERVATION)).isEmpty();
  }

  @Test
  void addingSeatsForNewHiresLetsThemBeAssigned() {
    activeUser("first", TEACHER, NORTH);
    activeUser("second", TEACHER, NORTH);
    UserId newHire = activeUser("new-hire", TEACHER, NORTH);
    assertThat(claimsOf(newHire)).isEmpty();

    assertThat(admin.waitlist().ofUser(newHire)).extracting(w -> w.product()).containsExactly(COACHING, OBSERVATION);

    admin.pools().changeSeats(observation.id(), 3, "new hires for spring");

    // the new seat went to the waiting new hire; coaching's pool is still full, so they wait for it
    assertThat(liveClaim(newHire, OBSERVATION)).isPresent();
    assertThat(admin.waitlist().ofUser(newHire)).extracting(w -> w.product()).containsExactly(COACHING);
    AssignmentResult result = admin.assignments().assignRole(newHire, NORTH, OBSERVABLE);
    assertThat(result.alreadyHeld()).extracting(LicenseClaim::product).containsExactly(OBSERVATION);
    assertThat(result.refused()).extracting(AssignmentRefusal::product, AssignmentRefusal::code)
        .containsExactly(tuple(COACHING, AssignmentRefusal.NO_SEAT_AVAILABLE));
  }

  @Test
  void removingATeacherFromTheirSchoolRemovesTheLicensesTheirRolesThereGranted() {
    UserId transferring = activeUser("transferring", TEACHER, NORTH);

    List<LicenseClaim> revoked = admin.assignments().removeFromOrganization(transferring, NORTH, "left North High");

    assertThat(revoked).extracting(LicenseClaim::product).containsExactlyInAnyOrder(OBSERVATION, COACHING);
    assertThat(seatsInUse(observation)).isZero();
    assertThat(tenant.access().check(transferring, OBSERVATION).reasonCodes()).containsExactly(
        DenialReason.NO_ROLE_GRANTS_PRODUCT, DenialReason.NO_ORGANIZATION, DenialReason.CLAIM_REVOKED);
  }

  @Test
  void reactivatingRestoresTheDirectAssignmentsTheSuspensionReleasedButNotOnesRevokedBefore() {
    admin.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(false).build());
    UserId coach = activeUserWithoutRoles("coach", NORTH);
    LicenseClaim pilot = admin.assignments().assignProduct(coach, OBSERVATION, "coaching pilot").assigned().get(0);
    admin.assignments().assignProduct(coach, COACHING, "coaching pilot");
    admin.assignments().revokeProduct(coach, COACHING, "pilot scaled down");
    admin.users().suspend(coach, "parental leave");
    assertThat(liveClaim(coach, OBSERVATION)).isEmpty();

    admin.users().reactivate(coach);

    LicenseClaim again = theLiveClaim(coach, OBSERVATION);
    assertThat(again.id()).isNotEqualTo(pilot.id());
    assertThat(again.direct()).isTrue();
    assertThat(liveClaim(coach, COACHING)).isEmpty();
    assertThat(seatsInUse(observation)).isEqualTo(1);
    assertThat(seatsInUse(coaching)).isZero();
  }

  @Test
  void aBulkReactivationRestoresWhatTheDirectoryReactivationRestores() {
    admin.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(false).build());
    UserId single = activeUser("single", TEACHER, NORTH);
    UserId bulk = activeUser("bulk", TEACHER, SOUTH);
    for (UserId user : List.of(single, bulk)) {
      admin.assignments().revokeRole(user, user.equals(single) ? NORTH : SOUTH, OBSERVABLE, "pilot instead");
      admin.assignments().assignProduct(user, OBSERVATION, "pilot");
    }
    admin.bulk().run(BulkRequest.where(UserFilter.builder().status(AccountStatus.ACTIVE).build())
        .action(BulkAction.changeStatus(BulkAction.StatusChange.SUSPEND)).reason("summer break").build());
    assertThat(seatsInUse(observation)).isZero();

    admin.users().reactivate(single);
    BulkResult reactivated = admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(SOUTH).build())
        .action(BulkAction.changeStatus(BulkAction.StatusChange.REACTIVATE)).reason("term starts").build());

    assertThat(reactivated.done()).isEqualTo(1);
    for (UserId user : List.of(single, bulk)) {
      assertThat(theLiveClaim(user, OBSERVATION).direct()).as("direct claim of %s", user).isTrue();
    }
    assertThat(seatsInUse(observation)).isEqualTo(2);
  }

  @Test
  void temporaryStaffAreArchivedForGoodAndHoldNoSeats() {
    UserId substitute = UserId.of("substitute");
    admin.users().register(NewUser.builder().id(substitute).name("Sam Sub").email("sam@example.org")
        .jobProfile(TEACHER).addOrganizations(SOUTH).endDate(LocalDate.parse("2026-12-18")).build());
    assertThat(admin.users().find(substitute).orElseThrow().endDate()).contains(LocalDate.parse("2026-12-18"));

    admin.users().archive(substitute, "engagement ended");

    assertThat(seatsInUse(observation)).isZero();
    assertConflict(() -> admin.users().reactivate(substitute), "ILLEGAL_STATUS_CHANGE");
    assertThat(admin.users().find(substitute).orElseThrow().status()).isEqualTo(AccountStatus.ARCHIVED);
  }
}
