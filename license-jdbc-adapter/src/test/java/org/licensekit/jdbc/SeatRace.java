package org.licensekit.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.LicenseStore;

/**
 * Users racing for the seats of one pool, each claim in its own command: take a seat, then insert
 * the user's pending claim. Shared by the in-JVM race and the second JVM.
 */
final class SeatRace {

  static final TenantId TENANT = TenantId.of("race");
  static final PoolId POOL = PoolId.of("pool-race");

  private SeatRace() {}

  /** Claims for users {@code <prefix>0 … <prefix>n-1} on {@code threads} threads; returns how many got a seat. */
  static int claim(LicenseStore store, String userPrefix, int users, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        String user = userPrefix + i;
        Callable<Boolean> claim = () -> store.transactions().inTransaction(() -> {
          if (!store.pools().tryTakeSeat(TENANT, POOL)) {
            return false;
          }
          if (!store.claims().insertIfNoLiveClaim(TENANT, Samples.pendingClaim("claim-" + user, user, POOL.value()))) {
            throw new IllegalStateException(user + " already had a live claim");
          }
          return true;
        });
        results.add(pool.submit(claim));
      }
      int taken = 0;
      for (Future<Boolean> result : results) {
        taken += result.get() ? 1 : 0;
      }
      return taken;
    } finally {
      pool.shutdownNow();
    }
  }
}
