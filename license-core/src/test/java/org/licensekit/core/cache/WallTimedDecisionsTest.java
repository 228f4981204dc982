package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.MicrosecondClock;
import org.licensekit.core.spi.AccessDecisionCache.Decided;
import org.licensekit.core.spi.AccessDecisionCache.Decider;

/**
 * Decided checks timed on the licensing clock's milliseconds (as they are with the system clock):
 * never served at or past the staleness bound, nor past their validity, nor after the clock was
 * seen going back; and, on any other clock, timed by the ticker, so a clock that stands still
 * cannot keep a decision alive.
 */
class WallTimedDecisionsTest {

  private static final TenantId TENANT = TenantId.of("district");
  private static final ProductId PRODUCT = ProductId.of("observation");
  private static final Duration STALENESS = Duration.ofSeconds(10);
  /** Inside a millisecond, not on its edge. */
  private static final Instant DECIDED = Instant.parse("2026-09-01T08:00:00.000400Z");

  private final FakeTicker ticker = new FakeTicker();
  private final AtomicReference<Instant> now = new AtomicReference<>(DECIDED);
  private final InstantSource clock = now::get;
  private final AtomicInteger decided = new AtomicInteger();
  private Instant validUntil = Instant.MAX;

  private final Decider decider = (user, product, at) -> {
    decided.incrementAndGet();
    return new Decided(new AccessDecision(user, product, List.of(), Optional.empty()), validUntil);
  };

  private SnapshotCache wallTimed() {
    return new SnapshotCache(settings(), candidate -> candidate == clock);
  }

  private CacheSettings settings() {
    return CacheSettings.custom().maximumStaleness(STALENESS).ticker(ticker).build();
  }

  /** Decides once at {@link #DECIDED}, then checks at {@code at}: whether the kept decision was served. */
  private boolean servedAt(SnapshotCache cache, UserId user, Instant at) {
    now.set(DECIDED);
    cache.invalidate(Scope.user(TENANT, user));
    cache.decide(TENANT, user, PRODUCT, clock, decider);
    int before = decided.get();
    now.set(at);
    cache.decide(TENANT, user, PRODUCT, clock, decider);
    return decided.get() == before;
  }

  @Test
  void aWallTimedDecisionIsServedUntilJustBeforeItsStalenessBoundOnTheClock() {
    SnapshotCache cache = wallTimed();
    UserId user = UserId.of("ana");

    assertThat(servedAt(cache, user, DECIDED)).isTrue();
    assertThat(servedAt(cache, user, DECIDED.plus(STALENESS).minusMillis(1))).isTrue();
    for (Instant at : List.of(DECIDED.plus(STALENESS).minusNanos(400_000), DECIDED.plus(STALENESS), DECIDED.plus(STALENESS).plusNanos(1),
        DECIDED.plus(Duration.ofDays(400)))) {
      assertThat(servedAt(cache, user, at)).as("served at %s", at).isFalse();
    }
  }

  @Test
  void theStalenessBoundCountsFromTheOldestReadTheDecisionWasMadeFrom() {
    SnapshotCache cache = wallTimed();
    UserId user = UserId.of("ana");
    cache.get(Scope.user(TENANT, user), "profile", () -> "read at the start");
    ticker.advance(Duration.ofSeconds(4));
    now.set(DECIDED.plusSeconds(4));
    Decider fromTheCachedRead = (u, p, at) -> {
      assertThat(cache.get(Scope.user(TENANT, u), "profile", () -> "read again")).isEqualTo("read at the start");
      return decider.decide(u, p, at);
    };
    cache.decide(TENANT, user, PRODUCT, clock, fromTheCachedRead);

    now.set(DECIDED.plus(STALENESS).minusMillis(1));
    cache.decide(TENANT, user, PRODUCT, clock, decider);
    assertThat(decided).as("served until the bound, counted from the cached read").hasValue(1);
    now.set(DECIDED.plus(STALENESS));
    cache.decide(TENANT, user, PRODUCT, clock, decider);
    assertThat(decided).as("decided again %s after the cached read, not after the decision", STALENESS).hasValue(2);
  }

  @Test
  void aWallTimedDecisionIsServedFromTheInstantItWasMadeUntilJustBeforeItsValidity() {
    validUntil = DECIDED.plusMillis(4).plusNanos(300);
    SnapshotCache cache = wallTimed();
    UserId user = UserId.of("bo");

    for (Instant at : List.of(DECIDED, DECIDED.plusNanos(599_999), DECIDED.plusMillis(2), validUntil.minusNanos(1))) {
      assertThat(servedAt(cache, user, at)).as("served at %s", at).isTrue();
    }
    for (Instant at : List.of(DECIDED.minusNanos(1), DECIDED.minusMillis(3), validUntil, validUntil.plusNanos(1))) {
      assertThat(servedAt(cache, user, at)).as("served at %s", at).isFalse();
    }
  }

  @Test
  void aClockSeenGoingBackEndsEveryDecisionMadeBeforeEvenOnceItHasCaughtUp() {
    SnapshotCache cache = wallTimed();
    UserId ana = UserId.of("ana");
    UserId bo = UserId.of("bo");
    cache.decide(TENANT, ana, PRODUCT, clock, decider);
    now.set(DECIDED.plusSeconds(6));
    cache.decide(TENANT, bo, PRODUCT, clock, decider);
    cache.decide(TENANT, ana, PRODUCT, clock, decider);
    assertThat(decided).as("ana's decision served six seconds on").hasValue(2);

    now.set(DECIDED.plusSeconds(2)); // stepped back four seconds: still after ana's decision
    cache.decide(TENANT, bo, PRODUCT, clock, decider);
    assertThat(decided).as("bo's check sees the step and is decided again").hasValue(3);
    now.set(DECIDED.plusSeconds(7));
    cache.decide(TENANT, ana, PRODUCT, clock, decider);

    assertThat(decided).as("ana's decision, made before the step, is not served: 7 s on the clock were 11 s").hasValue(4);
    cache.decide(TENANT, ana, PRODUCT, clock, decider);
    assertThat(decided).as("the decision made after the step is served").hasValue(4);
  }

