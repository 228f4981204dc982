package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.cache.Scope.Area;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.AccessDecisionCache.Decided;
import org.licensekit.core.spi.AccessDecisionCache.Decider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SnapshotCache}'s kept decisions against a model, on several tenants (each with its own
 * catalog and pools scopes): seeded random checks, writes of a user, a catalog or a pools scope
 * (some made while a decision is being made, which that decision must not outlive), clearing
 * everything, clock moves forward and back, few enough kept decisions that sweeps run. Every answer
 * served without deciding must be the last one decided for its tenant × user × product, made since
 * the last write of each of its three scopes and of any clear, with the clock now in its validity,
 * younger than the staleness bound and, on the wall, in the clock epoch it was made in (every clock
 * move is followed by a check, so every step back is seen). Run on both timings;
 * {@code -Dlicensekit.seed} replays a run; a failure names its seed.
 */
class KeptDecisionsModelRandomTest {

  private static final Logger LOG = LoggerFactory.getLogger(KeptDecisionsModelRandomTest.class);
  private static final Duration STALENESS = Duration.ofSeconds(5);
  private static final Instant START = Instant.parse("2026-09-01T08:00:00.000250Z");
  private static final List<TenantId> TENANTS = List.of(TenantId.of("district-1"), TenantId.of("district-2"),
      TenantId.of("district-3"));
  private static final List<UserId> USERS = List.of(UserId.of("ana"), UserId.of("bo"), UserId.of("cy"), UserId.of("dee"));
  private static final List<ProductId> PRODUCTS = List.of(ProductId.of("observation"), ProductId.of("coaching"));
  private static final int COMMANDS = 3_000;

  static Stream<Arguments> runs() {
    long seed = Long.getLong("licensekit.seed", System.nanoTime());
    return Stream.of(true, false).flatMap(wall -> Stream.of(0, 1, 2).map(index -> Arguments.of(wall, index, seed)));
  }

  /** What a decision was made from: the versions of its three scopes and of clearing, and the time. */
  private record Made(TenantId tenant, UserId user, ProductId product, List<Integer> versions, Instant decidedAt,
      Instant validUntil, long tick, int backSteps) {
  }

  private record Key(TenantId tenant, UserId user, ProductId product) {
  }

  private final FakeTicker ticker = new FakeTicker();
  private final AtomicReference<Instant> now = new AtomicReference<>(START);
  private final InstantSource clock = now::get;
  private final Map<Scope, Integer> versions = new HashMap<>();
  /** By value: every answer has a claim of its own, and a table rebuild serves equal copies. */
  private final Map<AccessDecision, Made> made = new HashMap<>();
  private final Map<Key, AccessDecision> lastDecided = new HashMap<>();
  private int cleared;
  private int backSteps;
  private boolean wall;

  @ParameterizedTest(name = "wall-timed {0}, run {1} of seed {2}")
  @MethodSource("runs")
  void aServedDecisionIsTheLastDecidedAndNothingItReadWasWrittenSince(boolean wall, int index, long seed) {
    LOG.info("kept decisions model run {} of seed {}, wall-timed {} (replay with -Dlicensekit.seed={})", index, seed, wall, seed);
    SplittableRandom random = new SplittableRandom(seed * 31 + index);
    this.wall = wall;
    CacheSettings settings = CacheSettings.custom().maximumStaleness(STALENESS).maximumDecisions(16).ticker(ticker).build();
    SnapshotCache cache = wall ? new SnapshotCache(settings, candidate -> candidate == clock) : new SnapshotCache(settings);
    for (int step = 0; step < COMMANDS; step++) {
      String at = "seed " + seed + ", run " + index + ", wall-timed " + wall + ", step " + step;
      TenantId tenant = TENANTS.get(random.nextInt(TENANTS.size()));
      UserId user = USERS.get(random.nextInt(USERS.size()));
      int op = random.nextInt(100);
      if (op < 60) {
        check(cache, random, tenant, user, PRODUCTS.get(random.nextInt(PRODUCTS.size())), at);
      } else if (op < 68) {
        write(cache, Scope.user(tenant, user));
      } else if (op < 72) {
        write(cache, Scope.shared(tenant, Area.CATALOG));
      } else if (op < 76) {
        write(cache, Scope.shared(tenant, Area.POOLS));
      } else if (op < 77) {
        cleared++;
        cache.invalidateAll();
      } else {
        boolean back = op >= 94;
        Duration by = Duration.ofMillis(random.nextLong(1, back ? 3_000 : 2_500)).plusNanos(random.nextLong(1_000_000));
        if (back) {
          backSteps++;
          now.set(now.get().minus(by));
        } else {
          now.set(now.get().plus(by));
          ticker.advance(by);
        }
        // Every clock move is followed by a check, so the cache sees every step back.
        check(cache, random, tenant, user, PRODUCTS.get(random.nextInt(PRODUCTS.size())), at + " (after a clock move)");
      }
    }
  }

