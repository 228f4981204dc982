package org.licensekit.core;

import java.util.concurrent.atomic.LongAdder;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seat counters seen drifting: a pool's seats-in-use counter was already at zero when a claim
 * ending gave its seat back, so the counter had fallen below the pool's live claims. LicenseKit logs
 * each such release at WARN and counts it here, so a host sees drift (exposes it as a metric, alerts
 * on it) before a reconciliation run repairs the counter. The count covers this JVM since start, all
 * {@link Licensing} instances together; it only grows.
 */
public final class SeatCounterDrift {

  private static final Logger LOG = LoggerFactory.getLogger(SeatCounterDrift.class);
  private static final LongAdder RELEASES_AT_ZERO = new LongAdder();

  private SeatCounterDrift() {}

  /** How many seat releases found their pool's counter at zero in this JVM. */
  public static long releasesAtZero() {
    return RELEASES_AT_ZERO.sum();
  }

  /**
   * Records a seat release that found the counter at zero; called by LicenseKit's claim writes, and
   * by a host's own store code that gives seats back.
   *
   * @param tenant the pool's tenant
   * @param pool the pool whose counter was at zero
   */
  public static void recordReleaseAtZero(TenantId tenant, PoolId pool) {
    RELEASES_AT_ZERO.increment();
    LOG.warn("Seat counter of pool {} in tenant {} was already at zero when a claim gave its seat back: the counter has"
        + " drifted below the live claims; run reconciliation to repair it", pool, tenant);
  }
}