  @Test
  void aStepBackSeenByTheCheckOfAUserWithNoKeptDecisionEndsTheOthersToo() {
    SnapshotCache cache = wallTimed();
    UserId ana = UserId.of("ana");
    cache.decide(TENANT, ana, PRODUCT, clock, decider);
    now.set(DECIDED.plusSeconds(6));
    cache.decide(TENANT, ana, PRODUCT, clock, decider);

    now.set(DECIDED.plusSeconds(2));
    cache.decide(TENANT, UserId.of("first-check-of-cy"), PRODUCT, clock, decider);
    now.set(DECIDED.plusSeconds(7));
    cache.decide(TENANT, ana, PRODUCT, clock, decider);

    assertThat(decided).as("ana decided again after cy's first check saw the step").hasValue(3);
  }

  @Test
  void aClockGoneBackPastTheDecisionIsNotServedIt() {
    SnapshotCache cache = wallTimed();
    UserId user = UserId.of("ana");

    assertThat(servedAt(cache, user, DECIDED.minusSeconds(1))).isFalse();
    assertThat(servedAt(cache, user, DECIDED.minusNanos(1))).isFalse();
  }

  @Test
  void aSweepDropsFirstTheWallTimedDecisionsStaleAtTheClockOfTheLatest() {
    SnapshotCache cache = new SnapshotCache(CacheSettings.custom().maximumStaleness(STALENESS).maximumDecisions(4).ticker(ticker).build(),
        candidate -> candidate == clock);
    for (int i = 0; i < 4; i++) {
      cache.decide(TENANT, UserId.of("early" + i), PRODUCT, clock, decider);
    }
    now.set(DECIDED.plus(STALENESS)); // the ticker stands still: only the clock says they are stale

    cache.decide(TENANT, UserId.of("late"), PRODUCT, clock, decider);

    assertThat(cache.decisionCount()).isEqualTo(1);
  }

  @Test
  void onAnyOtherClockTheTickerTimesTheDecisionSoAClockStandingStillKeepsNothingAlive() {
    SnapshotCache cache = new SnapshotCache(settings());
    UserId user = UserId.of("ana");
    cache.decide(TENANT, user, PRODUCT, clock, decider);

    ticker.advance(STALENESS.minusNanos(1));
    cache.decide(TENANT, user, PRODUCT, clock, decider);
    assertThat(decided).as("served until the ticker reaches the bound").hasValue(1);
    ticker.advance(Duration.ofNanos(1));
    cache.decide(TENANT, user, PRODUCT, clock, decider);

    assertThat(decided).as("decided again with the clock unmoved").hasValue(2);
  }

  @Test
  void aDecisionMadeOnOneTimingIsNotServedOnTheOther() {
    InstantSource sameTimeOnTheTicker = now::get;
    SnapshotCache cache = wallTimed();
    UserId user = UserId.of("ana");
    cache.decide(TENANT, user, PRODUCT, clock, decider);

    cache.decide(TENANT, user, PRODUCT, sameTimeOnTheTicker, decider);
    cache.decide(TENANT, user, PRODUCT, clock, decider);

    assertThat(decided).hasValue(3);
  }

  @Test
  void onlyTheSystemClockWithTheSystemTickerIsTimedOnTheWall() {
    SnapshotCache system = new SnapshotCache(CacheSettings.ofDefaults());
    SnapshotCache otherTicker = new SnapshotCache(settings());
    AtomicInteger decisions = new AtomicInteger();
    Decider counting = (user, product, at) -> {
      decisions.incrementAndGet();
      return new Decided(new AccessDecision(user, product, List.of(), Optional.empty()), Instant.MAX);
    };
    UserId user = UserId.of("ana");
    for (Clock candidate : List.of(Clock.systemUTC(), MicrosecondClock.of(Clock.systemUTC()), MicrosecondClock.of(Clock.system(ZoneId.of("Europe/Paris"))))) {
      assertThat(SnapshotCache.readsSystemTime(candidate)).as("%s", candidate).isTrue();
    }
    for (Clock candidate : List.of(Clock.fixed(DECIDED, ZoneOffset.UTC), MicrosecondClock.of(Clock.fixed(DECIDED, ZoneOffset.UTC)),
        MicrosecondClock.of(Clock.offset(Clock.systemUTC(), Duration.ofHours(1))))) {
      assertThat(SnapshotCache.readsSystemTime(candidate)).as("%s", candidate).isFalse();
    }
    // A decision kept on the system clock is served from the kept decision, with either timing.
    system.decide(TENANT, user, PRODUCT, Clock.systemUTC(), counting);
    system.decide(TENANT, user, PRODUCT, Clock.systemUTC(), counting);
    otherTicker.decide(TENANT, user, PRODUCT, Clock.systemUTC(), counting);
    otherTicker.decide(TENANT, user, PRODUCT, Clock.systemUTC(), counting);
    assertThat(decisions).hasValue(2);
  }
}
