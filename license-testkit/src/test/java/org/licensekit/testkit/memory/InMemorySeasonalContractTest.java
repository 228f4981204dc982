package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.SeasonalContract;

/** {@link SeasonalContract} on the in-memory store. */
class InMemorySeasonalContractTest extends SeasonalContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
