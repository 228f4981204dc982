package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.AuditTrailWorkflow;

/** "Keep detailed records": the audit trail on the in-memory store. */
class InMemoryAuditTrailWorkflowTest extends AuditTrailWorkflow {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