  private void write(SnapshotCache cache, Scope scope) {
    versions.merge(scope, 1, Integer::sum);
    cache.invalidate(scope);
  }

  private List<Integer> versionsOf(TenantId tenant, UserId user) {
    return List.of(versions.getOrDefault(Scope.user(tenant, user), 0),
        versions.getOrDefault(Scope.shared(tenant, Area.CATALOG), 0),
        versions.getOrDefault(Scope.shared(tenant, Area.POOLS), 0), cleared);
  }

  private void check(SnapshotCache cache, SplittableRandom random, TenantId tenant, UserId user, ProductId product, String at) {
    boolean[] decidedNow = {false};
    Decider decider = (u, p, instant) -> {
      decidedNow[0] = true;
      // A claim of its own, so that answers equal by value are the same decision (a table rebuild serves equal copies).
      AccessDecision answer = new AccessDecision(u, p, List.of(), Optional.of(ClaimId.of("c" + made.size())));
      Instant validUntil = random.nextInt(3) == 0 ? Instant.MAX
          : instant.plusMillis(random.nextLong(1, 4_000)).plusNanos(random.nextLong(1_000_000));
      made.put(answer, new Made(tenant, u, p, versionsOf(tenant, u), instant, validUntil, ticker.read(), backSteps));
      lastDecided.put(new Key(tenant, u, p), answer);
      int during = random.nextInt(12);
      // A write while the decision is being made: the decision read the state before it.
      if (during == 0) {
        write(cache, Scope.user(tenant, u));
      } else if (during == 1) {
        write(cache, Scope.shared(tenant, Area.CATALOG));
      } else if (during == 2) {
        write(cache, Scope.shared(tenant, Area.POOLS));
      }
      return new Decided(answer, validUntil);
    };
    AccessDecision answer = cache.decide(tenant, user, product, clock, decider);
    if (decidedNow[0]) {
      return;
    }
    Made from = made.get(answer);
    assertThat(from).as("a served answer was decided, %s", at).isNotNull();
    assertThat(answer).as("the last decided for %s/%s/%s, %s", tenant, user, product, at)
        .isEqualTo(lastDecided.get(new Key(tenant, user, product)));
    assertThat(List.of(from.tenant(), from.user(), from.product())).as("for the key checked, %s", at)
        .isEqualTo(List.of(tenant, user, product));
    assertThat(from.versions()).as("nothing it read written since, %s", at).isEqualTo(versionsOf(tenant, user));
    Instant instant = now.get();
    assertThat(!instant.isBefore(from.decidedAt()) && instant.isBefore(from.validUntil()))
        .as("%s within [%s, %s), %s", instant, from.decidedAt(), from.validUntil(), at).isTrue();
    assertThat(ticker.read() - from.tick()).as("younger than the staleness bound, %s", at).isLessThan(STALENESS.toNanos());
    if (wall) {
      assertThat(from.backSteps()).as("a wall-timed decision is not served across a step back of the clock, %s", at)
          .isEqualTo(backSteps);
    }
  }
}
