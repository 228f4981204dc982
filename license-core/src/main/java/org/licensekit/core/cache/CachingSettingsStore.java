package org.licensekit.core.cache;

import org.licensekit.core.cache.Scope.Area;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.spi.SettingsStore;

/** Tenant settings cached per tenant; a put invalidates them. */
final class CachingSettingsStore implements SettingsStore {

  private final SettingsStore delegate;
  private final CachingTransactions tx;

  CachingSettingsStore(SettingsStore delegate, CachingTransactions tx) {
    this.delegate = delegate;
    this.tx = tx;
  }

  @Override
  public TenantSettings get(TenantId tenant) {
    return tx.read(Scope.shared(tenant, Area.SETTINGS), Query.of("get"), () -> delegate.get(tenant));
  }

  /** Holds, so never from the cache. */
  @Override
  public TenantSettings hold(TenantId tenant) {
    return delegate.hold(tenant);
  }

  /** Locks, so never from the cache. */
  @Override
  public TenantSettings lockForChange(TenantId tenant) {
    return delegate.lockForChange(tenant);
  }

  @Override
  public void put(TenantId tenant, TenantSettings settings) {
    tx.perform(Scope.shared(tenant, Area.SETTINGS), () -> delegate.put(tenant, settings));
  }
}
