package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.ExpirationContract;

/** {@link ExpirationContract} on the in-memory store. */
class InMemoryExpirationContractTest extends ExpirationContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
