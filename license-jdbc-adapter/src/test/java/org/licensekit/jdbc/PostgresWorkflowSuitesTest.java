package org.licensekit.jdbc;

import org.licensekit.core.spi.LicenseStore;

/** Every workflow suite of the test kit on PostgreSQL 17 (the shared database, pooled connections). */
class PostgresWorkflowSuitesTest extends WorkflowSuites {

  @Override
  protected LicenseStore createStore() {
    return SharedStores.postgres();
  }
}
