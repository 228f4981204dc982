package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.ClaimsReportContract;

/** The in-memory store runs {@link ClaimsReportContract}. */
class InMemoryClaimsReportTest extends ClaimsReportContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
