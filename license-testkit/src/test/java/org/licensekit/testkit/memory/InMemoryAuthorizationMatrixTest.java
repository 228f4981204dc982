package org.licensekit.testkit.memory;

import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.rules.AuthorizationMatrixSuite;

/** The in-memory store under the authorization matrix. */
class InMemoryAuthorizationMatrixTest extends AuthorizationMatrixSuite {

  @Override
  protected LicenseStore createStore() {
    return InMemoryLicenseStore.create();
  }
}
