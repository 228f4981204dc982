package org.licensekit.spring.maintenance;

import java.util.List;
import org.licensekit.core.domain.TenantId;

/**
 * The tenants the maintenance jobs run for. Define a bean of this type to list them from your own
 * data; by default they are {@code licensekit.maintenance.tenants}. Called once per job run, inside
 * the job's lock.
 */
@FunctionalInterface
public interface MaintenanceTenants {

  /**
   * The tenants to maintain now.
   *
   * @return the tenants, possibly none
   */
  List<TenantId> tenants();
}
