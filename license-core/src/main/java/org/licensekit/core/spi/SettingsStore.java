package org.licensekit.core.spi;

import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;

/** Per-tenant settings. */
public interface SettingsStore {

  /** The tenant's settings, or {@link TenantSettings#defaults()} when none were saved. */
  TenantSettings get(TenantId tenant);

  void put(TenantId tenant, TenantSettings settings);
}
