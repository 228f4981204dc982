package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.TrainingPrerequisiteWorkflow;

/** "Training Prerequisites" on the in-memory store. */
class InMemoryTrainingPrerequisiteWorkflowTest extends TrainingPrerequisiteWorkflow {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
