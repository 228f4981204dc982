package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.InvariantPropertySuite;

/** The in-memory store keeps the rules under random command sequences. */
class InMemoryInvariantPropertyTest extends InvariantPropertySuite {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
