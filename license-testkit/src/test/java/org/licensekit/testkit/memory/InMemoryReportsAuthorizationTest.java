package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.ReportsAuthorizationContract;

/** The in-memory store runs {@link ReportsAuthorizationContract}. */
class InMemoryReportsAuthorizationTest extends ReportsAuthorizationContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
