package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.TenantId;

/**
 * Schema version 34 on a database whose claims were written at version 33: {@code
 * claims_status_idx} keeps only the claims past {@code PENDING}, and every claims-report page
 * sorted by assignment that shows pending claims reads them one product at a time ({@code
 * ClaimsByInstant}) — the pages, walked to the end, hold exactly the claims a plain sorted query
 * gives, in the report's order (assignment, ties by ascending claim id), with pending claims of
 * every product and tie groups of one instant that span products and pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresPendingClaimsByProductTest {

  private static final String TENANT = "pending";
  private static final int USERS = 600;
  private static final int PAGE = 23;

  private TestDatabase database;
  private Reports reports;

  @BeforeAll
  void writeClaimsAtVersion33ThenMigrate() throws IOException, SQLException {
    database = PostgresTestDatabase.create();
    String history;
    try (Connection connection = database.raw().getConnection()) {
      history = Dialect.folded(connection.getMetaData(), "lk_schema_history");
    }
    Flyway.configure(getClass().getClassLoader()).dataSource(database.raw()).locations("classpath:db/licensekit/postgresql")
        .placeholders(Map.of(Migrations.PREFIX_PLACEHOLDER, "lk_")).table(history).baselineOnMigrate(true).baselineVersion("0")
        .target("33").load().migrate();
    ClaimPlanReading.seed(database.raw(), TENANT, USERS);
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      // Tie groups: every 9th claim of each status shares one of three instants, across products and statuses.
      statement.execute("UPDATE lk_claims SET assigned_at = TIMESTAMPTZ '2026-06-01T00:00:00Z' + (substr(id, 7)::int % 3) * interval '1 day'"
          + " WHERE tenant_id = '" + TENANT + "' AND substr(id, 7)::int % 9 = 0");
      try (ResultSet index = statement.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'lk_claims_status_idx'")) {
        assertThat(index.next()).isTrue();
        assertThat(index.getString(1)).as("version 33's index").doesNotContain("WHERE");
      }
    }
    JdbcLicenseStore store = JdbcLicenseStore.builder(database.dataSource()).build();
    reports = Licensing.builder().store(store).build().tenant(TenantId.of(TENANT)).as(Actor.reporter("reporter")).reports();
  }

  @Test
  void theStatusIndexHoldsNoPendingClaimAfterTheMigration() throws SQLException {
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      try (ResultSet index = statement.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'lk_claims_status_idx'")) {
        assertThat(index.next()).isTrue();
        assertThat(index.getString(1)).contains("(tenant_id, status, assigned_at, id) INCLUDE (user_id, product_id)")
            .contains("WHERE ((status)::text = ANY").contains("'ACTIVE'").contains("'EXPIRED'").contains("'REVOKED'")
            .doesNotContain("PENDING");
      }
      try (ResultSet pending = statement.executeQuery("SELECT count(*) FROM lk_claims WHERE tenant_id = '" + TENANT
          + "' AND status = 'PENDING'")) {
        assertThat(pending.next()).isTrue();
        assertThat(pending.getLong(1)).as("pending claims written at version 33").isGreaterThan(100);
      }
    }
  }

  Stream<Arguments> pages() {
    OrganizationId area = OrganizationId.of("area-04");
    return Stream.of(
        Arguments.of("every status, oldest first", q(), "", false),
        Arguments.of("every status, newest first", q().direction(SortDirection.DESCENDING), "", true),
        Arguments.of("pending, oldest first", q().status(ClaimStatus.PENDING), " AND c.status = 'PENDING'", false),
        Arguments.of("pending, newest first", q().status(ClaimStatus.PENDING).direction(SortDirection.DESCENDING),
            " AND c.status = 'PENDING'", true),
        Arguments.of("live, newest first", q().status(ClaimStatus.PENDING, ClaimStatus.ACTIVE).direction(SortDirection.DESCENDING),
            " AND c.status IN ('PENDING', 'ACTIVE')", true),
        Arguments.of("pending in an area, newest first", q().status(ClaimStatus.PENDING).organization(area)
            .direction(SortDirection.DESCENDING), " AND c.status = 'PENDING'" + member("area-04"), true),
        Arguments.of("a role, newest first", q().role(DefaultCatalog.OBSERVER).direction(SortDirection.DESCENDING),
            holds(DefaultCatalog.OBSERVER.value()), true),
        Arguments.of("a role, pending and active, oldest first", q().role(DefaultCatalog.OBSERVER)
            .status(ClaimStatus.PENDING, ClaimStatus.ACTIVE), " AND c.status IN ('PENDING', 'ACTIVE')" + holds(DefaultCatalog.OBSERVER.value()),
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void pagesSortedByAssignmentHoldEveryClaimInTheReportsOrder(String name, ClaimsQuery.Builder query, String condition,
      boolean newestFirst) throws SQLException {
    List<String> expected = sorted(condition, newestFirst);
    assertThat(expected).as("%s: claims for more than one page", name).hasSizeGreaterThan(PAGE);
    List<String> read = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    do {
      ClaimsQuery.Builder next = query.build().toBuilder();
      cursor.ifPresent(next::cursor);
      Page<ClaimRow> page = reports.claims(next.build());
      page.items().forEach(row -> read.add(row.claim().value()));
      cursor = page.nextCursor();
    } while (cursor.isPresent() && read.size() <= expected.size());
    assertThat(read).as("%s: the pages' claims, in order", name).containsExactlyElementsOf(expected);
  }

  private static ClaimsQuery.Builder q() {
    return ClaimsQuery.builder().limit(PAGE);
  }

  /** The claims the report shows for {@code condition}, in its order by assignment, by a plain sorted query. */
  private List<String> sorted(String condition, boolean newestFirst) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = database.raw().getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT c.id FROM lk_claims c JOIN lk_users u"
            + " ON u.tenant_id = c.tenant_id AND u.id = c.user_id WHERE c.tenant_id = ?" + condition
            + " ORDER BY c.assigned_at" + (newestFirst ? " DESC" : "") + ", c.id COLLATE \"C\"")) {
      select.setString(1, TENANT);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  private static String member(String organization) {
    return " AND EXISTS (SELECT 1 FROM lk_memberships m JOIN lk_organizations o ON o.tenant_id = m.tenant_id AND o.id = m.organization_id"
        + " WHERE m.tenant_id = c.tenant_id AND m.user_id = c.user_id AND (o.id = '" + organization + "' OR o.parent_id = '"
        + organization + "'))";
  }

  private static String holds(String role) {
    return " AND EXISTS (SELECT 1 FROM lk_membership_roles r WHERE r.tenant_id = c.tenant_id AND r.user_id = c.user_id"
        + " AND r.role_id = '" + role + "')";
  }
}
