package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.ClaimLifecycleWorkflow;

/** "Managing License Claims" on the in-memory store. */
class InMemoryClaimLifecycleWorkflowTest extends ClaimLifecycleWorkflow {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
