package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;

/** Every rule suite of the test kit on PostgreSQL 17 (the shared database, pooled connections). */
class PostgresRuleSuitesTest extends RuleSuites {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.postgres();
  }
}
