package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;

/**
 * Claims-report pages with an organization (subtree) or role filter on PostgreSQL read a bounded
 * number of claims rows, first page and the next: {@value #USERS} users of the benchmarks' seed
 * ({@code million-claims.sql}: 100 schools under 10 areas, every tenth user in a second school),
 * plus one wide organization, {@code zone-wide}, whose members are 60% of the users. Each bound
 * lies above what the plan reads and, unless said otherwise, below what the plan it replaced read
 * on this data (in parentheses: before / after, first page, claims rows).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresAreaReportPlansTest {

  private static final int USERS = 20_000;
  private static final String TENANT = "areas";
  private static final OrganizationId AREA = OrganizationId.of("area-04");
  private static final OrganizationId SCHOOL = OrganizationId.of("school-042");
  private static final OrganizationId WIDE = OrganizationId.of("zone-wide");

  private PostgresTestDatabase database;
  private PlanCapturingDataSource plans;
  private Reports reports;

  @BeforeAll
  void seed() throws IOException, SQLException {
    database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.raw()).build();
    ClaimPlanReading.seed(database.raw(), TENANT, USERS);
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      // An organization sorting after every school (the claims' organization key stays the school's).
      statement.execute("INSERT INTO lk_organizations (tenant_id, id, name, parent_id) VALUES ('" + TENANT + "', 'zone-wide', 'Wide', NULL)");
      statement.execute("INSERT INTO lk_memberships (tenant_id, user_id, organization_id) SELECT '" + TENANT + "',"
          + " 'user-' || lpad(i::text, 7, '0'), 'zone-wide' FROM generate_series(0, " + (USERS * 6 / 10 - 1) + ") i");
      statement.execute("SET default_statistics_target = 10000");
      statement.execute("VACUUM ANALYZE");
    }
    plans = new PlanCapturingDataSource(database.raw());
    reports = Licensing.builder().store(JdbcLicenseStore.builder(plans).build()).build().tenant(TenantId.of(TENANT))
        .as(Actor.reporter("reporter")).reports();
  }

  private static ClaimsQuery.Builder q() {
    return ClaimsQuery.builder().limit(50);
  }

  Stream<Arguments> newestFirst() {
    // (8,003 / 4,967), (4,130 / 4,127: one status, no merge; a bound only), (10,836 / 3,628), (3,412 / 1,622), (202 / 107)
    return Stream.of(
        Arguments.of("role in an area", q().organization(AREA).role(DefaultCatalog.OBSERVER), 6_000),
        Arguments.of("role in an area + pending", q().organization(AREA).role(DefaultCatalog.OBSERVER).status(ClaimStatus.PENDING), 6_000),
        Arguments.of("a school", q().organization(SCHOOL), 8_000),
        Arguments.of("an area", q().organization(AREA), 2_600),
        Arguments.of("no filter", q(), 150));
  }

  /**
   * Sorted by assignment newest first, each status's range of {@code claims_status_idx} is read
   * backwards in the index's order and merged, the last tie group read again by ascending id
   * ({@link ClaimsReportSql.Groups}): a status whose claims all come after the page (the ended
   * claims) is read up to its first row of the filter. Ordered by ascending id within an instant
   * instead, each range went through an incremental sort that takes 32 rows of the filter from it
   * before the merge sees one (a role inside an area: three times the rows).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("newestFirst")
  void newestFirstByAssignmentReadsEachStatusInTheIndexOrder(String name, ClaimsQuery.Builder query, int bound) {
    assertBounded(name, query.sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING).build(), bound);
  }

  Stream<Arguments> wideOrganization() {
    ProductId product = ProductId.of("product-3");
    // (every member's claim sorted: over a fifth of the claims / 221 and 423), (10,053 / 468 and 470), (10,051 / 1,475),
    // (3,053 / 1,436)
    return Stream.of(
        Arguments.of("by status", q().organization(WIDE).sortBy(ClaimSortKey.STATUS), "", 1_000),
        Arguments.of("by status, descending", q().organization(WIDE).sortBy(ClaimSortKey.STATUS).direction(SortDirection.DESCENDING), "", 1_000),
        Arguments.of("by product", q().organization(WIDE).sortBy(ClaimSortKey.PRODUCT), "", 1_000),
        Arguments.of("by product, descending", q().organization(WIDE).sortBy(ClaimSortKey.PRODUCT).direction(SortDirection.DESCENDING), "", 1_000),
        Arguments.of("product + by status", q().organization(WIDE).product(product).sortBy(ClaimSortKey.STATUS),
            " AND c.product_id = 'product-3'", 2_500),
        Arguments.of("active + by product", q().organization(WIDE).status(ClaimStatus.ACTIVE).sortBy(ClaimSortKey.PRODUCT),
            " AND c.status = 'ACTIVE'", 2_200));
  }

  /**
   * An organization filter holding more than {@value ClaimsReportSql#MANY_MEMBERS} memberships,
   * sorted by status or product, walks the values ({@link ValueGroups}): each value's claims by id,
   * testing the membership per claim, stopping after the page. Sorting the members' claims instead
   * reads every one of them (48,000 here). The rows are the filter's first two pages in the
   * report's order, as a plain sorted query over the members' claims gives them.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("wideOrganization")
  void aWideOrganizationSortedByStatusOrProductWalksTheValues(String name, ClaimsQuery.Builder query, String filter, int bound)
      throws SQLException {
    ClaimsQuery built = query.build();
    assertBounded(name, built, bound);
    Page<ClaimRow> first = reports.claims(built);
    Page<ClaimRow> next = reports.claims(built.toBuilder().cursor(first.nextCursor().orElseThrow()).build());
    List<String> ids = new ArrayList<>();
    Stream.concat(first.items().stream(), next.items().stream()).forEach(row -> ids.add(row.claim().value()));
    String value = built.sortBy() == ClaimSortKey.STATUS ? "c.status" : "c.product_id";
    String direction = built.direction() == SortDirection.ASCENDING ? " ASC" : " DESC";
    assertThat(ids).as("%s: the first two pages", name).isEqualTo(expected("EXISTS (SELECT 1 FROM lk_memberships m"
        + " WHERE m.tenant_id = c.tenant_id AND m.user_id = c.user_id AND m.organization_id = 'zone-wide')" + filter,
        value + " COLLATE \"C\"" + direction + ", c.id"));
  }

  /**
   * A school (220 memberships here) sorted by status or product reads its members' claims and
   * sorts them: walking the values would pass about a hundred claims per row of the page.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("smallOrganization")
  void aSmallOrganizationSortedByStatusOrProductReadsItsMembersClaims(String name, ClaimsQuery.Builder query, int bound) {
    assertBounded(name, query.build(), bound);
  }

  Stream<Arguments> smallOrganization() {
    // (951 / 951: unchanged, the members' claims sorted)
    return Stream.of(
        Arguments.of("a school by status", q().organization(SCHOOL).sortBy(ClaimSortKey.STATUS), 1_100),
        Arguments.of("a school by product, descending", q().organization(SCHOOL).sortBy(ClaimSortKey.PRODUCT)
            .direction(SortDirection.DESCENDING), 1_100));
  }

  /** The first 100 claim ids of the tenant's claims (of known users) meeting {@code condition}, in {@code order}. */
  private List<String> expected(String condition, String order) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT c.id FROM lk_claims c JOIN lk_users u ON u.tenant_id = c.tenant_id"
            + " AND u.id = c.user_id WHERE c.tenant_id = '" + TENANT + "' AND " + condition + " ORDER BY " + order + " LIMIT 100")) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
    return ids;
  }

  private void assertBounded(String name, ClaimsQuery query, int bound) {
    plans.takePlans();
    Page<ClaimRow> first = reports.claims(query);
    List<String> captured = plans.takePlans();
    ClaimPlanReading.assertPagePlans(name, captured, List.of(), 4L * USERS);
    long firstRead = ClaimPlanReading.claimsRowsRead(captured);
    assertThat(first.items()).as("%s: a full first page", name).hasSize(50);
    reports.claims(query.toBuilder().cursor(first.nextCursor().orElseThrow()).build());
    List<String> next = plans.takePlans();
    long nextRead = ClaimPlanReading.claimsRowsRead(next);
    assertThat(firstRead).as("%s: claims rows read for the first page%n%s", name, captured).isLessThanOrEqualTo(bound);
    assertThat(nextRead).as("%s: claims rows read for the next page%n%s", name, next).isLessThanOrEqualTo(bound);
  }
}
