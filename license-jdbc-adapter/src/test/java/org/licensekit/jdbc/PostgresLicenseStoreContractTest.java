package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.store.LicenseStoreContract;

/** Every store contract suite on PostgreSQL 17: one shared database, fresh tenants per test. */
class PostgresLicenseStoreContractTest extends LicenseStoreContract {

  private static final class Shared {
    static final LicenseStore STORE = JdbcLicenseStore.builder(PostgresTestDatabase.create().dataSource()).build();
  }

  @Override
  protected LicenseStore createStore() {
    return Shared.STORE;
  }
}
