package org.licensekit.core.spi;

import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;

/** Per-tenant settings. */
public interface SettingsStore {

  /** The tenant's settings, or {@link TenantSettings#defaults()} when none were saved. */
  TenantSettings get(TenantId tenant);

  void put(TenantId tenant, TenantSettings settings);

  /**
   * The tenant's settings, as {@link #get}, held until the current transaction ends so that no
   * settings change commits meanwhile: a change in flight is waited for and its result read. Called
   * through {@link DirectoryStore#lockUserHoldingSettings} by commands that depend on the settings.
   * A store whose transactions cannot overlap such a change may simply read (the default).
   *
   * @return the settings in force
   */
  default TenantSettings hold(TenantId tenant) {
    return get(tenant);
  }

  /**
   * The tenant's settings, as {@link #get}, locked for a change until the current transaction ends:
   * waits for every transaction that {@link #hold holds} them and makes later ones wait for this
   * one. A store whose transactions cannot overlap may simply read (the default).
   *
   * @return the settings before the change
   */
  default TenantSettings lockForChange(TenantId tenant) {
    return get(tenant);
  }
}
