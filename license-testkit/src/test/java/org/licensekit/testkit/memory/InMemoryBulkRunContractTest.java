package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.BulkRunContract;

/** {@link BulkRunContract} on the in-memory store. */
class InMemoryBulkRunContractTest extends BulkRunContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
