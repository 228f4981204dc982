package org.licensekit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.licensekit.core.spi.LicenseStore;

/**
 * One store per test JVM on a fresh PostgreSQL database, migrated by its owner and used through
 * {@code licensekit_isolated} (neither owner nor superuser) with row-level security on, so the
 * database's policies bind every statement. Created when first used.
 */
final class RowLevelSecurityStore {

  static final LicenseStore STORE = create();

  private RowLevelSecurityStore() {}

  private static LicenseStore create() {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.dataSource()).build();
    database.createApplicationRole("licensekit_isolated");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrlAs("licensekit_isolated"));
    config.setUsername("licensekit_isolated");
    config.setMaximumPoolSize(SharedStores.POSTGRES_POOL_SIZE);
    config.setMinimumIdle(0);
    config.setPoolName("licensekit-rls-test");
    return JdbcLicenseStore.builder(new HikariDataSource(config)).migrate(false).rowLevelSecurity(true).build();
  }
}
