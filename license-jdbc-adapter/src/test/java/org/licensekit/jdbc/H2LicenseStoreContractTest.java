package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.store.LicenseStoreContract;

/** Every store contract suite on H2: one shared in-memory database, fresh tenants per test. */
class H2LicenseStoreContractTest extends LicenseStoreContract {

  private static final class Shared {
    static final LicenseStore STORE = JdbcLicenseStore.builder(H2TestDatabase.create().dataSource()).build();
  }

  @Override
  protected LicenseStore createStore() {
    return Shared.STORE;
  }
}
