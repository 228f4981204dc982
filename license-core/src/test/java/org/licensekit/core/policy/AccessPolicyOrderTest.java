package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.policy.PolicyFixtures.PROCTOR;
import static org.licensekit.core.policy.PolicyFixtures.allowedFacts;
import static org.licensekit.core.policy.PolicyFixtures.certified;
import static org.licensekit.core.policy.PolicyFixtures.claim;
import static org.licensekit.core.policy.PolicyFixtures.days;
import static org.licensekit.core.policy.PolicyFixtures.product;
import static org.licensekit.core.policy.PolicyFixtures.user;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.TrainingId;

/** The guide's troubleshooting list, in its order, and the codes and hints every denial carries. */
class AccessPolicyOrderTest {

  @Test
  void everyFailingConditionIsReportedInTheGuidesTroubleshootingOrder() {
    TrainingId orientation = TrainingId.of("a-orientation");
    TrainingId certification = TrainingId.of("b-observer-certification");
    AccessFacts everythingWrong = allowedFacts()
        .withMemberships(List.of())
        .withUser(user(AccountStatus.SUSPENDED))
        .withProduct(product()
            .addPrerequisites(Prerequisite.certification(certification), Prerequisite.training(orientation))
            .build())
        .withTraining(certified(certification, days(-400), days(-35)))
        .withClaim(claim(ClaimStatus.REVOKED).direct(true).endedAt(days(-1)).build());

    AccessDecision decision = AccessPolicy.decide(everythingWrong);

    // 1 roles, 2 account status, 3 training, 4 organizations — then the claim itself
    assertThat(decision.reasonCodes()).containsExactly(
        DenialReason.NO_ROLE_GRANTS_PRODUCT,
        DenialReason.ACCOUNT_NOT_ACTIVE,
        DenialReason.TRAINING_NOT_ASSIGNED,
        DenialReason.CERTIFICATION_EXPIRED,
        DenialReason.NO_ORGANIZATION,
        DenialReason.CLAIM_REVOKED);
  }

  @Test
  void theDecisionForTheSameFactsIsAlwaysTheSame() {
    AccessFacts facts = allowedFacts()
        .withMemberships(PolicyFixtures.memberOfLincolnHigh(PROCTOR))
        .withUser(user(AccountStatus.INVITED))
        .withClaim(claim(ClaimStatus.PENDING).build());

    assertThat(AccessPolicy.decide(facts)).isEqualTo(AccessPolicy.decide(facts));
  }

  @ParameterizedTest
  @EnumSource(DenialReason.class)
  void everyDenialHasAOneLineRemediationHintAndItsNameAsCode(DenialReason reason) {
    AccessDenial denial = AccessDenial.of(reason, "detail");

    assertThat(denial.code()).isEqualTo(reason.name());
    assertThat(denial.hint()).isNotBlank().doesNotContain("\n").endsWith(".");
    assertThat(denial.toString()).contains(reason.name(), "detail", reason.hint());
  }

  @Test
  void theCodesAreStableBecauseHostsStoreAndSwitchOnThem() {
    // Renaming or reordering a reason breaks hosts and the troubleshooting order: change this list on purpose only.
    assertThat(Arrays.stream(DenialReason.values()).map(reason -> AccessDenial.of(reason, "-").code())).containsExactly(
        "UNKNOWN_USER",
        "UNKNOWN_PRODUCT",
        "NO_ROLE_GRANTS_PRODUCT",
        "ACCOUNT_NOT_ACTIVE",
        "TRAINING_NOT_ASSIGNED",
        "TRAINING_NOT_COMPLETED",
        "CERTIFICATION_EXPIRED",
        "NO_ORGANIZATION",
        "NO_CLAIM",
        "WAITING_FOR_SEAT",
        "CLAIM_PENDING",
        "CLAIM_EXPIRED",
        "CLAIM_REVOKED",
        "POOL_TERM_ENDED",
        "POOL_TERM_NOT_STARTED");
  }

  @Test
  void everyHintIsDistinct() {
    assertThat(Arrays.stream(DenialReason.values()).map(DenialReason::hint)).doesNotHaveDuplicates();
  }
}
