package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.licensekit.core.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns on PostgreSQL row-level security on LicenseKit's tables (the function of migration 9). */
final class RowLevelSecurity {

  private static final Logger LOG = LoggerFactory.getLogger(RowLevelSecurity.class);

  private RowLevelSecurity() {}

  static void enable(DataSource dataSource, Tables tables) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      int isolated;
      try (ResultSet result = statement.executeQuery("SELECT " + tables.table("isolate_tenants") + "()")) {
        result.next();
        isolated = result.getInt(1);
      }
      try (ResultSet result = statement.executeQuery("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user")) {
        if (result.next() && result.getBoolean(1)) {
          LOG.warn("row-level security is on for {} tables, but this store connects as {}, a superuser or a role with BYPASSRLS, "
              + "which PostgreSQL exempts from it: connect as the application's own role", isolated, connection.getMetaData().getUserName());
        }
      }
      try (ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = current_schema() AND c.relname = '" + tables.prefix() + "users'"
          + " AND pg_get_userbyid(c.relowner) = current_user")) {
        if (result.next() && result.getInt(1) > 0) {
          LOG.warn("row-level security is on for {} tables, but this store connects as their owner, whom PostgreSQL exempts: "
              + "connect as the application's own role", isolated);
        }
      }
      LOG.info("row-level security on {} LicenseKit tables", isolated);
    } catch (SQLException e) {
      throw new StoreException("STORE_UNAVAILABLE", "Could not turn on row-level security (" + SqlFailure.describe(e)
          + "); is the schema at version 9 or later?", e);
    }
  }
}
