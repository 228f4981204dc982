package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.licensekit.core.api.DefaultCatalog.ADMINISTRATOR;
import static org.licensekit.core.api.DefaultCatalog.SPECIALIZED_STAFF;
import static org.licensekit.core.api.DefaultCatalog.TEACHER;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserId;

/**
 * "Troubleshooting: User Cannot Access Assigned Products". Each step of the guide's list — roles,
 * account status, training, organizations — and then the claim itself is a scenario whose denial
 * names exactly that reason, with a remediation hint.
 */
public abstract class TroubleshootingWorkflow extends WorkflowSupport {

  @BeforeEach
  void poolsForEveryProduct() {
    Stream.of(OBSERVATION, EVALUATION, PROCTORING, COACHING, ANALYTICS).forEach(product -> pool(product, 10));
  }

  @Test
  void step1AUserWithoutTheRightRoleIsToldNoRoleGrantsTheProduct() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);

    AccessDecision decision = tenant.access().check(teacher, ANALYTICS);

    assertThat(decision.reasonCodes()).containsExactly(DenialReason.NO_ROLE_GRANTS_PRODUCT, DenialReason.NO_CLAIM);
    assertThat(decision.reasons()).allSatisfy(d -> assertThat(d.hint()).isEqualTo(d.reason().hint()).isNotBlank());
  }

  @Test
  void step2ASuspendedAccountIsToldTheAccountIsNotActive() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);
    claimed(teacher, OBSERVATION);
    admin.users().suspend(teacher, "investigation");

    AccessDecision decision = tenant.access().check(teacher, OBSERVATION);

    assertThat(decision.reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.ACCOUNT_NOT_ACTIVE);
      assertThat(denial.detail()).contains("SUSPENDED");
    });
  }

  @Test
  void step2AnInvitedUserWhoNeverActivatedIsToldTheAccountIsNotActive() {
    UserId invited = register("invited", TEACHER, NORTH);

    AccessDecision decision = tenant.access().check(invited, OBSERVATION);

    assertThat(decision.reasonCodes()).containsExactly(DenialReason.ACCOUNT_NOT_ACTIVE, DenialReason.CLAIM_PENDING);
    assertThat(decision.reasons().get(0).detail()).contains("INVITED");
  }

  @Test
  void step3MissingTrainingIsNamed() {
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);

    AccessDecision decision = tenant.access().check(proctor, PROCTORING);

    assertThat(decision.reasonCodes()).containsExactly(DenialReason.TRAINING_NOT_COMPLETED, DenialReason.CLAIM_PENDING);
    assertThat(decision.reasons().get(0).detail()).contains(PROCTOR_TRAINING.value());
  }

  @Test
  void step3AnExpiredCertificationIsNamedAsExpired() {
    UserId principal = activeUser("principal", ADMINISTRATOR, NORTH);
    admin.training().recordCertification(principal, EVALUATOR_CERTIFICATION, START.minus(Duration.ofDays(300)),
        START.plus(Duration.ofDays(10)));
    claimed(principal, EVALUATION);
    clock.advance(Duration.ofDays(10));

    AccessDecision decision = tenant.access().check(principal, EVALUATION);

    assertThat(decision.reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.CERTIFICATION_EXPIRED);
      assertThat(denial.detail()).contains(EVALUATOR_CERTIFICATION.value());
    });
  }

  @Test
  void step4AUserInNoOrganizationIsToldToJoinOneAndThenGetsAccess() {
    UserId contractor = UserId.of("contractor");
    admin.users().register(NewUser.builder().id(contractor).name("Casey Contractor").email("casey@example.org").build());
    admin.users().activate(contractor);
    admin.assignments().assignProduct(contractor, OBSERVATION, "consultant");

    assertThat(claimAsUser(contractor, OBSERVATION).refusals()).extracting(AccessDenial::reason)
        .containsExactly(DenialReason.NO_ORGANIZATION);

    admin.assignments().addToOrganization(contractor, NORTH, Set.of());
    claimed(contractor, OBSERVATION);
    assertThat(tenant.access().check(contractor, OBSERVATION).allowed()).isTrue();
  }

  @Test
  void aPendingClaimIsToldToBeClaimed() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);

    assertThat(tenant.access().check(teacher, OBSERVATION).reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.CLAIM_PENDING);
      assertThat(denial.hint()).isEqualTo(DenialReason.CLAIM_PENDING.hint());
    });
  }

  @Test
  void aRevokedClaimIsToldWhyItWasRevoked() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);
    admin.claims().revoke(claimed(teacher, OBSERVATION).id(), "duplicate account");

    assertThat(tenant.access().check(teacher, OBSERVATION).reasons()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.CLAIM_REVOKED);
      assertThat(denial.detail()).contains("duplicate account");
    });
  }

  @Test
  void anExpiredClaimIsToldItExpired() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);
    claimed(teacher, COACHING);
    clock.advance(Duration.ofDays(91));

    assertThat(tenant.access().check(teacher, COACHING).reasonCodes()).containsExactly(DenialReason.CLAIM_EXPIRED);
  }

  @Test
  void everyFailingReasonIsNamedInTheGuidesOrder() {
    UserId stranger = UserId.of("stranger");
    admin.users().register(NewUser.builder().id(stranger).name("Stranger").email("stranger@example.org").build());

    AccessDecision decision = tenant.access().check(stranger, EVALUATION);

    assertThat(decision.reasonCodes()).containsExactly(DenialReason.NO_ROLE_GRANTS_PRODUCT, DenialReason.ACCOUNT_NOT_ACTIVE,
        DenialReason.TRAINING_NOT_ASSIGNED, DenialReason.NO_ORGANIZATION, DenialReason.NO_CLAIM);
  }

  @Test
  void anUnknownUserIsNamedAsUnknown() {
    assertThat(tenant.access().check(UserId.of("nobody"), OBSERVATION).reasonCodes())
        .containsExactly(DenialReason.UNKNOWN_USER);
  }

  @Test
  void explainCoversEveryProductOfTheCatalog() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);
    claimed(teacher, OBSERVATION);

    List<AccessDecision> decisions = tenant.access().explain(teacher);

    assertThat(decisions).extracting(AccessDecision::product)
        .containsExactlyInAnyOrder(OBSERVATION, EVALUATION, PROCTORING, COACHING, ANALYTICS);
    assertThat(decisions).filteredOn(AccessDecision::allowed).extracting(AccessDecision::product).containsExactly(OBSERVATION);
    assertThat(decisions).filteredOn(d -> d.product().equals(COACHING)).singleElement()
        .satisfies(d -> assertThat(d.reasonCodes()).containsExactly(DenialReason.CLAIM_PENDING));
    assertThat(decisions).allSatisfy(d -> assertThat(d.user()).isEqualTo(teacher));
  }

  @Test
  void aUserMayTroubleshootTheirOwnAccess() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);

    assertThat(asUser(teacher).access().explain(teacher)).hasSize(5);
    assertThat(asUser(teacher).access().check(teacher, COACHING).reasonCodes()).containsExactly(DenialReason.CLAIM_PENDING);
  }

  @Test
  void withClaimOnFirstAccessAPendingClaimIsActivatedOnTheFirstCheck() {
    admin.settings().update(TenantSettings.builder().claimOnFirstAccess(true).build());
    UserId teacher = activeUser("teacher", TEACHER, NORTH);
    LicenseClaim pending = theLiveClaim(teacher, OBSERVATION);

    assertThat(tenant.access().check(teacher, OBSERVATION).allowed()).isTrue();

    assertThat(reread(pending).status()).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(audited(ChangeType.CLAIM_ACTIVATED)).extracting(AuditEntry::subjectId, AuditEntry::actor)
        .containsExactly(tuple(pending.id().value(), Actor.system("host")));
  }

  @Test
  void withoutClaimOnFirstAccessACheckLeavesThePendingClaimAlone() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);
    LicenseClaim pending = theLiveClaim(teacher, OBSERVATION);

    assertThat(tenant.access().check(teacher, OBSERVATION).allowed()).isFalse();

    assertThat(reread(pending)).isEqualTo(pending);
  }

  @Test
  void claimOnFirstAccessDoesNotBypassMissingTraining() {
    admin.settings().update(TenantSettings.builder().claimOnFirstAccess(true).build());
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);
    LicenseClaim pending = theLiveClaim(proctor, PROCTORING);

    assertThat(tenant.access().check(proctor, PROCTORING).reasonCodes())
        .containsExactly(DenialReason.TRAINING_NOT_COMPLETED, DenialReason.CLAIM_PENDING);
    assertThat(reread(pending).status()).isEqualTo(ClaimStatus.PENDING);
  }
}
