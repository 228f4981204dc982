package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.HostileInputSuite;

/** Seeded hostile input through the public API on the caching store over the in-memory one. */
class CachedInMemoryHostileInputTest extends HostileInputSuite {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
