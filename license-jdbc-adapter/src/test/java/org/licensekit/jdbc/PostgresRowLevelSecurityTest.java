package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;

/**
 * Row-level security on PostgreSQL, under a role that neither owns the tables nor is a superuser:
 * a statement without its {@code tenant_id} predicate reads only the bound tenant's rows (nothing
 * when none is bound), a write into another tenant is refused by the database, and the store works
 * through its public API as before (the whole test kit runs on such a store in
 * {@link PostgresRowLevelSecurityLicenseKitTest}).
 */
class PostgresRowLevelSecurityTest {

  private static final String ROLE = "licensekit_isolated";
  private static final TenantId NORTH = TenantId.of("north-district");
  private static final TenantId SOUTH = TenantId.of("south-district");

  private static PostgresTestDatabase database;
  private static DataSource application;

  @BeforeAll
  static void twoTenantsWrittenThroughAnIsolatedStore() {
    database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.dataSource()).build();
    database.createApplicationRole(ROLE);
    application = database.dataSourceAs(ROLE);
    JdbcLicenseStore store = JdbcLicenseStore.builder(application).migrate(false).rowLevelSecurity(true).build();
    Licensing licensing = Licensing.builder().store(store)
        .clock(Clock.fixed(Instant.parse("2026-09-01T08:00:00Z"), ZoneOffset.UTC)).build();
    for (TenantId id : List.of(NORTH, SOUTH)) {
      TenantLicensing tenant = licensing.tenant(id);
      var admin = tenant.as(Actor.systemAdministrator("admin"));
      admin.catalog().defineProduct(Product.builder().id(ProductId.of("observation")).name("Observation")
          .type(ProductType.OBSERVATION_TOOL).build());
      admin.users().defineOrganization(Organization.root(OrganizationId.of("district"), "District"));
      admin.pools().add(NewPool.builder().id(PoolId.of("pool")).product(ProductId.of("observation")).seats(5)
          .term(Term.of(Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2027-08-01T00:00:00Z"))).build());
      for (int i = 0; i < 3; i++) {
        admin.users().register(NewUser.builder().id(UserId.of(id.value() + "-user-" + i)).name("User " + i)
            .email("user" + i + "@" + id.value() + ".example").addOrganizations(OrganizationId.of("district")).build());
      }
      admin.assignments().assignProduct(UserId.of(id.value() + "-user-0"), ProductId.of("observation"), "pilot");
    }
  }

  @Test
  void everyTableWithTenantDataHasThePolicyButTheChangeLog() throws SQLException {
    List<String> unprotected = strings(database.dataSource(), "SELECT c.relname FROM pg_class c"
        + " JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid"
        + " WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attname = 'tenant_id' AND NOT c.relrowsecurity ORDER BY 1");
    assertThat(unprotected).containsExactly("lk_change_log");
    assertThat(strings(database.dataSource(), "SELECT count(*)::text FROM pg_policies WHERE policyname = 'licensekit_tenant'"))
        .singleElement().satisfies(count -> assertThat(Integer.parseInt(count)).isGreaterThanOrEqualTo(17));
  }

  @Test
  void aStatementWithoutItsTenantPredicateReadsOnlyTheBoundTenantsRows() throws SQLException {
    for (String table : List.of("lk_users", "lk_pools", "lk_claims", "lk_audit_entries", "lk_organizations", "lk_products")) {
      assertThat(inTransactionAs(NORTH, "SELECT DISTINCT tenant_id FROM " + table)).as(table).containsExactly(NORTH.value());
      assertThat(inTransactionAs(SOUTH, "SELECT DISTINCT tenant_id FROM " + table)).as(table).containsExactly(SOUTH.value());
      assertThat(strings(application, "SELECT DISTINCT tenant_id FROM " + table)).as("%s with no tenant set", table).isEmpty();
      assertThat(strings(database.dataSource(), "SELECT DISTINCT tenant_id FROM " + table + " ORDER BY 1"))
          .as("%s read by the owner, whom the policy does not bind", table).containsExactly(NORTH.value(), SOUTH.value());
    }
  }

  @Test
  void theStoresOwnStatementPathBindsTheTenantOfTheCall() {
    JdbcTransactions transactions = new JdbcTransactions(application, 0, HostTransaction.none(), true);
    Sql sql = new Sql(transactions, Dialect.POSTGRESQL);
    String forgotItsPredicate = "SELECT id FROM lk_users ORDER BY id";

    assertThat(transactions.asTenant(NORTH.value(), () -> sql.list(forgotItsPredicate, row -> row.getString(1))))
        .containsExactly("north-district-user-0", "north-district-user-1", "north-district-user-2");
    assertThat(sql.list(forgotItsPredicate, row -> row.getString(1))).as("a statement bound to no tenant").isEmpty();
  }

  @Test
  void theDatabaseRefusesAWriteIntoAnotherTenant() throws SQLException {
    try (Connection connection = application.getConnection()) {
      connection.setAutoCommit(false);
      bind(connection, NORTH);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO lk_organizations (tenant_id, id, name) VALUES (?, 'smuggled', 'Smuggled')")) {
        insert.setString(1, SOUTH.value());
        assertThatThrownBy(insert::executeUpdate).isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("42501"));
      }
      connection.rollback();
      bind(connection, NORTH);
      try (Statement update = connection.createStatement()) {
        assertThat(update.executeUpdate("UPDATE lk_users SET name = 'renamed'")).as("rows an unqualified update reaches")
            .isEqualTo(3);
      }
      connection.rollback();
    }
  }

  @Test
  void everyPortOfTheStoreIsBoundToTheTenantOfItsCalls() {
    JdbcLicenseStore store = JdbcLicenseStore.builder(application).migrate(false).rowLevelSecurity(true).build();
    List<Object> ports = List.of(store.catalog(), store.directory(), store.pools(), store.claims(), store.training(),
        store.audit(), store.settings(), store.userQueries(), store.claimQueries(), store.idempotency(),
        store.notificationLog(), store.reports(), store.usage(), store.reconciliation());
    assertThat(ports).allSatisfy(port -> assertThat(java.lang.reflect.Proxy.isProxyClass(port.getClass())).isTrue());
    assertThat(store.directory().findUser(NORTH, UserId.of("north-district-user-1"))).isPresent();
    assertThat(store.directory().findUser(SOUTH, UserId.of("north-district-user-1"))).isEmpty();
  }

  @Test
  void h2HasNoRowLevelSecurityAndTheOptionSaysSo() {
    assertThatThrownBy(() -> JdbcLicenseStore.builder(H2TestDatabase.create().dataSource()).rowLevelSecurity(true).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("rowLevelSecurity"));
  }

  private static List<String> inTransactionAs(TenantId tenant, String query) throws SQLException {
    try (Connection connection = application.getConnection()) {
      connection.setAutoCommit(false);
      bind(connection, tenant);
      List<String> rows = read(connection, query);
      connection.commit();
      return rows;
    }
  }

  private static void bind(Connection connection, TenantId tenant) throws SQLException {
    try (PreparedStatement set = connection.prepareStatement("SELECT set_config('licensekit.tenant_id', ?, true)")) {
      set.setString(1, tenant.value());
      set.execute();
    }
  }

  private static List<String> strings(DataSource source, String query) throws SQLException {
    try (Connection connection = source.getConnection()) {
      return read(connection, query);
    }
  }

  private static List<String> read(Connection connection, String query) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
      while (result.next()) {
        rows.add(result.getString(1));
      }
    }
    return rows;
  }
}
