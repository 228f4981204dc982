package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.LicenseKitContract;

/**
 * The whole test kit (store contracts, workflows, rules, bulk and lifecycle, reports) on H2: the
 * shared in-memory database, fresh tenants per test.
 */
class H2LicenseKitTest extends LicenseKitContract {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.h2();
  }
}
