package org.licensekit.testkit.cache;

import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.AuthorizationMatrixSuite;

/** The caching store over the in-memory one under the authorization matrix. */
class CachedInMemoryAuthorizationMatrixTest extends AuthorizationMatrixSuite {

  @Override
  protected LicenseStore createStore() {
    return CachingLicenseStore.wrap(InMemoryLicenseStore.create());
  }
}
