package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;

/** Every rule suite of the test kit on H2 (the shared in-memory database). */
class H2RuleSuitesTest extends RuleSuites {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.h2();
  }
}
