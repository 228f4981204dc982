package org.licensekit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.LicenseKitContract;

/**
 * The whole test kit on PostgreSQL with row-level security on, through a role that neither owns the
 * tables nor is a superuser, so the database's policies bind every statement: a port that named no
 * tenant, or a statement the binding missed, would read nothing and fail the kit. Several minutes, so
 * behind the Maven profile {@code row-level-security} ({@code -Prow-level-security}).
 */
@EnabledIfSystemProperty(named = "licensekit.jdbc.rowLevelSecurityKit", matches = "true")
class PostgresRowLevelSecurityLicenseKitTest extends LicenseKitContract {

  private static final class Isolated {
    static final LicenseStore STORE = create();

    private static LicenseStore create() {
      PostgresTestDatabase database = PostgresTestDatabase.create();
      JdbcLicenseStore.builder(database.dataSource()).build();
      database.createApplicationRole("licensekit_isolated");
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(database.jdbcUrl());
      config.setUsername("licensekit_isolated");
      config.setMaximumPoolSize(SharedStores.POSTGRES_POOL_SIZE);
      config.setMinimumIdle(0);
      config.setPoolName("licensekit-rls-test");
      return JdbcLicenseStore.builder(new HikariDataSource(config)).migrate(false).rowLevelSecurity(true).build();
    }
  }

  @Override
  protected LicenseStore createStore() {
    return Isolated.STORE;
  }
}
