package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.UsageAnalyticsContract;

/** The caching store over the in-memory one runs {@link UsageAnalyticsContract}. */
class CachedInMemoryUsageAnalyticsTest extends UsageAnalyticsContract {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
