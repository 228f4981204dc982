package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.LicenseKitContract;

/** The whole test kit on the in-memory store, a fresh store per test. */
class InMemoryLicenseKitTest extends LicenseKitContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
