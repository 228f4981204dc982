package org.licensekit.jdbc;

import javax.sql.DataSource;

/** Two instances on one PostgreSQL 17 database, signalling through the polled change log. */
class PostgresChangeLogSignalsTest extends AbstractChangeSignalsTest {

  private static final class Shared {
    static final DataSource POOL = SharedStores.pooled(PostgresTestDatabase.create(), 8);
  }

  @Override
  protected DataSource dataSource() {
    return Shared.POOL;
  }

  @Override
  protected ChangeSignalMode mode() {
    return ChangeSignalMode.CHANGE_LOG;
  }
}
