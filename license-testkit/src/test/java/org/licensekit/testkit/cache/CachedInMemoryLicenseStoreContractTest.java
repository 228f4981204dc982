package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.store.LicenseStoreContract;

/** The caching store over the in-memory one passes every store contract; each test gets a store of its own. */
class CachedInMemoryLicenseStoreContractTest extends LicenseStoreContract {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
