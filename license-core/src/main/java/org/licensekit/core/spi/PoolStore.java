package org.licensekit.core.spi;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;

/**
 * License pools and their seat counts. The seat rule — a pool's live claims never exceed its seats —
 * is enforced here, atomically, under any concurrency and across JVMs sharing the store: a seat is
 * taken only through {@link #tryTakeSeat} and seats shrink only through {@link #trySetSeats}.
 */
public interface PoolStore {

  /**
   * Inserts a new pool with no seat in use.
   *
   * @throws org.licensekit.core.ConflictException with code {@code DUPLICATE_POOL} when the id is taken
   */
  void insert(TenantId tenant, LicensePool pool);

  /**
   * Replaces the pool's definition (term, renewal date, reference, scope) but never its seat count
   * nor its seats in use. Returns false when there is no such pool.
   */
  boolean updateDefinition(TenantId tenant, LicensePool pool);

  Optional<PoolUsage> find(TenantId tenant, PoolId id);

  /** The product's pools, ordered by term end then id. */
  List<PoolUsage> listForProduct(TenantId tenant, ProductId product);

  /**
   * The product's pools, as {@link #listForProduct}, and whether any user waits for the product, as
   * {@link WaitlistStore#anyWaiting}: what an assignment reads before it takes a seat. A store that
   * can reads both in one statement; by default the two reads of the ports.
   *
   * @param waitlist the waitlist port of the same store and transaction
   * @return the pools and whether anyone waits
   */
  default ProductSeats listForAssignment(TenantId tenant, ProductId product, WaitlistStore waitlist) {
    return new ProductSeats(listForProduct(tenant, product), waitlist.anyWaiting(tenant, product));
  }

  /**
   * What {@link #listForAssignment} read.
   *
   * @param pools the product's pools, ordered by term end then id
   * @param anyWaiting whether any user waits for the product
   */
  record ProductSeats(List<PoolUsage> pools, boolean anyWaiting) {
    public ProductSeats {
      pools = List.copyOf(pools);
    }
  }

  /** Every pool of the tenant, ordered by product, term end, then id. */
  List<PoolUsage> list(TenantId tenant);

  /** Takes one seat if one is free; returns whether it did. Atomic. */
  boolean tryTakeSeat(TenantId tenant, PoolId pool);

  /**
   * Takes {@code count} seats of the pool at once if that many are free, or none: one conditional
   * change for a whole chunk of a bulk run. Atomic in a store that overrides it; the default takes
   * them one by one through {@link #tryTakeSeat} and gives back what it took when one is missing, so
   * it is all or none within the caller's transaction.
   *
   * @param count how many seats, at least 1
   * @return whether all {@code count} seats were taken
   * @throws IllegalArgumentException when {@code count} is below 1
   */
  default boolean tryTakeSeats(TenantId tenant, PoolId pool, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    for (int taken = 0; taken < count; taken++) {
      if (!tryTakeSeat(tenant, pool)) {
        for (int i = 0; i < taken; i++) {
          releaseSeat(tenant, pool);
        }
        return false;
      }
    }
    return true;
  }

  /**
   * Gives one seat back. Never goes below zero.
   *
   * @return false, writing nothing, when the pool's counter is at zero already (the counter has
   *     drifted from the live claims) or there is no such pool
   */
  boolean releaseSeat(TenantId tenant, PoolId pool);

  /** Sets the pool's seats unless fewer than its seats in use; returns whether it did. Atomic. */
  boolean trySetSeats(TenantId tenant, PoolId pool, int seats);
}
