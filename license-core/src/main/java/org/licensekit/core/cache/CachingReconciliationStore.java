package org.licensekit.core.cache;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.licensekit.core.cache.Scope.Area;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.ReconciliationStore;

/**
 * Reconciliation's finders go straight to the wrapped store; its one write, the seat-counter
 * repair, changes a pool's seats in use and so invalidates the tenant's pools.
 */
final class CachingReconciliationStore implements ReconciliationStore {

  private final ReconciliationStore delegate;
  private final CachingTransactions tx;

  CachingReconciliationStore(ReconciliationStore delegate, CachingTransactions tx) {
    this.delegate = delegate;
    this.tx = tx;
  }

  @Override
  public List<LicenseClaim> liveClaimsOfUsers(TenantId tenant, Set<AccountStatus> statuses, int limit) {
    return delegate.liveClaimsOfUsers(tenant, statuses, limit);
  }

  @Override
  public List<LicenseClaim> liveClaimsPastExpiry(TenantId tenant, Instant now, int limit) {
    return delegate.liveClaimsPastExpiry(tenant, now, limit);
  }

  @Override
  public List<LicenseClaim> liveClaimsWithoutGrant(TenantId tenant, int limit) {
    return delegate.liveClaimsWithoutGrant(tenant, limit);
  }

  @Override
  public List<LicenseClaim> liveClaimsSharingEmail(TenantId tenant, int limit) {
    return delegate.liveClaimsSharingEmail(tenant, limit);
  }

  @Override
  public boolean correctSeatsInUse(TenantId tenant, PoolId pool, int expected, int corrected) {
    return tx.write(Scope.shared(tenant, Area.POOLS), () -> delegate.correctSeatsInUse(tenant, pool, expected, corrected));
  }
}
