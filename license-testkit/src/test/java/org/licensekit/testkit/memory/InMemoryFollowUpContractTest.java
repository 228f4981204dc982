package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.FollowUpContract;

/** {@link FollowUpContract} on the in-memory store. */
class InMemoryFollowUpContractTest extends FollowUpContract {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
