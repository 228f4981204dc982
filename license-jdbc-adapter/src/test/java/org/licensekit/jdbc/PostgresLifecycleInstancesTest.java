package org.licensekit.jdbc;

import javax.sql.DataSource;

/** Lifecycle jobs from several instances at once on PostgreSQL 17, each instance with a connection pool of its own. */
class PostgresLifecycleInstancesTest extends AbstractLifecycleInstancesTest {

  private static final class Shared {
    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create();
  }

  @Override
  protected DataSource connectionsOfAnInstance() {
    return SharedStores.pooled(Shared.DATABASE, 4);
  }
}
