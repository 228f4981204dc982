package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.core.api.DefaultCatalog.ADMINISTRATOR;
import static org.licensekit.core.api.DefaultCatalog.SPECIALIZED_STAFF;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.ClaimResult;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;

/**
 * "Training Prerequisites": some products require training or a certification before access is
 * granted. Verify the training is required, check completion, confirm certifications are current,
 * then enable access.
 */
public abstract class TrainingPrerequisiteWorkflow extends WorkflowSupport {

  @BeforeEach
  void pools() {
    pool(PROCTORING, 5);
    pool(EVALUATION, 5);
  }

  @Test
  void aClaimIsRefusedUntilTheRequiredTrainingIsRecordedThenAllowed() {
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);

    ClaimResult refused = claimAsUser(proctor, PROCTORING);

    assertThat(refused.succeeded()).isFalse();
    assertThat(refused.refusals()).singleElement().satisfies(denial -> {
      assertThat(denial.reason()).isEqualTo(DenialReason.TRAINING_NOT_COMPLETED);
      assertThat(denial.detail()).contains(PROCTOR_TRAINING.value());
    });
    assertThat(theLiveClaim(proctor, PROCTORING).status()).isEqualTo(ClaimStatus.PENDING);

    admin.training().recordCompletion(proctor, PROCTOR_TRAINING, START.minus(Duration.ofHours(2)));

    assertThat(claimed(proctor, PROCTORING).status()).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(tenant.access().check(proctor, PROCTORING).allowed()).isTrue();
  }

  @Test
  void trainingCompletedInTheFutureDoesNotCountYet() {
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);
    admin.training().recordCompletion(proctor, PROCTOR_TRAINING, START.plus(Duration.ofDays(2)));

    assertThat(claimAsUser(proctor, PROCTORING).refusals()).extracting(AccessDenial::reason)
        .containsExactly(DenialReason.TRAINING_NOT_COMPLETED);

    clock.advance(Duration.ofDays(2));
    assertThat(claimed(proctor, PROCTORING).status()).isEqualTo(ClaimStatus.ACTIVE);
  }

  @Test
  void aCertifiedEvaluatorMayClaimAndLosesAccessWhenTheCertificationExpires() {
    UserId principal = activeUser("principal", ADMINISTRATOR, NORTH);
    assertThat(claimAsUser(principal, EVALUATION).refusals()).extracting(AccessDenial::reason)
        .containsExactly(DenialReason.TRAINING_NOT_COMPLETED);
    Instant expiry = START.plus(Duration.ofDays(30));

    admin.training().recordCertification(principal, EVALUATOR_CERTIFICATION, START.minus(Duration.ofDays(1)), expiry);
    LicenseClaim active = claimed(principal, EVALUATION);
    clock.set(expiry);

    assertThat(tenant.access().check(principal, EVALUATION).reasonCodes()).containsExactly(DenialReason.CERTIFICATION_EXPIRED);
    assertThat(reread(active).status()).as("the claim itself stays active").isEqualTo(ClaimStatus.ACTIVE);
  }

  @Test
  void renewingAnExpiredCertificationRestoresAccess() {
    UserId principal = activeUser("principal", ADMINISTRATOR, NORTH);
    Instant expiry = START.plus(Duration.ofDays(30));
    admin.training().recordCertification(principal, EVALUATOR_CERTIFICATION, START.minus(Duration.ofDays(1)), expiry);
    claimed(principal, EVALUATION);
    clock.set(expiry.plus(Duration.ofDays(5)));

    admin.training().recordCertification(principal, EVALUATOR_CERTIFICATION, clock.instant(), clock.instant().plus(Duration.ofDays(365)));

    assertThat(tenant.access().check(principal, EVALUATION).allowed()).isTrue();
  }

  @Test
  void aCertificationThatExpiredBeforeTheClaimBlocksTheClaim() {
    UserId principal = activeUser("principal", ADMINISTRATOR, NORTH);
    admin.training().recordCertification(principal, EVALUATOR_CERTIFICATION,
        START.minus(Duration.ofDays(400)), START.minus(Duration.ofDays(35)));

    ClaimResult result = claimAsUser(principal, EVALUATION);

    assertThat(result.refusals()).extracting(AccessDenial::reason).containsExactly(DenialReason.CERTIFICATION_EXPIRED);
    assertThat(theLiveClaim(principal, EVALUATION).status()).isEqualTo(ClaimStatus.PENDING);
  }

  @Test
  void prerequisitesOfOneProductDoNotHoldUpAnother() {
    UserId principal = activeUser("principal", ADMINISTRATOR, NORTH);
    pool(OBSERVATION, 5);
    admin.assignments().assignProduct(principal, OBSERVATION, "pool added after setup");

    assertThat(claimed(principal, OBSERVATION).status()).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(claimAsUser(principal, EVALUATION).succeeded()).isFalse();
  }

  @Test
  void trainingRecordsAreListedAndAudited() {
    UserId proctor = activeUser("proctor", SPECIALIZED_STAFF, NORTH);
    Instant completed = START.minus(Duration.ofDays(3));

    admin.training().recordCompletion(proctor, PROCTOR_TRAINING, completed);

    assertThat(admin.training().of(proctor)).singleElement().satisfies(record -> {
      assertThat(record.training()).isEqualTo(PROCTOR_TRAINING);
      assertThat(record.completedAt()).isEqualTo(completed);
      assertThat(record.expiresAt()).isEmpty();
    });
    assertThat(asUser(proctor).training().of(proctor)).extracting(TrainingRecord::training).containsExactly(PROCTOR_TRAINING);
    assertThat(audited(ChangeType.TRAINING_RECORDED)).singleElement()
        .satisfies(entry -> assertThat(entry.user()).contains(proctor));
  }

  @Test
  void aCertificationExpiringBeforeItWasEarnedIsRefusedAndNotRecorded() {
    UserId principal = activeUser("principal", ADMINISTRATOR, NORTH);

    assertThatThrownBy(() -> admin.training().recordCertification(principal, EVALUATOR_CERTIFICATION, START, START.minusSeconds(1)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("expiresAt"));

    assertThat(admin.training().of(principal)).isEmpty();
    assertThat(audited(ChangeType.TRAINING_RECORDED)).isEmpty();
  }
}
