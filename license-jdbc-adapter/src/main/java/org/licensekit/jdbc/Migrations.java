package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings LicenseKit's tables up to date with Flyway, using a history table of its own
 * ({@code <prefix>schema_history}) so it never touches the host's own Flyway history.
 */
final class Migrations {

  /** The placeholder the migration scripts use for the table prefix. */
  static final String PREFIX_PLACEHOLDER = "prefix";

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  static void migrate(DataSource dataSource, Dialect dialect, Tables tables) {
    FluentConfiguration configuration = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:" + dialect.migrationsLocation())
        .placeholders(Map.of(PREFIX_PLACEHOLDER, tables.prefix()))
        // The host's schema usually holds tables of its own: start LicenseKit's history at version 0.
        .baselineOnMigrate(true)
        .baselineVersion("0");
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      configuration.table(Dialect.folded(metaData, tables.prefix() + "schema_history"));
      if (tables.schema().isPresent()) {
        configuration.schemas(Dialect.folded(metaData, tables.schema().get()));
      }
    } catch (SQLException e) {
      throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "Could not open a database connection to migrate LicenseKit's tables ("
          + SqlFailure.describe(e) + ")", e);
    }
    try {
      MigrateResult result = configuration.load().migrate();
      log.info("LicenseKit schema {} at version {} ({} migrations applied)",
          tables.schema().orElse("(default)"), result.targetSchemaVersion, result.migrationsExecuted);
    } catch (FlywayException e) {
      throw new StoreException(ErrorCode.STORE_MIGRATION_FAILED, "Migrating LicenseKit's tables failed: " + e.getMessage(), e);
    }
  }
}
