package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.ClaimsCsvExportContract;

/** The in-memory store runs {@link ClaimsCsvExportContract}. */
class InMemoryClaimsCsvExportTest extends ClaimsCsvExportContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
