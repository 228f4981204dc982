package org.licensekit.spring;

import java.util.List;
import org.licensekit.core.domain.TenantId;

/**
 * The tenants this application serves, for the work that spans tenants: the scheduled maintenance
 * jobs, the health details, the seat metrics and the {@code licensekit} Actuator endpoint. By
 * default they are {@code licensekit.tenants}; define a bean of this type to list them from your
 * own data. Called at every such use, so the list may change while the application runs.
 */
@FunctionalInterface
public interface LicensingTenants {

  /**
   * The tenants now.
   *
   * @return the tenants, possibly none
   */
  List<TenantId> tenants();
}
