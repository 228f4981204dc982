package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.licensekit.core.api.DefaultCatalog.ADMINISTRATOR;
import static org.licensekit.core.api.DefaultCatalog.EVALUATOR;
import static org.licensekit.core.api.DefaultCatalog.OBSERVABLE;
import static org.licensekit.core.api.DefaultCatalog.OBSERVER;
import static org.licensekit.core.api.DefaultCatalog.PROCTOR;
import static org.licensekit.core.api.DefaultCatalog.TEACHER;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.api.OrganizationRoles;
import org.licensekit.core.api.RoleHolding;
import org.licensekit.core.api.RoleSource;
import org.licensekit.core.api.Troubleshooting;
import org.licensekit.core.api.UserProfile;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;

/**
 * "Verify the user has the correct role assignments", the first troubleshooting step: one call
 * returns a user's organizations, the roles held in each with where each came from, claims and
 * training; the troubleshooter's answer carries it.
 */
public abstract class UserProfileWorkflow extends WorkflowSupport {

  @BeforeEach
  void poolsForEveryProduct() {
    Stream.of(OBSERVATION, EVALUATION, PROCTORING, COACHING, ANALYTICS).forEach(product -> pool(product, 10));
  }

  @Test
  void theProfileTellsJobProfileRolesFromRolesGrantedLater() {
    UserId ana = activeUser("ana", TEACHER, NORTH);
    admin.assignments().assignRole(ana, SOUTH, PROCTOR);
    admin.assignments().assignRole(ana, NORTH, OBSERVER);

    UserProfile profile = admin.users().profile(ana);

    assertThat(profile.account().id()).isEqualTo(ana);
    assertThat(profile.jobProfile()).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(TEACHER));
    assertThat(profile.organizations()).extracting(o -> o.organization().id()).containsExactly(NORTH, SOUTH);
    assertThat(profile.organizations().get(0).organization().name()).isEqualTo("North High");
    assertThat(profile.organizations().get(0).roles())
        .extracting(RoleHolding::role, RoleHolding::source, RoleHolding::grants)
        .containsExactly(
            tuple(OBSERVABLE, RoleSource.JOB_PROFILE, Set.of(COACHING, OBSERVATION)),
            tuple(OBSERVER, RoleSource.GRANTED, Set.of(OBSERVATION)));
    assertThat(profile.organizations().get(1).roles())
        .extracting(RoleHolding::role, RoleHolding::source)
        .containsExactly(tuple(PROCTOR, RoleSource.GRANTED));
    assertThat(profile.roles()).containsExactly(OBSERVABLE, OBSERVER, PROCTOR);
    assertThat(profile.productsGrantedByRoles()).containsExactly(COACHING, OBSERVATION, PROCTORING);
  }

  @Test
  void theProfileListsClaimsLiveAndEndedNewestFirstAndTraining() {
    UserId ana = activeUser("ana", TEACHER, NORTH);
    clock.advance(Duration.ofHours(1));
    admin.assignments().assignProduct(ana, ANALYTICS, "pilot");
    clock.advance(Duration.ofHours(1));
    admin.assignments().revokeProduct(ana, COACHING, "not needed");
    admin.training().recordCompletion(ana, PROCTOR_TRAINING, START);

    UserProfile profile = admin.users().profile(ana);

    assertThat(profile.claims()).extracting(LicenseClaim::product, LicenseClaim::status, LicenseClaim::direct)
        .containsExactlyInAnyOrder(
            tuple(ANALYTICS, ClaimStatus.PENDING, true),
            tuple(COACHING, ClaimStatus.REVOKED, false),
            tuple(OBSERVATION, ClaimStatus.PENDING, false));
    assertThat(profile.claims().get(0).product()).as("the newest assignment first").isEqualTo(ANALYTICS);
    assertThat(profile.liveClaims()).extracting(LicenseClaim::product).containsExactlyInAnyOrder(ANALYTICS, OBSERVATION);
    assertThat(profile.training()).extracting(TrainingRecord::training).containsExactly(PROCTOR_TRAINING);
  }

  @Test
  void aUserSetUpWithoutJobProfileHoldsOnlyGrantedRoles() {
    UserId bo = activeUserWithoutRoles("bo", SOUTH);
    admin.assignments().assignRole(bo, SOUTH, EVALUATOR);

    UserProfile profile = admin.users().profile(bo);

    assertThat(profile.jobProfile()).isEmpty();
    assertThat(profile.organizations()).singleElement().satisfies(o -> {
      assertThat(o.organization().id()).isEqualTo(SOUTH);
      assertThat(o.roles()).extracting(RoleHolding::role, RoleHolding::source).containsExactly(tuple(EVALUATOR, RoleSource.GRANTED));
    });
  }

  @Test
  void aMembershipWithoutRolesIsListedWithNoRoles() {
    UserId lee = activeUser("lee", ADMINISTRATOR, NORTH);
    admin.assignments().addToOrganization(lee, SOUTH, Set.of());

    List<OrganizationRoles> organizations = admin.users().profile(lee).organizations();

    assertThat(organizations).extracting(o -> o.organization().id()).containsExactly(NORTH, SOUTH);
    assertThat(organizations.get(0).roles()).extracting(RoleHolding::role, RoleHolding::source)
        .containsExactly(tuple(EVALUATOR, RoleSource.JOB_PROFILE), tuple(OBSERVER, RoleSource.JOB_PROFILE));
    assertThat(organizations.get(1).roles()).isEmpty();
  }

  @Test
  void aUserReadsTheirOwnProfile() {
    UserId ana = activeUser("ana", TEACHER, NORTH);

    assertThat(asUser(ana).users().profile(ana)).isEqualTo(admin.users().profile(ana));
  }

  @Test
  void theProfileOfAnUnknownUserIsRefusedNamingTheUser() {
    assertThatThrownBy(() -> admin.users().profile(UserId.of("ghost")))
        .isInstanceOf(NotFoundException.class)
        .hasMessageContaining("userId");
  }

  @Test
  void theTroubleshooterAnswersWithTheProfileAndEveryDecision() {
    UserId ana = activeUser("ana", TEACHER, NORTH);

    Troubleshooting answer = admin.access().troubleshoot(ana);

    assertThat(answer.user()).isEqualTo(ana);
    assertThat(answer.profile()).contains(admin.users().profile(ana));
    assertThat(answer.decisions()).isEqualTo(admin.access().explain(ana));
    assertThat(answer.decisions()).extracting(AccessDecision::product)
        .containsExactly(ANALYTICS, COACHING, EVALUATION, OBSERVATION, PROCTORING);
    assertThat(answer.denied()).extracting(AccessDecision::product).containsExactly(ANALYTICS, COACHING, EVALUATION, OBSERVATION, PROCTORING);
    claimed(ana, OBSERVATION);
    assertThat(admin.access().troubleshoot(ana).denied()).extracting(AccessDecision::product)
        .doesNotContain(OBSERVATION);
  }

  @Test
  void theTroubleshooterOnAnUnknownUserHasNoProfileAndSaysUnknownUser() {
    Troubleshooting answer = admin.access().troubleshoot(UserId.of("ghost"));

    assertThat(answer.profile()).isEmpty();
    assertThat(answer.decisions()).isNotEmpty()
        .allSatisfy(d -> assertThat(d.reasonCodes()).startsWith(DenialReason.UNKNOWN_USER));
  }

  @Test
  void roleSourcesFollowTheJobProfileAsTheCatalogDefinesItNow() {
    UserId ana = activeUser("ana", TEACHER, NORTH);
    admin.assignments().assignRole(ana, NORTH, OBSERVER);
    admin.catalog().defineJobProfile(org.licensekit.core.domain.JobProfile.of(TEACHER, "Teachers", Set.of(OBSERVABLE, OBSERVER)));

    assertThat(admin.users().profile(ana).organizations().get(0).roles()).extracting(RoleHolding::source)
        .containsOnly(RoleSource.JOB_PROFILE);
  }
}
