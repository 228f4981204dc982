package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.store.LicenseStoreContract;

/** Every store contract suite on PostgreSQL 17: the shared database through a connection pool, fresh tenants per test. */
class PostgresLicenseStoreContractTest extends LicenseStoreContract {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.postgres();
  }
}
