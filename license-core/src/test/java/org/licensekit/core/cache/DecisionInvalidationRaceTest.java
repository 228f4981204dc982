package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.AccessDecisionCache.Decided;
import org.licensekit.core.spi.AccessDecisionCache.Decider;

/**
 * Kept decisions against writes, with real threads: a check that begins after a write's
 * invalidation has returned never answers from what was there before the write — whether the
 * decision was kept before the write, or was being made while it happened — and with a small bound
 * the sweeps run amid it all.
 */
class DecisionInvalidationRaceTest {

  private static final TenantId TENANT = TenantId.of("district");
  private static final ProductId PRODUCT = ProductId.of("observation");
  private static final int USERS = 8;

  @Test
  void aCheckAfterAUserWriteNeverAnswersFromBeforeIt() throws Exception {
    race(1_000, false);
  }

  @Test
  void aCheckAfterACatalogOrPoolWriteNeverAnswersFromBeforeIt() throws Exception {
    race(1_000, true);
  }

  @Test
  void sweepsAmidTheRaceLoseNoWrite() throws Exception {
    race(3, false);
  }

  /**
   * One writer bumps a version (the "records") and invalidates; readers note the version last
   * published before they check, and the decision they get must have been made from at least it.
   */
  private void race(long maximumDecisions, boolean shared) throws Exception {
    SnapshotCache cache = new SnapshotCache(CacheSettings.custom().maximumStaleness(Duration.ofHours(1))
        .maximumDecisions(maximumDecisions).build());
    AtomicLongArray versions = new AtomicLongArray(USERS);
    AtomicLong sharedVersion = new AtomicLong();
    AtomicLongArray publishedVersions = new AtomicLongArray(USERS);
    AtomicLong publishedShared = new AtomicLong();
    Map<AccessDecision, long[]> madeFrom = Collections.synchronizedMap(new IdentityHashMap<>());
    AtomicLong decided = new AtomicLong();
    Decider decider = (user, product, now) -> {
      int u = Integer.parseInt(user.value().substring(1));
      long[] from = {versions.get(u), sharedVersion.get()};
      if (decided.incrementAndGet() % 7 == 0) {
        Thread.yield(); // widen the window between reading and keeping
      }
      AccessDecision decision = new AccessDecision(user, product, List.of(), Optional.empty());
      madeFrom.put(decision, from);
      return new Decided(decision, Instant.MAX);
    };
    InstantSource clock = InstantSource.system();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong checks = new AtomicLong();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    threads.add(new Thread(() -> {
      try {
        start.await();
        for (int i = 0; i < 20_000; i++) {
          int u = i % USERS;
          if (shared) {
            long v = sharedVersion.incrementAndGet();
            cache.invalidate(Scope.shared(TENANT, i % 2 == 0 ? Scope.Area.CATALOG : Scope.Area.POOLS));
            publishedShared.set(v);
          } else {
            long v = versions.incrementAndGet(u);
            cache.invalidate(Scope.user(TENANT, UserId.of("u" + u)));
            publishedVersions.set(u, v);
          }
          if (i % 64 == 0) {
            Thread.yield();
          }
        }
      } catch (Throwable failed) {
        failures.add(failed);
      } finally {
        writing.set(false);
      }
    }));
    for (int r = 0; r < 2; r++) {
      int reader = r;
      threads.add(new Thread(() -> {
        try {
          start.await();
          int i = reader;
          while (writing.get()) {
            int u = i++ % USERS;
            long userFloor = publishedVersions.get(u);
            long sharedFloor = publishedShared.get();
            AccessDecision answer = cache.decide(TENANT, UserId.of("u" + u), PRODUCT, clock, decider);
            long[] from = madeFrom.get(answer);
            if (from[0] < userFloor || from[1] < sharedFloor) {
              throw new AssertionError("u" + u + ": answered from user version " + from[0] + " and shared version " + from[1]
                  + " after versions " + userFloor + " and " + sharedFloor + " were written and invalidated");
            }
            checks.incrementAndGet();
          }
        } catch (Throwable failed) {
          failures.add(failed);
          writing.set(false);
        }
      }));
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(failures).isEmpty();
    assertThat(decided.get()).as("some checks were answered from kept decisions, so the race was run")
        .isLessThan(checks.get());
  }
}
