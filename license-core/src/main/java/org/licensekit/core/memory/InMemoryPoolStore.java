package org.licensekit.core.memory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.domain.ImmutableLicensePool;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.PoolStore;

/** License pools and their seat counts in memory; the store lock makes each seat change atomic. */
final class InMemoryPoolStore implements PoolStore {

  private static final Comparator<PoolUsage> BY_TERM_END_THEN_ID =
      Comparator.<PoolUsage, java.time.Instant>comparing(u -> u.pool().term().end()).thenComparing(u -> u.pool().id());
  private static final Comparator<PoolUsage> BY_PRODUCT_TERM_END_THEN_ID =
      Comparator.<PoolUsage, ProductId>comparing(u -> u.pool().product()).thenComparing(BY_TERM_END_THEN_ID);

  private final InMemoryTransactions tx;
  private final TenantTable<PoolId, PoolUsage> pools;

  InMemoryPoolStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.pools = new TenantTable<>(tx);
  }

  @Override
  public void insert(TenantId tenant, LicensePool pool) {
    tx.write(() -> {
      if (pools.contains(tenant, pool.id())) {
        throw new ConflictException(ErrorCode.DUPLICATE_POOL, "A pool with id '" + pool.id() + "' exists already");
      }
      return pools.put(tenant, pool.id(), new PoolUsage(pool, 0));
    });
  }

  @Override
  public boolean updateDefinition(TenantId tenant, LicensePool pool) {
    return tx.write(() -> pools.get(tenant, pool.id())
        .map(current -> {
          // Seats change only through trySetSeats, and a pool never moves to another product.
          LicensePool definition = ImmutableLicensePool.copyOf(pool)
              .withSeats(current.pool().seats())
              .withProduct(current.pool().product());
          pools.put(tenant, pool.id(), new PoolUsage(definition, current.seatsInUse()));
          return true;
        })
        .orElse(false));
  }

  @Override
  public Optional<PoolUsage> find(TenantId tenant, PoolId id) {
    return tx.read(() -> pools.get(tenant, id));
  }

  @Override
  public List<PoolUsage> listForProduct(TenantId tenant, ProductId product) {
    return tx.read(() -> pools.select(tenant, u -> u.pool().product().equals(product), BY_TERM_END_THEN_ID));
  }

  @Override
  public List<PoolUsage> list(TenantId tenant) {
    return tx.read(() -> pools.select(tenant, u -> true, BY_PRODUCT_TERM_END_THEN_ID));
  }

  @Override
  public boolean tryTakeSeat(TenantId tenant, PoolId pool) {
    return tx.write(() -> pools.get(tenant, pool)
        .filter(usage -> usage.free() > 0)
        .map(usage -> pools.put(tenant, pool, new PoolUsage(usage.pool(), usage.seatsInUse() + 1)).isPresent())
        .orElse(false));
  }

  @Override
  public boolean tryTakeSeats(TenantId tenant, PoolId pool, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1: " + count);
    }
    return tx.write(() -> pools.get(tenant, pool)
        .filter(usage -> usage.free() >= count)
        .map(usage -> pools.put(tenant, pool, new PoolUsage(usage.pool(), usage.seatsInUse() + count)).isPresent())
        .orElse(false));
  }

  @Override
  public boolean releaseSeat(TenantId tenant, PoolId pool) {
    return tx.write(() -> pools.get(tenant, pool)
        .filter(usage -> usage.seatsInUse() > 0)
        .map(usage -> pools.put(tenant, pool, new PoolUsage(usage.pool(), usage.seatsInUse() - 1)))
        .isPresent());
  }

  @Override
  public boolean trySetSeats(TenantId tenant, PoolId pool, int seats) {
    return tx.write(() -> pools.get(tenant, pool)
        .filter(usage -> seats >= usage.seatsInUse())
        .map(usage -> {
          LicensePool resized = ImmutableLicensePool.copyOf(usage.pool()).withSeats(seats);
          return pools.put(tenant, pool, new PoolUsage(resized, usage.seatsInUse())).isPresent();
        })
        .orElse(false));
  }

  /** Sets the pool's seats-in-use counter if it still is {@code expected}; for reconciliation only. */
  boolean correctSeatsInUse(TenantId tenant, PoolId pool, int expected, int corrected) {
    return tx.write(() -> pools.get(tenant, pool)
        .filter(usage -> usage.seatsInUse() == expected)
        .map(usage -> pools.put(tenant, pool, new PoolUsage(usage.pool(), corrected)).isPresent())
        .orElse(false));
  }
}
