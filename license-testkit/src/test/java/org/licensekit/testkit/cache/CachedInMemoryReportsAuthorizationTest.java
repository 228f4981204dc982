package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.ReportsAuthorizationContract;

/** The caching store over the in-memory one runs {@link ReportsAuthorizationContract}. */
class CachedInMemoryReportsAuthorizationTest extends ReportsAuthorizationContract {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
