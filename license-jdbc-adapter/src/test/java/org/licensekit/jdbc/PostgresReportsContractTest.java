package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.ReportsContract;

/**
 * Every report suite (dashboard, claims report, CSV export, unused licenses, usage analytics, the
 * usage store, reconciliation, authorization) on PostgreSQL 17, on the shared pooled store.
 */
class PostgresReportsContractTest extends ReportsContract {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.postgres();
  }
}
