package org.licensekit.core.domain;

import java.util.Objects;

/**
 * A license pool with the number of its seats that live claims hold right now.
 *
 * @param pool the pool
 * @param seatsInUse live (pending or active) claims holding a seat of the pool
 */
public record PoolUsage(LicensePool pool, int seatsInUse) {

  public PoolUsage {
    Objects.requireNonNull(pool, "pool");
  }

  /** Seats not held by a live claim; negative when the pool is over-allocated. */
  public int free() {
    return pool.seats() - seatsInUse;
  }
}
