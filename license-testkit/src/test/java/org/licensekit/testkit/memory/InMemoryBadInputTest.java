package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.BadInputSuite;

/** The in-memory store writes nothing when a command is refused for bad input. */
class InMemoryBadInputTest extends BadInputSuite {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
