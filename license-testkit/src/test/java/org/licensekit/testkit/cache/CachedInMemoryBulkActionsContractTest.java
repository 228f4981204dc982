package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.BulkActionsContract;

/** {@link BulkActionsContract} on the caching store over the in-memory one. */
class CachedInMemoryBulkActionsContractTest extends BulkActionsContract {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
