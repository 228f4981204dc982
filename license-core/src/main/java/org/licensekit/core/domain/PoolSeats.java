package org.licensekit.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One pool with its seat counts as the claims say, next to its stored counter.
 *
 * @param pool the pool
 * @param seatsInUse the pool's stored seats-in-use counter ({@code PoolUsage.seatsInUse})
 * @param pending claims with status {@code PENDING} whose pool is this one
 * @param active claims with status {@code ACTIVE} whose pool is this one
 * @param pendingBefore pending claims of the pool with {@code assignedAt} strictly before the query's cutoff
 * @param oldestPending the smallest {@code assignedAt} among the pool's pending claims
 * @param expired claims with status {@code EXPIRED} whose pool is this one
 * @param revoked claims with status {@code REVOKED} whose pool is this one
 */
public record PoolSeats(
    LicensePool pool, int seatsInUse, int pending, int active, int pendingBefore, Optional<Instant> oldestPending, int expired, int revoked) {

  public PoolSeats {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(oldestPending, "oldestPending");
  }

  /** Live claims: pending plus active. */
  public int live() {
    return pending + active;
  }
}
