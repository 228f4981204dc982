package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.TroubleshootingWorkflow;

/** "User Cannot Access Assigned Products" on the in-memory store. */
class InMemoryTroubleshootingWorkflowTest extends TroubleshootingWorkflow {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
