package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.store.LicenseStoreContract;

/** The in-memory store passes every store contract; each test gets a store of its own. */
class InMemoryLicenseStoreContractTest extends LicenseStoreContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
