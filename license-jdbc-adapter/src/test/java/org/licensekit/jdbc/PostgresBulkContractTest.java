package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.BulkContract;

/** Every bulk and lifecycle suite (filters, actions, runs, follow-up, expirations, seasonal, ports) on PostgreSQL 17. */
class PostgresBulkContractTest extends BulkContract {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.postgres();
  }
}
