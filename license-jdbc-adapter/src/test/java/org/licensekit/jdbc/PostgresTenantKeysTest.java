package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The schema stays ready to be distributed by tenant (Citus): read from PostgreSQL's catalog after
 * the migrations ran, every table of the store has a {@code tenant_id} column, and every primary
 * key, unique index and foreign key (both its columns and the referenced ones) starts with it.
 * Flyway's history table is the one exception: it is not tenant data.
 */
class PostgresTenantKeysTest {

  private static final String HISTORY = "lk_schema_history";

  @Test
  void everyKeyUniqueIndexAndForeignKeyLeadsWithTenantId() throws SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.dataSource()).build();

    assertThat(tables(database.raw())).as("tables of the store").contains("lk_claims", "lk_pools", "lk_usage_days");
    assertThat(violations(database.raw())).isEmpty();
  }

  /**
   * The role rows' membership rule has been kept by triggers instead of a foreign key since schema
   * version 33 (so the catalog query above no longer sees it): they exist, and the statements they
   * run match the rows by tenant_id first, as the key did.
   */
  @Test
  void theRoleRowsMembershipRuleKeptByTriggersMatchesRowsByTenantIdFirst() throws SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.dataSource()).build();
    List<String> triggers = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    try (Connection connection = database.raw().getConnection()) {
      query(connection, "SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal"
          + " AND c.relname IN ('lk_memberships', 'lk_membership_roles') AND t.tgname <> ? AND t.tgname NOT LIKE 'lk\\_memberships\\_rekey%'"
          + " ORDER BY t.tgname", row -> triggers.add(row.getString(1)));
      query(connection, "SELECT prosrc FROM pg_proc WHERE proname IN ('lk_require_role_row_memberships', 'lk_cascade_membership_roles')"
          + " AND proname <> ? ORDER BY proname", row -> sources.add(row.getString(1)));
    }
    assertThat(triggers).containsExactly("lk_membership_roles_membership_insert", "lk_membership_roles_membership_update",
        "lk_memberships_cascade_roles_delete", "lk_memberships_cascade_roles_truncate", "lk_memberships_cascade_roles_update",
        "lk_memberships_hold_account");
    assertThat(sources).hasSize(2);
    assertThat(sources.get(0)).contains("r.tenant_id = o.tenant_id AND r.user_id = o.user_id AND r.organization_id = o.organization_id");
    assertThat(sources.get(1)).contains("m.tenant_id = n.tenant_id AND m.user_id = n.user_id AND m.organization_id = n.organization_id");
  }

  @Test
  void aKeyOrIndexOrForeignKeyNotLeadingWithTenantIdIsNamed() throws SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.dataSource()).build();
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE lk_badges (tenant_id VARCHAR(128) NOT NULL, id VARCHAR(128) NOT NULL,"
          + " user_id VARCHAR(128) NOT NULL, code TEXT NOT NULL, CONSTRAINT lk_badges_pk PRIMARY KEY (id))");
      statement.execute("CREATE UNIQUE INDEX lk_badges_code_uq ON lk_badges (code, tenant_id)");
      statement.execute("CREATE TABLE lk_badge_notes (tenant_id VARCHAR(128) NOT NULL, badge_id VARCHAR(128) NOT NULL,"
          + " CONSTRAINT lk_badge_notes_pk PRIMARY KEY (tenant_id, badge_id),"
          + " CONSTRAINT lk_badge_notes_badge_fk FOREIGN KEY (badge_id) REFERENCES lk_badges (id))");
      statement.execute("CREATE TABLE lk_globals (id VARCHAR(128) PRIMARY KEY)");
    }

    assertThat(violations(database.raw())).containsExactlyInAnyOrder(
        "lk_badges: primary key or unique index lk_badges_pk starts with id",
        "lk_badges: primary key or unique index lk_badges_code_uq starts with code",
        "lk_badge_notes: foreign key lk_badge_notes_badge_fk starts with badge_id, referencing id",
        "lk_globals: no tenant_id column",
        "lk_globals: primary key or unique index lk_globals_pkey starts with id");
  }

  /** Everything in the store's tables (prefix {@code lk_}, current schema) that would stop distribution by tenant_id. */
  static List<String> violations(DataSource data) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection connection = data.getConnection()) {
      query(connection, "SELECT c.relname FROM pg_class c"
          + " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND c.relname LIKE 'lk\\_%'"
          + " AND c.relname <> ? AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
          + " AND a.attname = 'tenant_id' AND NOT a.attisdropped) ORDER BY c.relname",
          row -> found.add(row.getString(1) + ": no tenant_id column"));
      query(connection, "SELECT t.relname, i.relname, a.attname FROM pg_index x"
          + " JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid"
          + " LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]"
          + " WHERE t.relnamespace = current_schema()::regnamespace AND t.relname LIKE 'lk\\_%' AND t.relname <> ?"
          + " AND (x.indisprimary OR x.indisunique) AND (a.attname IS DISTINCT FROM 'tenant_id')"
          + " ORDER BY t.relname, i.relname",
          row -> found.add(row.getString(1) + ": primary key or unique index " + row.getString(2) + " starts with "
              + (row.getString(3) == null ? "an expression" : row.getString(3))));
      query(connection, "SELECT t.relname, f.conname, a.attname, r.attname FROM pg_constraint f"
          + " JOIN pg_class t ON t.oid = f.conrelid"
          + " JOIN pg_attribute a ON a.attrelid = f.conrelid AND a.attnum = f.conkey[1]"
          + " JOIN pg_attribute r ON r.attrelid = f.confrelid AND r.attnum = f.confkey[1]"
          + " WHERE f.contype = 'f' AND t.relnamespace = current_schema()::regnamespace AND t.relname LIKE 'lk\\_%'"
          + " AND t.relname <> ? AND (a.attname <> 'tenant_id' OR r.attname <> 'tenant_id') ORDER BY t.relname, f.conname",
          row -> found.add(row.getString(1) + ": foreign key " + row.getString(2) + " starts with " + row.getString(3)
              + ", referencing " + row.getString(4)));
    }
    return found;
  }

  private static List<String> tables(DataSource data) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = data.getConnection()) {
      query(connection, "SELECT relname FROM pg_class WHERE relnamespace = current_schema()::regnamespace"
          + " AND relkind = 'r' AND relname LIKE 'lk\\_%' AND relname <> ?", row -> names.add(row.getString(1)));
    }
    return names;
  }

  private interface RowConsumer {
    void accept(ResultSet row) throws SQLException;
  }

  private static void query(Connection connection, String sql, RowConsumer consumer) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, HISTORY);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          consumer.accept(rows);
        }
      }
    }
  }
}
