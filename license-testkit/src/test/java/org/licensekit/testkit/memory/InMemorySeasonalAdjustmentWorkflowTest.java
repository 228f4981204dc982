package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.SeasonalAdjustmentWorkflow;

/** "Seasonal Adjustments" on the in-memory store. */
class InMemorySeasonalAdjustmentWorkflowTest extends SeasonalAdjustmentWorkflow {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
