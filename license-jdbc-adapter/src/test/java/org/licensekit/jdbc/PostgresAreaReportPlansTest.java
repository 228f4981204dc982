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
    // (8,003 / 4,967, then 10,696: one subquery per status, LATERAL, each reading the page's rows of its status, for a
    // statement planned once; a bound only), (4,130 / 4,127: one status, no merge; a bound only), (10,836 / 3,628),
    // (3,412 / 1,622), (202 / 107)
    return Stream.of(
        Arguments.of("role in an area", q().organization(AREA).role(DefaultCatalog.OBSERVER), 12_000),
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

  Stream<Arguments> fewMembersByAnInstant() {
    // runs of the memberships scans for a first page, main's code / this: a school, newest first 2,963 / at most 16 (one
    // probe per member's claim passed over); a school + product likewise; with a status, main's plan started from the
    // members at this size (at 1,000,000 claims it probed per claim: ReportPageCpu, docs/benchmarks.md sixth day)
    return Stream.of(
        Arguments.of("a school + active", q().organization(SCHOOL).status(ClaimStatus.ACTIVE), 6_000),
        Arguments.of("a school + active, newest first", q().organization(SCHOOL).status(ClaimStatus.ACTIVE)
            .direction(SortDirection.DESCENDING), 6_000),
        Arguments.of("a school, newest first", q().organization(SCHOOL).direction(SortDirection.DESCENDING), 8_000),
        Arguments.of("a school + product", q().organization(SCHOOL).product(ProductId.of("product-3")), 8_000));
  }

  /**
   * An organization filter holding at most {@value ClaimsReportSql#MANY_MEMBERS} memberships (a
   * school), sorted by assignment, with or without a status: each statement reads the
   * organization's memberships once ({@code memberships_organization_idx}) into a set the database
   * hashes, and the page's walk of the assignment's index tests each claim's user against it. Tested
   * by {@code EXISTS} instead, the walk probed the memberships' primary key once per claim it
   * passed over (one claim in 90 is a member's: thousands of probes for a page). The bound on the
   * memberships scans' runs (a bitmap scan counted once) allows one per statement and status
   * branch, the count of the memberships and the organizations query of the page's users; the
   * claims rows read are what the walk read before (a bound only); the rows are the filter's first
   * two pages in the report's order.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fewMembersByAnInstant")
  void aSmallOrganizationSortedByAssignmentReadsItsMembershipsOncePerStatement(String name, ClaimsQuery.Builder query, int bound)
      throws SQLException {
    ClaimsQuery built = query.build();
    assertBounded(name, built, bound);
    plans.takePlans();
    Page<ClaimRow> first = reports.claims(built);
    long firstScans = membershipScans(plans.takePlans());
    Page<ClaimRow> next = reports.claims(built.toBuilder().cursor(first.nextCursor().orElseThrow()).build());
    long nextScans = membershipScans(plans.takePlans());
    assertThat(firstScans).as("%s: runs of the memberships scans, first page", name).isLessThanOrEqualTo(16);
    assertThat(nextScans).as("%s: runs of the memberships scans, next page", name).isLessThanOrEqualTo(16);
    List<String> ids = new ArrayList<>();
    Stream.concat(first.items().stream(), next.items().stream()).forEach(row -> ids.add(row.claim().value()));
    String direction = built.direction() == SortDirection.ASCENDING ? " ASC" : " DESC";
    String status = built.statuses().stream().map(s -> " AND c.status = '" + s.name() + "'").findFirst().orElse("");
    String product = built.product().map(p -> " AND c.product_id = '" + p.value() + "'").orElse("");
    assertThat(ids).as("%s: the first two pages", name).isEqualTo(expected("EXISTS (SELECT 1 FROM lk_memberships m"
        + " WHERE m.tenant_id = c.tenant_id AND m.user_id = c.user_id AND m.organization_id = 'school-042')" + status + product,
        "c.assigned_at" + direction + ", c.id"));
  }

  /** How many times the plans' scans of the memberships ran. */
  private static long membershipScans(List<String> captured) {
    return captured.stream().flatMap(plan -> PlanScans.of(plan, "lk_memberships").stream()).filter(scan -> !scan.bitmapIndex())
        .mapToLong(PlanScans.Scan::loops).sum();
  }

  Stream<Arguments> roleInAnAreaByAnInstant() {
    ClaimsQuery.Builder role = q().organization(AREA).role(DefaultCatalog.OBSERVER);
    return Stream.of(
        Arguments.of("newest first", role.sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING), "c.assigned_at DESC"),
        Arguments.of("oldest first", q().organization(AREA).role(DefaultCatalog.OBSERVER).sortBy(ClaimSortKey.ASSIGNED_AT),
            "c.assigned_at ASC"),
        Arguments.of("by claim instant, newest first", q().organization(AREA).role(DefaultCatalog.OBSERVER)
            .sortBy(ClaimSortKey.CLAIMED_AT).direction(SortDirection.DESCENDING), "c.claimed_at DESC NULLS LAST"),
        Arguments.of("pending, newest first", q().organization(AREA).role(DefaultCatalog.OBSERVER).status(ClaimStatus.PENDING)
            .sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING), "c.assigned_at DESC"));
  }

  /**
   * A role inside an area sorted by an instant: every statement of the page holds the role's test
   * once, its holders read from {@code membership_roles_role_idx} into a set hashed once ({@link
   * ClaimFilters.UserTest}), however many statuses it walks (over every status, one subquery run per
   * status, {@code LATERAL}). With a branch per status, each branch held the holders (bound as an
   * array of 5,000 at 1,000,000 claims, estimated element by element when the statement was
   * planned): planning the page cost more than running it. The rows are the filter's first two
   * pages in the report's order.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("roleInAnAreaByAnInstant")
  void aRoleInsideAnAreaHoldsItsHoldersOncePerStatement(String name, ClaimsQuery.Builder query, String order) throws SQLException {
    ClaimsQuery built = query.build();
    plans.takePlans();
    Page<ClaimRow> first = reports.claims(built);
    List<String> firstPlans = plans.takePlans();
    Page<ClaimRow> next = reports.claims(built.toBuilder().cursor(first.nextCursor().orElseThrow()).build());
    List<String> nextPlans = plans.takePlans();
    for (List<String> captured : List.of(firstPlans, nextPlans)) {
      List<String> ofClaims = captured.stream().filter(plan -> plan.contains(" on lk_claims")).toList();
      assertThat(ofClaims).as("%s: statements reading the claims", name).isNotEmpty();
      for (String plan : ofClaims) {
        long arrays = plan.split("ANY \\('\\{user-", -1).length - 1L;
        long reads = PlanScans.of(plan, "lk_membership_roles").stream().filter(scan -> !scan.bitmapIndex())
            .mapToLong(PlanScans.Scan::loops).sum();
        assertThat(arrays + reads).as("%s: the holders' arrays and reads in one statement's plan%n%s", name, plan).isLessThanOrEqualTo(1);
      }
    }
    List<String> ids = new ArrayList<>();
    Stream.concat(first.items().stream(), next.items().stream()).forEach(row -> ids.add(row.claim().value()));
    String status = built.statuses().stream().map(s -> " AND c.status = '" + s.name() + "'").findFirst().orElse("");
    assertThat(ids).as("%s: the first two pages", name).isEqualTo(expected("EXISTS (SELECT 1 FROM lk_membership_roles r"
        + " WHERE r.tenant_id = c.tenant_id AND r.user_id = c.user_id AND r.role_id = '" + DefaultCatalog.OBSERVER.value() + "'"
        + " AND r.organization_id IN (SELECT o.id FROM lk_organizations o WHERE o.tenant_id = c.tenant_id"
        + " AND (o.id = 'area-04' OR o.parent_id = 'area-04')))" + status, order + ", c.id"));
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
