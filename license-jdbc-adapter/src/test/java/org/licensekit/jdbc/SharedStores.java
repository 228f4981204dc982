package org.licensekit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.licensekit.core.spi.LicenseStore;

/**
 * One store per database for the suites that run through the public API: each test works in a
 * tenant of its own, so they may share it. On PostgreSQL the connections are pooled (HikariCP), as a
 * host's would be: an API-level suite opens a connection per command, and a new PostgreSQL backend
 * per command would dominate its run time.
 */
final class SharedStores {

  /** Connections of the shared PostgreSQL pool: one per racer of the widest race the suites run. */
  static final int POSTGRES_POOL_SIZE = 32;

  private SharedStores() {}

  private static final class H2 {
    static final LicenseStore STORE = JdbcLicenseStore.builder(H2TestDatabase.create().dataSource()).build();
  }

  private static final class Postgres {
    static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create();
    static final LicenseStore STORE = JdbcLicenseStore.builder(pooled(DATABASE, POSTGRES_POOL_SIZE)).build();
  }

  static LicenseStore h2() {
    return H2.STORE;
  }

  static LicenseStore postgres() {
    return Postgres.STORE;
  }

  /** A pool of at most {@code size} connections to {@code database}. */
  static DataSource pooled(PostgresTestDatabase database, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername("postgres");
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setPoolName("licensekit-test-" + size);
    return new HikariDataSource(config);
  }
}
