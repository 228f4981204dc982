package org.licensekit.core.internal.bulk;

import com.google.common.collect.ImmutableList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.policy.SeatChoice;

/**
 * A set-based chunk's seats: each product's pools read once, the seats the chunk has counted down
 * so far, and their taking from the store — one conditional change per pool for the chunk's count.
 */
final class ChunkSeats {

  private final RunScope scope;
  private final Map<ProductId, List<PoolUsage>> pools = new HashMap<>();
  private final Map<PoolId, Integer> taken = new TreeMap<>();

  ChunkSeats(RunScope scope) {
    this.scope = scope;
  }

  /** The product's pools with this chunk's seats counted as in use. */
  List<PoolUsage> pools(ProductId product) {
    return pools.computeIfAbsent(product, p -> scope.store().pools().listForProduct(scope.tenant(), p)).stream()
        .map(usage -> new PoolUsage(usage.pool(), usage.seatsInUse() + taken.getOrDefault(usage.pool().id(), 0)))
        .collect(ImmutableList.toImmutableList());
  }

  /** The pool the single-user path would take a seat of now, if any. */
  Optional<LicensePool> choose(ProductId product, Set<OrganizationId> serving, UnitOfWork changes) {
    return SeatChoice.candidates(product, pools(product), serving, changes.now()).stream().findFirst();
  }

  void take(LicensePool pool) {
    taken.merge(pool.id(), 1, Integer::sum);
  }

  /**
   * Takes the counted seats from the store, pool by pool in id order, and forgets the pools read
   * (the store holds the seats now); a pool short of them fails the chunk.
   *
   * @throws ConflictException {@code SEATS_TAKEN_CONCURRENTLY} when another writer took them meanwhile
   */
  void takeFromStore() {
    taken.forEach((pool, count) -> {
      if (!scope.store().pools().tryTakeSeats(scope.tenant(), pool, count)) {
        throw new ConflictException(ErrorCode.SEATS_TAKEN_CONCURRENTLY,
            "Seats of pool " + pool + " were taken while the bulk action ran");
      }
    });
    taken.clear();
    pools.clear();
  }
}
