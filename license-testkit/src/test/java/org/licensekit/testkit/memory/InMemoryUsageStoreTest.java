package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.UsageStoreContract;

/** The in-memory store runs {@link UsageStoreContract}. */
class InMemoryUsageStoreTest extends UsageStoreContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
