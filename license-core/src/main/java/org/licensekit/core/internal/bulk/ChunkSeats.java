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
 * The pools that may serve a set of organizations, in {@link SeatChoice}'s order, are worked out
 * once per product and set (users of a chunk mostly share their organizations); each choice then
 * takes the first of them with a seat left, which is the first of {@link SeatChoice#candidates}
 * over the pools as counted now (its order does not depend on the counts, only its filter does).
 */
final class ChunkSeats {

  private final RunScope scope;
  private final Map<ProductId, List<PoolUsage>> pools = new HashMap<>();
  private final Map<PoolId, Integer> taken = new TreeMap<>();
  private final Map<PoolId, Integer> inUse = new HashMap<>();
  private final Map<ProductId, Map<Set<OrganizationId>, List<LicensePool>>> serving = new HashMap<>();
  /** Set once the pools were read ahead: a product not read then is not read at all. */
  private boolean sealed;

  ChunkSeats(RunScope scope) {
    this.scope = scope;
  }

  /** The product's pools with this chunk's seats counted as in use. */
  List<PoolUsage> pools(ProductId product) {
    return read(product).stream()
        .map(usage -> new PoolUsage(usage.pool(), usage.seatsInUse() + taken.getOrDefault(usage.pool().id(), 0)))
        .collect(ImmutableList.toImmutableList());
  }

  /**
   * The seats of the chunk after this one in the same transaction, decided before this one's seats
   * are taken from the store: the pools this chunk read, each with the seats this chunk counted as
   * in use — what the store will hold once this chunk's seats are taken — and nothing counted yet.
   */
  ChunkSeats carried() {
    ChunkSeats next = new ChunkSeats(scope);
    pools.forEach((product, usages) -> next.pools.put(product, usages.stream()
        .map(usage -> new PoolUsage(usage.pool(), inUse.get(usage.pool().id()) + taken.getOrDefault(usage.pool().id(), 0)))
        .collect(ImmutableList.toImmutableList())));
    inUse.forEach((pool, used) -> next.inUse.put(pool, used + taken.getOrDefault(pool, 0)));
    serving.forEach((product, orders) -> next.serving.put(product, new HashMap<>(orders)));
    return next;
  }

  /**
   * Reads the pools of every product not read yet, then reads no more: the chunk is decided on
   * another thread ({@link OverlappedDecisions}), which must not use the transaction's connection.
   */
  ChunkSeats readAhead(Set<ProductId> products) {
    products.forEach(this::read);
    sealed = true;
    return this;
  }

  private List<PoolUsage> read(ProductId product) {
    if (sealed && !pools.containsKey(product)) {
      throw new IllegalStateException("the pools of " + product + " were not read ahead");
    }
    return pools.computeIfAbsent(product, p -> {
      List<PoolUsage> usages = scope.store().pools().listForProduct(scope.tenant(), p);
      usages.forEach(usage -> inUse.put(usage.pool().id(), usage.seatsInUse()));
      return usages;
    });
  }

  /** The pool the single-user path would take a seat of now, if any. */
  Optional<LicensePool> choose(ProductId product, Set<OrganizationId> organizations, UnitOfWork changes) {
    List<LicensePool> ordered = serving.computeIfAbsent(product, p -> new HashMap<>()).computeIfAbsent(organizations,
        orgs -> SeatChoice.candidates(product, read(product).stream().map(usage -> new PoolUsage(usage.pool(), 0)).toList(), orgs,
            changes.now()));
    for (LicensePool pool : ordered) {
      if (pool.seats() - inUse.get(pool.id()) - taken.getOrDefault(pool.id(), 0) > 0) {
        return Optional.of(pool);
      }
    }
    return Optional.empty();
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
    inUse.clear();
    serving.clear();
  }
}
