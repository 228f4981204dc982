package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.policy.PolicyFixtures.NOW;
import static org.licensekit.core.policy.PolicyFixtures.certified;
import static org.licensekit.core.policy.PolicyFixtures.completed;
import static org.licensekit.core.policy.PolicyFixtures.days;
import static org.licensekit.core.policy.PolicyFixtures.product;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.TrainingId;

class PrerequisitesTest {

  private static final TrainingId ORIENTATION = TrainingId.of("orientation");
  private static final TrainingId PROCTOR_CERT = TrainingId.of("proctor-certification");
  private static final TrainingId SAFETY = TrainingId.of("safety");

  private static final Product NEEDS_ORIENTATION = product().addPrerequisites(Prerequisite.training(ORIENTATION)).build();
  private static final Product NEEDS_CERTIFICATION =
      product().addPrerequisites(Prerequisite.certification(PROCTOR_CERT)).build();

  @Test
  void productWithoutPrerequisitesIsNeverBlocked() {
    assertThat(Prerequisites.unmet(product().build(), List.of(), NOW)).isEmpty();
  }

  @Test
  void missingTrainingIsReportedAsMissingNotExpired() {
    List<UnmetPrerequisite> unmet = Prerequisites.unmet(NEEDS_ORIENTATION, List.of(), NOW);

    assertThat(unmet).singleElement().satisfies(u -> {
      assertThat(u.prerequisite()).isEqualTo(Prerequisite.training(ORIENTATION));
      assertThat(u.expired()).isFalse();
      assertThat(u.expiredAt()).isEmpty();
    });
  }

  @Test
  void completedTrainingSatisfiesThePrerequisite() {
    assertThat(Prerequisites.unmet(NEEDS_ORIENTATION, List.of(completed(ORIENTATION, days(-3))), NOW)).isEmpty();
  }

  @Test
  void trainingCompletedThisVeryInstantCounts() {
    assertThat(Prerequisites.unmet(NEEDS_ORIENTATION, List.of(completed(ORIENTATION, NOW)), NOW)).isEmpty();
  }

  @Test
  void trainingCompletedInTheFutureDoesNotCountYet() {
    List<UnmetPrerequisite> unmet = Prerequisites.unmet(NEEDS_ORIENTATION, List.of(completed(ORIENTATION, days(1))), NOW);

    assertThat(unmet).singleElement().satisfies(u -> assertThat(u.expired()).isFalse());
  }

  @Test
  void certificationEarnedInTheFutureIsMissingNotExpired() {
    // A record entered ahead of time must neither count nor claim that something expired.
    List<UnmetPrerequisite> unmet =
        Prerequisites.unmet(NEEDS_CERTIFICATION, List.of(certified(PROCTOR_CERT, days(3), days(368))), NOW);

    assertThat(unmet).singleElement().satisfies(u -> {
      assertThat(u.expired()).isFalse();
      assertThat(u.expiredAt()).isEmpty();
    });
  }

  @Test
  void completionOfAnotherTrainingDoesNotCount() {
    assertThat(Prerequisites.unmet(NEEDS_ORIENTATION, List.of(completed(SAFETY, days(-3))), NOW)).hasSize(1);
  }

  @Test
  void validCertificationSatisfiesThePrerequisite() {
    assertThat(Prerequisites.unmet(NEEDS_CERTIFICATION, List.of(certified(PROCTOR_CERT, days(-100), days(265))), NOW))
        .isEmpty();
  }

  @Test
  void expiredCertificationIsReportedAsExpiredWithTheInstantItExpired() {
    List<UnmetPrerequisite> unmet =
        Prerequisites.unmet(NEEDS_CERTIFICATION, List.of(certified(PROCTOR_CERT, days(-400), days(-35))), NOW);

    assertThat(unmet).singleElement().satisfies(u -> {
      assertThat(u.prerequisite()).isEqualTo(Prerequisite.certification(PROCTOR_CERT));
      assertThat(u.expired()).isTrue();
      assertThat(u.expiredAt()).contains(days(-35));
    });
  }

  @Test
  void certificationExpiresAtTheInstantOfItsExpiry() {
    List<UnmetPrerequisite> unmet =
        Prerequisites.unmet(NEEDS_CERTIFICATION, List.of(certified(PROCTOR_CERT, days(-365), NOW)), NOW);

    assertThat(unmet).singleElement().satisfies(u -> assertThat(u.expiredAt()).contains(NOW));
  }

  @Test
  void renewedCertificationSatisfiesThePrerequisiteDespiteAnOlderExpiredOne() {
    List<UnmetPrerequisite> unmet = Prerequisites.unmet(NEEDS_CERTIFICATION, List.of(
        certified(PROCTOR_CERT, days(-800), days(-435)),
        certified(PROCTOR_CERT, days(-5), days(360))), NOW);

    assertThat(unmet).isEmpty();
  }

  @Test
  void ofSeveralExpiredCertificationsTheLatestExpiryIsReported() {
    List<UnmetPrerequisite> unmet = Prerequisites.unmet(NEEDS_CERTIFICATION, List.of(
        certified(PROCTOR_CERT, days(-400), days(-35)),
        certified(PROCTOR_CERT, days(-800), days(-435))), NOW);

    assertThat(unmet).singleElement().satisfies(u -> assertThat(u.expiredAt()).contains(days(-35)));
  }

  @Test
  void severalUnmetPrerequisitesComeInTheOrderOfTheirTrainingIds() {
    Product demanding = product()
        .addPrerequisites(Prerequisite.training(SAFETY))
        .addPrerequisites(Prerequisite.certification(PROCTOR_CERT))
        .addPrerequisites(Prerequisite.training(ORIENTATION))
        .build();

    List<UnmetPrerequisite> unmet = Prerequisites.unmet(demanding,
        List.of(certified(PROCTOR_CERT, days(-400), days(-35))), NOW);

    assertThat(unmet).extracting(u -> u.prerequisite().training())
        .containsExactly(ORIENTATION, PROCTOR_CERT, SAFETY);
    assertThat(unmet).extracting(UnmetPrerequisite::expired).containsExactly(false, true, false);
  }

  @Test
  void theOrderDoesNotDependOnTheOrderThePrerequisitesWereDeclaredIn() {
    Product oneWay = product()
        .addPrerequisites(Prerequisite.training(ORIENTATION), Prerequisite.training(SAFETY)).build();
    Product otherWay = product()
        .addPrerequisites(Prerequisite.training(SAFETY), Prerequisite.training(ORIENTATION)).build();

    assertThat(Prerequisites.unmet(oneWay, List.of(), NOW)).isEqualTo(Prerequisites.unmet(otherWay, List.of(), NOW));
  }

  @Test
  void onlyTheUnmetOnesOfSeveralPrerequisitesAreReported() {
    Product demanding = product()
        .addPrerequisites(Prerequisite.training(ORIENTATION), Prerequisite.training(SAFETY)).build();

    assertThat(Prerequisites.unmet(demanding, List.of(completed(ORIENTATION, days(-1))), NOW))
        .extracting(u -> u.prerequisite().training())
        .containsExactly(SAFETY);
  }
}
