package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.SeatRaceSuite;

/** The in-memory store keeps seats and the one live claim under racing threads. */
class InMemorySeatRaceTest extends SeatRaceSuite {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
