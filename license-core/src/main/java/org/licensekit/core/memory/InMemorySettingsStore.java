package org.licensekit.core.memory;

import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.spi.SettingsStore;

/** Per-tenant settings in memory: one row per tenant, under a single key. */
final class InMemorySettingsStore implements SettingsStore {

  private static final String KEY = "settings";

  private final InMemoryTransactions tx;
  private final TenantTable<String, TenantSettings> settings;
  private final TenantSettings defaults;

  InMemorySettingsStore(InMemoryTransactions tx, TenantSettings defaults) {
    this.tx = tx;
    this.settings = new TenantTable<>(tx);
    this.defaults = defaults;
  }

  @Override
  public TenantSettings get(TenantId tenant) {
    return tx.read(() -> settings.get(tenant, KEY).orElse(defaults));
  }

  @Override
  public void put(TenantId tenant, TenantSettings newSettings) {
    tx.write(() -> settings.put(tenant, KEY, newSettings));
  }
}
