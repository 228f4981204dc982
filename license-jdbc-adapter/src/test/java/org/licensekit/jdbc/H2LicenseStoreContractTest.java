package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.store.LicenseStoreContract;

/** Every store contract suite on H2: the shared in-memory database, fresh tenants per test. */
class H2LicenseStoreContractTest extends LicenseStoreContract {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.h2();
  }
}
