package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.ProductAssignmentWorkflow;

/** "Assigning Products to Users" on the in-memory store. */
class InMemoryProductAssignmentWorkflowTest extends ProductAssignmentWorkflow {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
