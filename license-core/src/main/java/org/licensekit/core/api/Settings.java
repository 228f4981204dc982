package org.licensekit.core.api;

import org.licensekit.core.domain.TenantSettings;

/** The tenant's settings. */
public interface Settings {

  /**
   * The tenant's settings (the defaults until changed).
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read the settings
   */
  TenantSettings get();

  /**
   * Replaces the tenant's settings.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not change the settings
   */
  TenantSettings update(TenantSettings settings);
}
