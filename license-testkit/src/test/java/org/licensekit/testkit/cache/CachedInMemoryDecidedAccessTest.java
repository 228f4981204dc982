package org.licensekit.testkit.cache;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.DecidedAccessSuite;

/** The decided-access cache over a fresh in-memory store per test. */
class CachedInMemoryDecidedAccessTest extends DecidedAccessSuite {

  @Override
  protected LicenseStore createUnderlyingStore() {
    return InMemoryLicenseStore.create();
  }
}
