package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.ReconciliationContract;

/** The in-memory store runs {@link ReconciliationContract}. */
class InMemoryReconciliationTest extends ReconciliationContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
