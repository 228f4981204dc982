package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.UserFilterContract;

/** {@link UserFilterContract} on the in-memory store. */
class InMemoryUserFilterContractTest extends UserFilterContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
