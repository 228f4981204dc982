package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.TroubleshootingWorkflow;

/** "User Cannot Access Assigned Products" on the caching store over the in-memory one. */
class CachedInMemoryTroubleshootingWorkflowTest extends TroubleshootingWorkflow {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
