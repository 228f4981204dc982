package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.NewUserSetupWorkflow;

/** "New User Setup" and "Role-Based Assignment" on the in-memory store. */
class InMemoryNewUserSetupWorkflowTest extends NewUserSetupWorkflow {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
