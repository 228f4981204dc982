package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.BulkStoreContract;

/** {@link BulkStoreContract} on the caching store over the in-memory one. */
class CachedInMemoryBulkStoreContractTest extends BulkStoreContract {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
