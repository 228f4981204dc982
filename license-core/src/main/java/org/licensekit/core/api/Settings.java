package org.licensekit.core.api;

import org.licensekit.core.domain.TenantSettings;

/** The tenant's settings. */
public interface Settings {

  TenantSettings get();

  TenantSettings update(TenantSettings settings);
}
