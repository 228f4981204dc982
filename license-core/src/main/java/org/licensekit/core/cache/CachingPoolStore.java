package org.licensekit.core.cache;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.cache.Scope.Area;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.PoolStore;
import org.licensekit.core.spi.WaitlistStore;

/**
 * Pools cached per tenant. Every write — a seat taken or given back included — invalidates the
 * tenant's pools, so seats in use read outside a transaction are this JVM's latest. The seat rule
 * itself never rests on the cache: {@link #tryTakeSeat} and {@link #trySetSeats} always go to the
 * delegate, which enforces it atomically.
 */
final class CachingPoolStore implements PoolStore {

  private final PoolStore delegate;
  private final CachingTransactions tx;

  CachingPoolStore(PoolStore delegate, CachingTransactions tx) {
    this.delegate = delegate;
    this.tx = tx;
  }

  private static Scope pools(TenantId tenant) {
    return Scope.shared(tenant, Area.POOLS);
  }

  @Override
  public void insert(TenantId tenant, LicensePool pool) {
    tx.perform(pools(tenant), () -> delegate.insert(tenant, pool));
  }

  @Override
  public boolean updateDefinition(TenantId tenant, LicensePool pool) {
    return tx.write(pools(tenant), () -> delegate.updateDefinition(tenant, pool));
  }

  @Override
  public Optional<PoolUsage> find(TenantId tenant, PoolId id) {
    return tx.read(pools(tenant), Query.of("find", id), () -> delegate.find(tenant, id));
  }

  @Override
  public List<PoolUsage> listForProduct(TenantId tenant, ProductId product) {
    return tx.read(pools(tenant), Query.of("listForProduct", product),
        () -> ImmutableList.copyOf(delegate.listForProduct(tenant, product)));
  }

  /**
   * Never cached, and always the delegate's own: an assignment reads it inside its transaction (where
   * the cache is bypassed anyway), the waiting half is not a pool read the pool scope's invalidation
   * covers, and a delegate that reads both in one statement (PostgreSQL) keeps doing so.
   */
  @Override
  public ProductSeats listForAssignment(TenantId tenant, ProductId product, WaitlistStore waitlist) {
    return delegate.listForAssignment(tenant, product, waitlist);
  }

  @Override
  public List<PoolUsage> list(TenantId tenant) {
    return tx.read(pools(tenant), Query.of("list"), () -> ImmutableList.copyOf(delegate.list(tenant)));
  }

  @Override
  public boolean tryTakeSeat(TenantId tenant, PoolId pool) {
    return tx.write(pools(tenant), () -> delegate.tryTakeSeat(tenant, pool));
  }

  @Override
  public boolean tryTakeSeats(TenantId tenant, PoolId pool, int count) {
    return tx.write(pools(tenant), () -> delegate.tryTakeSeats(tenant, pool, count));
  }

  @Override
  public boolean releaseSeat(TenantId tenant, PoolId pool) {
    return tx.write(pools(tenant), () -> delegate.releaseSeat(tenant, pool));
  }

  @Override
  public boolean trySetSeats(TenantId tenant, PoolId pool, int seats) {
    return tx.write(pools(tenant), () -> delegate.trySetSeats(tenant, pool, seats));
  }
}
