package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.UnusedLicensesContract;

/** The in-memory store runs {@link UnusedLicensesContract}. */
class InMemoryUnusedLicensesTest extends UnusedLicensesContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
