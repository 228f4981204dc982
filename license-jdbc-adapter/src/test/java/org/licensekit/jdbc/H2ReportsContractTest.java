package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.reports.ReportsContract;

/**
 * Every report suite (dashboard, claims report, CSV export, unused licenses, usage analytics, the
 * usage store, reconciliation, authorization) on H2, on the shared store.
 */
class H2ReportsContractTest extends ReportsContract {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.h2();
  }
}
