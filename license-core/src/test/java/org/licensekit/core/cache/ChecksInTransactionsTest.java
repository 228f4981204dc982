package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.AccessDecisionCache;
import org.licensekit.core.spi.AccessDecisionCache.Decided;
import org.licensekit.core.spi.AccessDecisionCache.Decider;

/**
 * A check on a thread running a transaction is decided anew and kept nowhere (it must see the
 * transaction's writes), also in a nested transaction and after the nested one ended; a check on
 * another thread meanwhile is kept, and once the transaction ends the thread's checks are kept
 * again. The cache looks up the thread's transaction only while some transaction runs, so these
 * cover both sides of that shortcut.
 */
class ChecksInTransactionsTest {

  private static final TenantId TENANT = TenantId.of("district");
  private static final UserId ANA = UserId.of("ana");
  private static final ProductId OBSERVATION = ProductId.of("observation");
  private static final InstantSource CLOCK = () -> Instant.parse("2026-09-01T08:00:00Z");

  private final CachingLicenseStore cached = CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  private final AccessDecisionCache decisions = cached.accessDecisions();
  private final AtomicInteger decided = new AtomicInteger();
  private final Decider decider = (user, product, now) -> {
    decided.incrementAndGet();
    return new Decided(new AccessDecision(user, product, List.of(), Optional.empty()), Instant.MAX);
  };

  private void check() {
    decisions.decide(TENANT, ANA, OBSERVATION, CLOCK, decider);
  }

  @Test
  void aCheckInATransactionIsNeverKeptWhileOneOnAnotherThreadIs() throws Exception {
    cached.transactions().inTransaction(() -> {
      check();
      check();
      assertThat(decided).as("each check in the transaction decided anew").hasValue(2);
      cached.transactions().inTransaction(() -> {
        check();
        return null;
      });
      check();
      assertThat(decided).as("in a nested transaction and after it, still inside the outer one").hasValue(4);
      try {
        CompletableFuture.runAsync(() -> {
          check();
          check();
        }).get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      assertThat(decided).as("another thread, running no transaction, decides once and is served the kept decision")
          .hasValue(5);
      check();
      assertThat(decided).as("the kept decision is not served inside the transaction").hasValue(6);
      return null;
    });

    check();
    assertThat(decided).as("after the transaction, the thread is served the kept decision").hasValue(6);
  }

  @Test
  void aTransactionThatThrowsLeavesTheThreadsChecksKeptAgain() {
    try {
      cached.transactions().inTransaction(() -> {
        check();
        throw new IllegalStateException("refused");
      });
    } catch (IllegalStateException expected) {
      // the transaction's end is what matters here
    }
    check();
    check();
    assertThat(decided).as("one in the transaction, then one kept and served").hasValue(2);
  }
}
