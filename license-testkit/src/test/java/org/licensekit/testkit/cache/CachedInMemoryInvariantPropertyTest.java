package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.InvariantPropertySuite;

/** The caching store over the in-memory one keeps the rules under random command sequences. */
class CachedInMemoryInvariantPropertyTest extends InvariantPropertySuite {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
