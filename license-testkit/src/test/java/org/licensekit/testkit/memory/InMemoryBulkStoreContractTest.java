package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.BulkStoreContract;

/** {@link BulkStoreContract} on the in-memory store. */
class InMemoryBulkStoreContractTest extends BulkStoreContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
