package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.RenewalWorkflow;

/** "License Renewal and Maintenance" on the in-memory store. */
class InMemoryRenewalWorkflowTest extends RenewalWorkflow {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
