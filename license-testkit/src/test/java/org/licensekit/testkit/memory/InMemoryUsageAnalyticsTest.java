package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.UsageAnalyticsContract;

/** The in-memory store runs {@link UsageAnalyticsContract}. */
class InMemoryUsageAnalyticsTest extends UsageAnalyticsContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
