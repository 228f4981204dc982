package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.AccessDecisionCache.Decided;
import org.licensekit.core.spi.AccessDecisionCache.Decider;

/** Decided checks kept by {@link SnapshotCache}: their bound, and the clock compared to the nanosecond. */
class KeptDecisionsTest {

  private static final TenantId TENANT = TenantId.of("district");
  private static final ProductId PRODUCT = ProductId.of("observation");
  /** Inside a millisecond, not on its edge. */
  private static final Instant DECIDED = Instant.parse("2026-09-01T08:00:00.000400Z");
  private static final Instant VALID_UNTIL = Instant.parse("2026-09-01T08:00:05.000700Z");

  private final FakeTicker ticker = new FakeTicker();
  private final AtomicReference<Instant> now = new AtomicReference<>(DECIDED);
  private final InstantSource clock = now::get;
  private final AtomicInteger decided = new AtomicInteger();

  private final Decider decider = (user, product, at) -> {
    decided.incrementAndGet();
    return new Decided(new AccessDecision(user, product, List.of(), Optional.empty()), VALID_UNTIL);
  };

  private SnapshotCache cache(long maximumDecisions) {
    return new SnapshotCache(CacheSettings.custom().maximumStaleness(Duration.ofHours(1))
        .maximumDecisions(maximumDecisions).ticker(ticker).build());
  }

  @Test
  void keptDecisionsStayWithinTheMaximumAndTheLastOneIsServed() {
    SnapshotCache cache = cache(8);
    for (int i = 0; i < 100; i++) {
      cache.decide(TENANT, UserId.of("u" + i), PRODUCT, clock, decider);
      assertThat(cache.decisionCount()).as("after %d decisions", i + 1).isLessThanOrEqualTo(8);
    }
    decided.set(0);
    cache.decide(TENANT, UserId.of("u99"), PRODUCT, clock, decider);
    assertThat(decided).as("a decision just kept is found again").hasValue(0);
  }

  @Test
  void aSweepDropsTheDecisionsThatCanNoLongerBeServedFirst() {
    SnapshotCache cache = cache(4);
    for (int i = 0; i < 4; i++) {
      cache.decide(TENANT, UserId.of("old" + i), PRODUCT, clock, decider);
    }
    cache.invalidate(Scope.shared(TENANT, Scope.Area.POOLS)); // every kept decision of the tenant is now unservable
    cache.decide(TENANT, UserId.of("fresh"), PRODUCT, clock, decider);

    assertThat(cache.decisionCount()).isEqualTo(1);
  }

  @Test
  void aDecisionIsServedFromTheInstantItWasMadeUntilJustBeforeItsValidity() {
    SnapshotCache cache = cache(8);
    UserId user = UserId.of("ana");
    cache.decide(TENANT, user, PRODUCT, clock, decider);

    for (Instant at : List.of(DECIDED, DECIDED.plusNanos(599_999), DECIDED.plusMillis(3), VALID_UNTIL.minusSeconds(1),
        VALID_UNTIL.minusNanos(700_000), VALID_UNTIL.minusNanos(1))) {
      now.set(at);
      cache.decide(TENANT, user, PRODUCT, clock, decider);
      assertThat(decided).as("served from the kept decision at %s", at).hasValue(1);
    }
    for (Instant at : List.of(DECIDED.minusNanos(1), DECIDED.minusNanos(400_000), VALID_UNTIL, VALID_UNTIL.plusNanos(299_999))) {
      decided.set(0);
      now.set(DECIDED);
      cache.invalidate(Scope.user(TENANT, user));
      cache.decide(TENANT, user, PRODUCT, clock, decider);
      now.set(at);
      cache.decide(TENANT, user, PRODUCT, clock, decider);
      assertThat(decided).as("decided again at %s", at).hasValue(2);
    }
  }

  @Test
  void theMaximumMustBeAtLeastOne() {
    assertThatThrownBy(() -> CacheSettings.custom().maximumDecisions(0))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("maximumDecisions"));
    assertThat(CacheSettings.ofDefaults().maximumDecisions()).isEqualTo(250_000);
  }
}
