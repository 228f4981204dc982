package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.LargeBulkRunContract;

/** {@link LargeBulkRunContract} on the in-memory store. */
class InMemoryLargeBulkRunContractTest extends LargeBulkRunContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
