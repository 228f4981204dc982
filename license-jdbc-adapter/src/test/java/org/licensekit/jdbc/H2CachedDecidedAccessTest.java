package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.DecidedAccessSuite;

/** The decided-access cache in front of the shared H2 store (a fresh cache and tenant per test). */
class H2CachedDecidedAccessTest extends DecidedAccessSuite {

  @Override
  protected LicenseStore createUnderlyingStore() {
    return SharedStores.h2();
  }
}
