package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kept decision folds the generations of its three scopes (and, on the wall, the clock epoch)
 * into one stamp: seeded random generations on few stripes (so a decision's stripes often coincide
 * with each other and with others'), random bumps of any stripe and of the epoch, and after each
 * the decision must be current exactly when none of its own stripes moved and, on the wall, the
 * epoch did not — never while one of them moved, whatever the others did, and not on the other
 * timing. {@code -Dlicensekit.seed} replays a run; a failure names its seed.
 */
class DecisionStampRandomTest {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionStampRandomTest.class);
  private static final int STRIPES = 6;
  private static final UserId USER = UserId.of("ana");
  private static final ProductId PRODUCT = ProductId.of("observation");
  /** Inside a millisecond, not on its edge, and a check well inside the decision's validity. */
  private static final Instant DECIDED = Instant.parse("2026-09-01T08:00:00.000400Z");
  private static final long INSIDE = DECIDED.toEpochMilli() + 1_000;
  private static final InstantSource CLOCK = () -> Instant.ofEpochMilli(INSIDE);

  static LongStream runs() {
    long seed = Long.getLong("licensekit.seed", System.nanoTime());
    return LongStream.range(0, 40).map(run -> seed * 1_000 + run);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("runs")
  void aDecisionIsCurrentExactlyWhileNoneOfItsGenerationsAndNotItsEpochMoved(long seed) {
    LOG.info("decision stamp random run, seed {} (replay with -Dlicensekit.seed={} and this run's index)", seed, seed / 1_000);
    SplittableRandom random = new SplittableRandom(seed);
    AtomicLongArray generations = new AtomicLongArray(STRIPES);
    for (int i = 0; i < STRIPES; i++) {
      generations.set(i, random.nextLong(0, 1_000));
    }
    long epoch = random.nextLong(0, 1_000);
    boolean wall = random.nextBoolean();
    List<Integer> stripes = List.of(random.nextInt(STRIPES), random.nextInt(STRIPES), random.nextInt(STRIPES));
    Decision decision = new Decision(USER, PRODUCT, new AccessDecision(USER, PRODUCT, List.of(), Optional.empty()), DECIDED,
        Instant.MAX, wall ? Long.MAX_VALUE : 2_000_000_000L, stripes.get(0), generations.get(stripes.get(0)), stripes.get(1),
        generations.get(stripes.get(1)), stripes.get(2), generations.get(stripes.get(2)), wall, epoch);
    boolean moved = false;
    for (int step = 0; step < 60; step++) {
      String at = "seed " + seed + ", step " + step + ", stripes " + stripes + ", wall-timed " + wall;
      assertThat(decision.wallTimed()).as(at).isEqualTo(wall);
      assertThat(decision.current(generations, epoch)).as("current, %s", at).isEqualTo(!moved);
      assertThat(decision.holdsOnWall(epoch, generations, CLOCK, INSIDE)).as("served on the wall, %s", at)
          .isEqualTo(wall && !moved);
      assertThat(decision.fresh(1_000_000_000L, generations)).as("served on the ticker, %s", at).isEqualTo(!wall && !moved);
      int op = random.nextInt(10);
      if (op < 7) {
        int stripe = random.nextInt(STRIPES);
        generations.incrementAndGet(stripe);
        moved |= stripes.contains(stripe);
      } else if (op < 9) {
        epoch++;
        moved |= wall;
      } else {
        // Every stripe at once, as a cache cleared of everything.
        for (int i = 0; i < STRIPES; i++) {
          generations.incrementAndGet(i);
        }
        moved = true;
      }
    }
  }
}
