package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.ProductAssignmentWorkflow;

/** "Assigning Products to Users" on the caching store over the in-memory one. */
class CachedInMemoryProductAssignmentWorkflowTest extends ProductAssignmentWorkflow {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
