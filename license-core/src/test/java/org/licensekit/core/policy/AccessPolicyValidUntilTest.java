package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.policy.PolicyFixtures.NOW;
import static org.licensekit.core.policy.PolicyFixtures.allowedFacts;
import static org.licensekit.core.policy.PolicyFixtures.certified;
import static org.licensekit.core.policy.PolicyFixtures.claim;
import static org.licensekit.core.policy.PolicyFixtures.completed;
import static org.licensekit.core.policy.PolicyFixtures.days;
import static org.licensekit.core.policy.PolicyFixtures.pool;
import static org.licensekit.core.policy.PolicyFixtures.product;
import static org.licensekit.core.policy.PolicyFixtures.term;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AccessPolicy#validUntil}: the first instant after now at which time alone can change the decision. */
class AccessPolicyValidUntilTest {

  private static final Logger LOG = LoggerFactory.getLogger(AccessPolicyValidUntilTest.class);
  private static final TrainingId ORIENTATION = TrainingId.of("orientation");
  private static final TrainingId CERT = TrainingId.of("observer-certification");

  @Test
  void theEarlierOfTheClaimExpiryAndThePoolTermEnd() {
    assertThat(AccessPolicy.validUntil(allowedFacts())).isEqualTo(days(300));
    assertThat(AccessPolicy.validUntil(allowedFacts().withPool(pool("p").term(term(-30, 250)).build()))).isEqualTo(days(250));
    assertThat(AccessPolicy.validUntil(allowedFacts().withClaim(claim(ClaimStatus.ACTIVE).expiresAt(days(20)).build())))
        .isEqualTo(days(20));
  }

  @Test
  void aPoolTermNotStartedYetHoldsUntilItsStart() {
    assertThat(AccessPolicy.validUntil(allowedFacts().withPool(pool("p").term(term(5, 300)).build()))).isEqualTo(days(5));
  }

  @Test
  void aTrainingRecordCompletingOrExpiringLaterComesFirstWhilePastOnesDoNotCount() {
    var facts = allowedFacts().withTraining(List.of(
        completed(ORIENTATION, days(-1)),
        certified(CERT, days(-100), days(-1)),
        completed(ORIENTATION, days(3)),
        certified(CERT, days(-1), days(2))));

    assertThat(AccessPolicy.validUntil(facts)).isEqualTo(days(2));
  }

  @Test
  void anOpenTrainingAssignmentHoldsUntilJustAfterItsDueDateOrUntilItsLaterCompletion() {
    var due = allowedFacts().withTrainingAssignments(List.of(assignment(days(4), Optional.empty())));
    var completedLater = allowedFacts().withTrainingAssignments(List.of(assignment(days(40), Optional.of(days(3)))));

    assertThat(AccessPolicy.validUntil(due)).isEqualTo(days(4).plusNanos(1));
    assertThat(AccessPolicy.validUntil(completedLater)).isEqualTo(days(3));
  }

  private static TrainingAssignment assignment(Instant dueAt, Optional<Instant> completedAt) {
    return TrainingAssignment.builder().user(PolicyFixtures.ANA).training(ORIENTATION).assignedAt(days(-5))
        .dueAt(dueAt).completedAt(completedAt).build();
  }

  @Test
  void anInstantEqualToNowDoesNotCountAndNothingAheadMeansForever() {
    var facts = allowedFacts().withClaim(Optional.empty()).withPool(Optional.empty())
        .withTraining(List.of(completed(ORIENTATION, NOW)));

    assertThat(AccessPolicy.validUntil(facts)).isEqualTo(Instant.MAX);
  }

  /** Seeded: for random facts, the decision is the same at every instant from now until validUntil. */
  @Test
  void theDecisionDoesNotChangeBeforeValidUntilAndTheBoundIsTight() {
    long seed = Long.getLong("licensekit.seed", new SplittableRandom().nextLong());
    LOG.info("validUntil property seed {} (replay with -Dlicensekit.seed={})", seed, seed);
    SplittableRandom random = new SplittableRandom(seed);
    int changedAtTheBound = 0;
    for (int run = 0; run < 500; run++) {
      List<TrainingRecord> training = new ArrayList<>();
      for (int i = random.nextInt(3); i > 0; i--) {
        training.add(random.nextBoolean()
            ? completed(ORIENTATION, days(random.nextInt(-20, 20)))
            : certified(CERT, days(random.nextInt(-40, 10)), days(random.nextInt(11, 40))));
      }
      var facts = allowedFacts()
          .withProduct(product().addPrerequisites(Prerequisite.training(ORIENTATION), Prerequisite.certification(CERT)).build())
          .withClaim(claim(random.nextInt(4) == 0 ? ClaimStatus.PENDING : ClaimStatus.ACTIVE)
              .expiresAt(days(random.nextInt(-5, 60))).build())
          .withPool(pool("p").term(term(random.nextInt(-30, 10), random.nextInt(11, 60))).build())
          .withTraining(training)
          .withTrainingAssignments(random.nextBoolean() ? List.of()
              : List.of(assignment(days(random.nextInt(-5, 20)),
                  random.nextBoolean() ? Optional.empty() : Optional.of(days(random.nextInt(-5, 20))))));
      Instant until = AccessPolicy.validUntil(facts);
      assertThat(until).as("seed %d run %d", seed, run).isAfter(NOW);
      var decision = AccessPolicy.decide(facts);
      long span = Duration.between(NOW, until.isAfter(days(100)) ? days(100) : until).toNanos();
      for (int probe = 0; probe < 5; probe++) {
        Instant at = NOW.plusNanos(random.nextLong(span));
        assertThat(AccessPolicy.decide(facts.withNow(at))).as("seed %d run %d at %s (valid until %s)", seed, run, at, until)
            .isEqualTo(decision);
      }
      assertThat(AccessPolicy.decide(facts.withNow(until.minusNanos(1)))).as("seed %d run %d just before %s", seed, run, until)
          .isEqualTo(decision);
      if (until.isBefore(days(100)) && !AccessPolicy.decide(facts.withNow(until)).equals(decision)) {
        changedAtTheBound++;
      }
    }
    assertThat(changedAtTheBound).as("seed %d: decisions that change exactly at validUntil", seed).isPositive();
  }
}
