package org.licensekit.core.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TrainingId;

/**
 * The canonical form of filters and bulk requests is stored in idempotency fingerprints: the
 * expected texts below were printed by the release before the canonical form existed (the record's
 * {@code toString()} then), so a stored key's replay keeps matching whatever criteria are added.
 */
class UserFilterCanonicalFormTest {

  private static final UserFilter EVERY_CRITERION = UserFilter.builder().organization(OrganizationId.of("north"))
      .role(RoleId.of("EVALUATOR")).jobProfile(JobProfileId.of("administrator")).status(AccountStatus.ACTIVE)
      .nameOrEmailContains("smith").claim(ProductId.of("coaching"), ClaimCondition.Status.PENDING)
      .endsBefore(LocalDate.of(2026, 12, 1)).build();

  @Test
  void everyFilterShapeOfTheFirstReleaseKeepsItsText() {
    assertThat(UserFilter.all().canonical()).isEqualTo("UserFilter[organization=Optional.empty, includeSubOrganizations=false,"
        + " role=Optional.empty, jobProfile=Optional.empty, statuses=[], nameOrEmailContains=Optional.empty,"
        + " claim=Optional.empty, endsBefore=Optional.empty]");
    assertThat(UserFilter.builder().organization(OrganizationId.of("north")).build().canonical())
        .isEqualTo("UserFilter[organization=Optional[north], includeSubOrganizations=false, role=Optional.empty,"
            + " jobProfile=Optional.empty, statuses=[], nameOrEmailContains=Optional.empty, claim=Optional.empty,"
            + " endsBefore=Optional.empty]");
    assertThat(UserFilter.builder().organizationWithSubOrganizations(OrganizationId.of("district")).role(RoleId.of("OBSERVER"))
        .build().canonical())
        .isEqualTo("UserFilter[organization=Optional[district], includeSubOrganizations=true, role=Optional[OBSERVER],"
            + " jobProfile=Optional.empty, statuses=[], nameOrEmailContains=Optional.empty, claim=Optional.empty,"
            + " endsBefore=Optional.empty]");
    assertThat(UserFilter.builder().jobProfile(JobProfileId.of("teacher")).status(AccountStatus.SUSPENDED, AccountStatus.INVITED)
        .build().canonical())
        .isEqualTo("UserFilter[organization=Optional.empty, includeSubOrganizations=false, role=Optional.empty,"
            + " jobProfile=Optional[teacher], statuses=[INVITED, SUSPENDED], nameOrEmailContains=Optional.empty,"
            + " claim=Optional.empty, endsBefore=Optional.empty]");
    assertThat(UserFilter.builder().nameOrEmailContains("Ana López, 100%_x]").build().canonical())
        .isEqualTo("UserFilter[organization=Optional.empty, includeSubOrganizations=false, role=Optional.empty,"
            + " jobProfile=Optional.empty, statuses=[], nameOrEmailContains=Optional[Ana López, 100%_x]],"
            + " claim=Optional.empty, endsBefore=Optional.empty]");
    assertThat(UserFilter.builder().claim(ProductId.of("observation"), ClaimCondition.Status.NO_LIVE_CLAIM)
        .endsBefore(LocalDate.of(2027, 6, 30)).build().canonical())
        .isEqualTo("UserFilter[organization=Optional.empty, includeSubOrganizations=false, role=Optional.empty,"
            + " jobProfile=Optional.empty, statuses=[], nameOrEmailContains=Optional.empty,"
            + " claim=Optional[ClaimCondition[product=observation, status=NO_LIVE_CLAIM]], endsBefore=Optional[2027-06-30]]");
    assertThat(EVERY_CRITERION.canonical())
        .isEqualTo("UserFilter[organization=Optional[north], includeSubOrganizations=false, role=Optional[EVALUATOR],"
            + " jobProfile=Optional[administrator], statuses=[ACTIVE], nameOrEmailContains=Optional[smith],"
            + " claim=Optional[ClaimCondition[product=coaching, status=PENDING]], endsBefore=Optional[2026-12-01]]");
  }

  @Test
  void bulkRequestFingerprintsOfTheFirstReleaseAreUnchanged() {
    BulkRequest grant = BulkRequest.where(EVERY_CRITERION)
        .action(BulkAction.grantRoles(OrganizationId.of("north"), Set.of(RoleId.of("OBSERVER"), RoleId.of("EVALUATOR"))))
        .mode(BulkMode.ALL_OR_NOTHING).reason("spring observers").idempotencyKey("k").build();
    BulkRequest revoke = BulkRequest.where(UserFilter.all()).action(BulkAction.revokeRole(RoleId.of("OBSERVER"), Optional.empty()))
        .reason("x").build();

    assertThat(grant.fingerprint()).isEqualTo("grantRoles(north;EVALUATOR,OBSERVER)|ALL_OR_NOTHING|UserFilter[organization=Optional[north],"
        + " includeSubOrganizations=false, role=Optional[EVALUATOR], jobProfile=Optional[administrator], statuses=[ACTIVE],"
        + " nameOrEmailContains=Optional[smith], claim=Optional[ClaimCondition[product=coaching, status=PENDING]],"
        + " endsBefore=Optional[2026-12-01]]|spring observers");
    assertThat(revoke.fingerprint()).isEqualTo("revokeRole(OBSERVER;*)|BEST_EFFORT|UserFilter[organization=Optional.empty,"
        + " includeSubOrganizations=false, role=Optional.empty, jobProfile=Optional.empty, statuses=[],"
        + " nameOrEmailContains=Optional.empty, claim=Optional.empty, endsBefore=Optional.empty]|x");
  }

  @Test
  void aTrainingConditionIsAppendedAsVersionTwoOnlyWhenSet() {
    UserFilter overdue = UserFilter.builder().organization(OrganizationId.of("north"))
        .training(TrainingId.of("safety-101"), TrainingCondition.Status.OVERDUE).build();

    assertThat(overdue.canonical()).isEqualTo(UserFilter.builder().organization(OrganizationId.of("north")).build().canonical()
        + ";v2:training=safety-101/OVERDUE");
    assertThat(overdue.canonical()).isNotEqualTo(UserFilter.builder().organization(OrganizationId.of("north"))
        .training(TrainingId.of("safety-101"), TrainingCondition.Status.NOT_COMPLETED).build().canonical());
  }

  @Test
  void theCanonicalFormDoesNotDependOnHowTheFilterWasBuilt() {
    UserFilter one = UserFilter.builder().status(AccountStatus.SUSPENDED).status(AccountStatus.ACTIVE).build();
    UserFilter other = new UserFilter(Optional.empty(), false, Optional.empty(), Optional.empty(),
        Set.of(AccountStatus.ACTIVE, AccountStatus.SUSPENDED), Optional.empty(), Optional.empty(), Optional.empty());

    assertThat(one.canonical()).isEqualTo(other.canonical()).contains("statuses=[ACTIVE, SUSPENDED]");
  }
}
