package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.workflow.RenewalWorkflow;

/** "License Renewal and Maintenance" on the caching store over the in-memory one. */
class CachedInMemoryRenewalWorkflowTest extends RenewalWorkflow {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
