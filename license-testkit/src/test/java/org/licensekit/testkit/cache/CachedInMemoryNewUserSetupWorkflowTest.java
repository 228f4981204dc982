package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.NewUserSetupWorkflow;

/** "New User Setup" and "Role-Based Assignment" on the caching store over the in-memory one. */
class CachedInMemoryNewUserSetupWorkflowTest extends NewUserSetupWorkflow {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
