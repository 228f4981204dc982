package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.LicenseKitContract;

/**
 * The whole test kit (store contracts, workflows, rules, bulk and lifecycle, reports) on PostgreSQL
 * 17: the shared database through a connection pool, fresh tenants per test.
 */
class PostgresLicenseKitTest extends LicenseKitContract {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.postgres();
  }
}
