package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/** The Flyway migrations: fresh schemas, reruns, other prefixes and schemas, and the host's own tables. */
abstract class AbstractMigrationsTest {

  private static final TenantId TENANT = TenantId.of("t-1");

  abstract TestDatabase newDatabase();

  @Test
  void aFreshSchemaGetsEveryTableAndItsOwnHistory() throws SQLException {
    TestDatabase database = newDatabase();
    JdbcLicenseStore.builder(database.dataSource()).build();

    assertThat(tables(database, null)).contains("lk_products", "lk_product_prerequisites", "lk_roles", "lk_role_grants",
        "lk_job_profiles", "lk_job_profile_roles", "lk_organizations", "lk_users", "lk_memberships", "lk_membership_roles",
        "lk_pools", "lk_claims", "lk_training_records", "lk_training_assignments", "lk_waitlist", "lk_audit_entries", "lk_tenant_settings", "lk_schema_history");
    assertThat(count(database, "SELECT count(*) FROM lk_schema_history WHERE \"success\" AND \"version\" = '1'")).isEqualTo(1);
  }

  /**
   * The audit trail is keyed, and read, by (tenant, chain position): the unique index the chain's
   * appends rely on is the primary key, and no index holds seq (an index entry per appended entry
   * that nothing read, version 20).
   */
  @Test
  void theAuditTrailIsKeyedByTenantAndChainPositionAndNoIndexHoldsSeq() throws SQLException {
    TestDatabase database = newDatabase();
    JdbcLicenseStore.builder(database.dataSource()).build();
    try (Connection connection = database.raw().getConnection()) {
      String table = connection.getMetaData().storesUpperCaseIdentifiers() ? "LK_AUDIT_ENTRIES" : "lk_audit_entries";
      java.util.SortedMap<Short, String> key = new java.util.TreeMap<>();
      try (ResultSet rows = connection.getMetaData().getPrimaryKeys(null, null, table)) {
        while (rows.next()) {
          key.put(rows.getShort("KEY_SEQ"), rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
      assertThat(key.values()).containsExactly("tenant_id", "chain_position");
      List<String> indexed = new ArrayList<>();
      try (ResultSet rows = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
        while (rows.next()) {
          if (rows.getString("COLUMN_NAME") != null) {
            indexed.add(rows.getString("INDEX_NAME").toLowerCase(Locale.ROOT) + ":" + rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
          }
        }
      }
      assertThat(indexed).isNotEmpty().noneMatch(entry -> entry.endsWith(":seq"));
      assertThat(indexed.stream().filter(entry -> entry.endsWith(":chain_position")).count())
          .as("the key and the user, subject and action indexes end with the position: %s", indexed).isEqualTo(4);
    }
  }

  @Test
  void aRerunChangesNothingAndKeepsTheData() throws SQLException {
    TestDatabase database = newDatabase();
    JdbcLicenseStore first = JdbcLicenseStore.builder(database.dataSource()).build();
    first.directory().insertUser(TENANT, Samples.user("u-1"));
    int historyRows = count(database, "SELECT count(*) FROM lk_schema_history");

    JdbcLicenseStore second = JdbcLicenseStore.builder(database.dataSource()).build();

    assertThat(count(database, "SELECT count(*) FROM lk_schema_history")).isEqualTo(historyRows);
    assertThat(second.directory().findUser(TENANT, UserId.of("u-1"))).contains(Samples.user("u-1"));
  }

  @Test
  void anotherPrefixAndSchemaKeepTwoStoresApartInOneDatabase() throws SQLException {
    TestDatabase database = newDatabase();
    JdbcLicenseStore standard = JdbcLicenseStore.builder(database.dataSource()).build();
    JdbcLicenseStore other = JdbcLicenseStore.builder(database.dataSource()).tablePrefix("lic_").schema("licensing").build();
    other.directory().insertUser(TENANT, Samples.user("u-1"));

    assertThat(tables(database, "licensing")).contains("lic_claims", "lic_pools", "lic_schema_history")
        .noneMatch(name -> name.startsWith("lk_"));
    assertThat(standard.directory().listUsers(TENANT)).isEmpty();
    assertThat(other.directory().listUsers(TENANT)).containsExactly(Samples.user("u-1"));
  }

  @Test
  void aSchemaHoldingTheHostsOwnTablesIsMigratedAlongsideThem() throws SQLException {
    TestDatabase database = newDatabase();
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE host_courses (id INTEGER PRIMARY KEY)");
    }

    JdbcLicenseStore store = JdbcLicenseStore.builder(database.dataSource()).build();

    assertThat(store.directory().listUsers(TENANT)).isEmpty();
    assertThat(tables(database, null)).contains("host_courses", "lk_users");
  }

  @Test
  void withoutMigrationTheStoreExpectsTheHostToHaveRunTheScripts() throws SQLException {
    TestDatabase database = newDatabase();
    JdbcLicenseStore.builder(database.dataSource()).migrate(false).build();

    assertThat(tables(database, null)).noneMatch(name -> name.startsWith("lk_"));
  }

  @Test
  void prefixesAndSchemasThatAreNotPlainIdentifiersAreRefused() {
    TestDatabase database = newDatabase();

    assertThatThrownBy(() -> JdbcLicenseStore.builder(database.dataSource()).tablePrefix("lk; DROP TABLE x; --"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("tablePrefix"));
    assertThatThrownBy(() -> JdbcLicenseStore.builder(database.dataSource()).schema("1st"))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("schema"));
    assertThatThrownBy(() -> JdbcLicenseStore.builder(database.dataSource()).maxRetries(-1))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("maxRetries"));
  }

  /** The lower-cased names of the tables in {@code schema}, or in the current schema when null. */
  static List<String> tables(TestDatabase database, String schema) throws SQLException {
    try (Connection connection = database.raw().getConnection()) {
      String inSchema = schema != null ? schema : connection.getSchema();
      List<String> names = new ArrayList<>();
      for (String folded : List.of(inSchema.toLowerCase(Locale.ROOT), inSchema.toUpperCase(Locale.ROOT))) {
        try (ResultSet rows = connection.getMetaData().getTables(null, folded, "%", new String[] {"TABLE"})) {
          while (rows.next()) {
            names.add(rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
          }
        }
      }
      return names;
    }
  }

  static int count(TestDatabase database, String sql) throws SQLException {
    try (Connection connection = database.raw().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
