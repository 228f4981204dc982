package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.HostileInputSuite;

/** Seeded hostile input through the public API on the in-memory store. */
class InMemoryHostileInputTest extends HostileInputSuite {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
