package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.DashboardContract;

/** The caching store over the in-memory one runs {@link DashboardContract}. */
class CachedInMemoryDashboardTest extends DashboardContract {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
