package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;

/** Every workflow suite of the test kit on H2 (the shared in-memory database). */
class H2WorkflowSuitesTest extends WorkflowSuites {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.h2();
  }
}
