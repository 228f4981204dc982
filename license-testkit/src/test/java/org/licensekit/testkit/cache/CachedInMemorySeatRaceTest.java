package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.SeatRaceSuite;

/** The caching store over the in-memory one keeps seats and the one live claim under racing threads. */
class CachedInMemorySeatRaceTest extends SeatRaceSuite {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
