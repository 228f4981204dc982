package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.TrainingCondition;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;

/**
 * Every claims-report filter combination, the dashboard and the lifecycle sweeps read the claims
 * table through an index, and only a bounded part of it, on a PostgreSQL database large enough
 * for the planner to prefer indexes: {@value #USERS} users with four claims each, written by the
 * benchmarks' seed script ({@code million-claims.sql}, the shape of the 1,000,000-claim report
 * benchmark: 100 schools under 10 areas, 8 products, 24 pools of which 8 ended, 10% pending, 30%
 * active, 45% expired, 15% revoked), plus training assignments and records. Plans are the ones
 * the statements ran with ({@link PlanCapturingDataSource}: {@code auto_explain} with actual
 * rows), through the public API; a plan fails when it scans the claims table sequentially, uses
 * none of its indexes, or has a node on it that returns or filters out more than a fifth of the
 * claims — as a page read by walking a whole status (active 30%, expired 45%, live 40%), or a sweep
 * that joins every live claim, would (one product of eight, 12.5%, or the pending claims, 10%, may
 * be read whole where the planner finds that cheaper than walking in page order) —
 * and, where one index holds exactly the page's range (status, product and status, user, the
 * dashboard's pending claims, a pool's live claims, the expiry sweep's), when it does not use it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresClaimPlansTest {

  /**
   * A role inside an area with a status: the role's holders are tested from a set (sorted by
   * assignment, read by the statement and hashed once; otherwise read first and bound as an array),
   * then the page walks the status's index in page order, or — when the statistics make the
   * holders' claims look fewer — reads the holders' live claims by the one-live-claim index and
   * sorts them (by the holders' array, never a probe per member). Either reads a bounded part of the claims (the fifth rule below holds for both);
   * what must never come back is the plan driven from the members' side, which uses neither.
   */
  private static final String HOLDERS_PLANS = "lk_claims_status_idx|lk_claims_live_uq&(user_id)::text = ANY ('{";

  private static final int USERS = 20_000;
  private static final long CLAIMS = 4L * USERS;
  private static final String TENANT = "plans";

  private PlanCapturingDataSource plans;
  private JdbcLicenseStore store;
  private Reports reports;
  private final TenantId tenant = TenantId.of(TENANT);
  private final Instant now = Instant.now();

  @BeforeAll
  void seed() throws IOException, SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.raw()).build();
    ClaimPlanReading.seed(database.raw(), TENANT, USERS);
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      // Training "safety": every 50th user assigned it (half of them overdue), every 40th holding a record.
      statement.execute("INSERT INTO lk_training_assignments (tenant_id, user_id, training_id, product_id, assigned_at, due_at,"
          + " completed_at) SELECT '" + TENANT + "', 'user-' || lpad(i::text, 7, '0'), 'safety', NULL, now() - interval '60 days',"
          + " now() + CASE WHEN i % 100 = 0 THEN interval '-10 days' ELSE interval '30 days' END, NULL"
          + " FROM generate_series(0, " + (USERS - 1) + ", 50) i");
      statement.execute("INSERT INTO lk_training_records (tenant_id, user_id, training_id, completed_at, expires_at)"
          + " SELECT '" + TENANT + "', 'user-' || lpad(i::text, 7, '0'), 'safety', now() - interval '100 days',"
          + " now() + CASE WHEN i % 80 = 0 THEN interval '-1 day' ELSE interval '200 days' END"
          + " FROM generate_series(0, " + (USERS - 1) + ", 40) i");
      // Statistics from every row rather than a random sample, so that the plans, and this test, are the same on every run.
      statement.execute("SET default_statistics_target = 10000");
      statement.execute("VACUUM ANALYZE");
    }
    plans = new PlanCapturingDataSource(database.raw());
    store = JdbcLicenseStore.builder(plans).build();
    reports = Licensing.builder().store(store).build().tenant(tenant).as(Actor.reporter("reporter")).reports();
  }

  Stream<Arguments> reportPages() {
    Instant daysAgo30 = now.minus(Duration.ofDays(30));
    Instant daysAgo20 = now.minus(Duration.ofDays(20));
    OrganizationId school = OrganizationId.of("school-042");
    OrganizationId area = OrganizationId.of("area-04");
    ProductId product = ProductId.of("product-3");
    TrainingId safety = TrainingId.of("safety");
    return Stream.of(
        // every status's range of the status index, merged
        page("no filter, oldest first", q(), "lk_claims_status_idx"),
        page("no filter, newest first", q().direction(SortDirection.DESCENDING), "lk_claims_status_idx"),
        page("status, newest first", q().status(ClaimStatus.ACTIVE).direction(SortDirection.DESCENDING), "lk_claims_status_idx"),
        page("status pending, oldest first", q().status(ClaimStatus.PENDING), "lk_claims_status_idx"),
        page("status expired, newest first", q().status(ClaimStatus.EXPIRED).direction(SortDirection.DESCENDING),
            "lk_claims_status_idx"),
        page("live statuses, newest first", q().status(ClaimStatus.PENDING, ClaimStatus.ACTIVE).direction(SortDirection.DESCENDING)),
        page("product, newest first", q().product(product).direction(SortDirection.DESCENDING)),
        page("product + status, newest first", q().product(product).status(ClaimStatus.ACTIVE).direction(SortDirection.DESCENDING),
            "lk_claims_product_status_idx"),
        page("product + expired, oldest first", q().product(product).status(ClaimStatus.EXPIRED), "lk_claims_product_status_idx"),
        page("product + expired, newest first", q().product(product).status(ClaimStatus.EXPIRED).direction(SortDirection.DESCENDING),
            "lk_claims_product_status_idx"),
        page("organization, newest first", q().organization(school).direction(SortDirection.DESCENDING)),
        page("organization + status", q().organization(school).status(ClaimStatus.ACTIVE)),
        page("organization subtree + status, newest first",
            q().organization(area).status(ClaimStatus.ACTIVE).direction(SortDirection.DESCENDING)),
        page("organization subtree + product, newest first",
            q().organization(area).product(product).direction(SortDirection.DESCENDING)),
        page("role", q().role(DefaultCatalog.OBSERVER).direction(SortDirection.DESCENDING)),
        page("role in an organization subtree, newest first",
            q().organization(area).role(DefaultCatalog.OBSERVER).direction(SortDirection.DESCENDING)),
        page("role in an organization subtree + status",
            q().organization(area).role(DefaultCatalog.OBSERVER).status(ClaimStatus.PENDING).direction(SortDirection.DESCENDING),
            HOLDERS_PLANS),
        page("role in an organization subtree + active, oldest first",
            q().organization(area).role(DefaultCatalog.OBSERVER).status(ClaimStatus.ACTIVE), HOLDERS_PLANS),
        page("role in a school + status",
            q().organization(school).role(DefaultCatalog.OBSERVER).status(ClaimStatus.PENDING).direction(SortDirection.DESCENDING)),
        page("role + status", q().role(DefaultCatalog.OBSERVER).status(ClaimStatus.EXPIRED).direction(SortDirection.DESCENDING),
            "lk_claims_status_idx"),
        page("user", q().user(UserId.of("user-0001234")).direction(SortDirection.DESCENDING), "lk_claims_user_idx"),
        page("assigned between, newest first", q().assignedBetween(daysAgo30, daysAgo20).direction(SortDirection.DESCENDING)),
        page("claimed between, by claim", q().claimedBetween(daysAgo30, daysAgo20).sortBy(ClaimSortKey.CLAIMED_AT)),
        page("claimed between + status, newest first",
            q().claimedBetween(daysAgo30, daysAgo20).status(ClaimStatus.ACTIVE).direction(SortDirection.DESCENDING)),
        page("product + assigned between", q().product(product).assignedBetween(daysAgo30, now)),
        page("by claim instant", q().sortBy(ClaimSortKey.CLAIMED_AT)),
        page("by expiry", q().sortBy(ClaimSortKey.EXPIRES_AT)),
        // Newest first, the rows with the instant come from its index read backwards, and the ties
        // (every active claim of the seed expires at one instant) by ascending id from its range.
        page("by claim instant, newest first", q().sortBy(ClaimSortKey.CLAIMED_AT).direction(SortDirection.DESCENDING),
            "lk_claims_claimed_idx"),
        page("by expiry, newest first", q().sortBy(ClaimSortKey.EXPIRES_AT).direction(SortDirection.DESCENDING),
            "lk_claims_expires_idx"),
        page("status + by claim instant, newest first",
            q().status(ClaimStatus.ACTIVE).sortBy(ClaimSortKey.CLAIMED_AT).direction(SortDirection.DESCENDING), "lk_claims_claimed_idx"),
        page("product + by expiry", q().product(product).sortBy(ClaimSortKey.EXPIRES_AT), "lk_claims_expires_idx"),
        page("organization + by claim instant, newest first",
            q().organization(school).sortBy(ClaimSortKey.CLAIMED_AT).direction(SortDirection.DESCENDING)),
        page("by user name", q().sortBy(ClaimSortKey.USER_NAME)),
        // Sorts by a value few claims tell apart, value by value (ValueGroups); each value's claims by id.
        page("by status", q().sortBy(ClaimSortKey.STATUS)),
        page("by status, newest first", q().sortBy(ClaimSortKey.STATUS).direction(SortDirection.DESCENDING)),
        page("organization + by status", q().organization(school).sortBy(ClaimSortKey.STATUS)),
        page("by product", q().sortBy(ClaimSortKey.PRODUCT)),
        page("status + by product, newest first", q().status(ClaimStatus.ACTIVE).sortBy(ClaimSortKey.PRODUCT)
            .direction(SortDirection.DESCENDING)),
        page("by organization", q().sortBy(ClaimSortKey.ORGANIZATION)),
        page("by organization, newest first", q().sortBy(ClaimSortKey.ORGANIZATION).direction(SortDirection.DESCENDING)),
        page("status + by organization", q().status(ClaimStatus.PENDING).sortBy(ClaimSortKey.ORGANIZATION)),
        page("organization + by organization", q().organization(school).sortBy(ClaimSortKey.ORGANIZATION)),
        // The filter's members' claims sorted, not a walk of the organization index from its start (schema version 27)
        page("organization subtree + by organization", q().organization(area).sortBy(ClaimSortKey.ORGANIZATION)),
        page("organization subtree + product, by organization", q().organization(area).product(product)
            .sortBy(ClaimSortKey.ORGANIZATION)),
        page("role in an organization subtree + by organization", q().organization(area).role(DefaultCatalog.OBSERVER)
            .sortBy(ClaimSortKey.ORGANIZATION)),
        // A status whose claims sort after (or lack) the instant: its own range of the status-led index.
        page("live statuses, oldest first", q().status(ClaimStatus.PENDING, ClaimStatus.ACTIVE), "lk_claims_status_idx"),
        page("active by claim instant, oldest first", q().status(ClaimStatus.ACTIVE).sortBy(ClaimSortKey.CLAIMED_AT),
            "lk_claims_claimed_idx"),
        page("pending by claim instant", q().status(ClaimStatus.PENDING).sortBy(ClaimSortKey.CLAIMED_AT)),
        page("pending by expiry, newest first", q().status(ClaimStatus.PENDING).sortBy(ClaimSortKey.EXPIRES_AT)
            .direction(SortDirection.DESCENDING)),
        page("active by expiry", q().status(ClaimStatus.ACTIVE).sortBy(ClaimSortKey.EXPIRES_AT), "lk_claims_expires_idx"),
        // A date range on another instant than the sort's: the range read and sorted, not every status's
        // walk along the sort (the expired claims have no claim in the last 30 days: their walk would read all)
        page("assigned between + by claim instant, newest first", q().assignedBetween(daysAgo30, now)
            .sortBy(ClaimSortKey.CLAIMED_AT).direction(SortDirection.DESCENDING)),
        page("assigned between + by status", q().assignedBetween(daysAgo30, now).sortBy(ClaimSortKey.STATUS)),
        page("training overdue, newest first",
            q().training(safety, TrainingCondition.Status.OVERDUE).direction(SortDirection.DESCENDING)),
        page("training completed + status",
            q().training(safety, TrainingCondition.Status.COMPLETED).status(ClaimStatus.ACTIVE)),
        page("certification expired + organization subtree",
            q().training(safety, TrainingCondition.Status.CERTIFICATION_EXPIRED).organization(area)));
  }

  private static ClaimsQuery.Builder q() {
    return ClaimsQuery.builder().limit(50);
  }

  /** A page's name, query and the claims indexes its plans must use (an exact range of one of them). */
  private static Arguments page(String name, ClaimsQuery.Builder query, String... indexes) {
    return Arguments.of(name, query.build(), List.of(indexes));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reportPages")
  void aClaimsReportPageAndTheNextComeFromAnIndex(String name, ClaimsQuery query, List<String> indexes) {
    plans.takePlans();
    Page<ClaimRow> first = reports.claims(query);
    assertPagePlans(name + ", first page", plans.takePlans(), indexes);
    assertThat(first.items()).as("%s: rows of the first page (the seeded data has some)", name).isNotEmpty();
    first.nextCursor().ifPresent(cursor -> {
      reports.claims(query.toBuilder().cursor(cursor).build());
      assertPagePlans(name + ", next page", plans.takePlans(), indexes);
    });
  }

  Stream<Arguments> organizationSorts() {
    return Stream.of(
        Arguments.of("by organization", q().sortBy(ClaimSortKey.ORGANIZATION), 260),
        Arguments.of("by organization, newest first", q().sortBy(ClaimSortKey.ORGANIZATION).direction(SortDirection.DESCENDING), 260),
        Arguments.of("active by organization", q().sortBy(ClaimSortKey.ORGANIZATION).status(ClaimStatus.ACTIVE), 460),
        Arguments.of("pending by organization, newest first",
            q().sortBy(ClaimSortKey.ORGANIZATION).status(ClaimStatus.PENDING).direction(SortDirection.DESCENDING), 1_800),
        Arguments.of("product + by organization", q().sortBy(ClaimSortKey.ORGANIZATION).product(ProductId.of("product-3")), 1_200),
        Arguments.of("role + by organization", q().sortBy(ClaimSortKey.ORGANIZATION).role(DefaultCatalog.OBSERVER), 820));
  }

  /**
   * Sorted by organization without a bounding filter, a page walks the organizations in order (one
   * probe of the index per organization: 100 here) and reads each one's claims by id from {@code
   * claims_organization_idx} (schema version 27), stopping once the page is full: the claims rows
   * its plans read (returned or filtered out, every claims node, every loop) stay within the
   * organizations' probes plus about a page for the filter's share of the claims (a status filter
   * reads a tenth of the entries it passes when pending, as the last schools' ranges here hold a few
   * hundred claims each). Before version 27 the page read every claim of the first organization's
   * members, member by member, and the index does not exist.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("organizationSorts")
  void aPageSortedByOrganizationStopsAfterThePageInTheOrganizationIndex(String name, ClaimsQuery.Builder query, int bound) {
    plans.takePlans();
    Page<ClaimRow> first = reports.claims(query.build());
    List<String> captured = plans.takePlans();
    assertPagePlans(name, captured, List.of("lk_claims_organization_idx"));
    assertThat(ClaimPlanReading.claimsRowsRead(captured)).as("%s: claims rows read for the first page%n%s", name, captured).isLessThanOrEqualTo(bound);
    assertThat(first.items()).as("%s: a full first page", name).hasSize(50);
    reports.claims(query.cursor(first.nextCursor().orElseThrow()).build());
    List<String> next = plans.takePlans();
    assertPagePlans(name + ", next page", next, List.of("lk_claims_organization_idx"));
    assertThat(ClaimPlanReading.claimsRowsRead(next)).as("%s: claims rows read for the next page%n%s", name, next).isLessThanOrEqualTo(bound);
  }

  @Test
  void theDashboardReadsThePendingClaimsOfEachPoolFromAnIndex() {
    plans.takePlans();
    reports.dashboard();
    assertPagePlans("dashboard", plans.takePlans(), List.of("lk_claims_pool_pending_idx"));
  }

  Stream<Arguments> sweeps() {
    ClaimId middle = ClaimId.of(String.format("claim-%08d", CLAIMS / 2));
    PoolId pool = PoolId.of("pool-3-1");
    Supplier<Object> expiry = () -> store.claimQueries().findDueForExpiry(tenant, now, Optional.empty(), 500);
    Supplier<Object> expiryAfter = () -> store.claimQueries().findDueForExpiry(tenant, now, Optional.of(middle), 500);
    Supplier<Object> reminders = () -> store.claimQueries().findPendingAssignedBefore(tenant, now.minus(Duration.ofDays(14)),
        Optional.empty(), 500);
    Supplier<Object> remindersAfter = () -> store.claimQueries().findPendingAssignedBefore(tenant,
        now.minus(Duration.ofDays(14)), Optional.of(middle), 500);
    Supplier<Object> poolPage = () -> store.claims().liveForPool(tenant, pool, Optional.empty(), 500);
    Supplier<Object> poolPageAfter = () -> store.claims().liveForPool(tenant, pool, Optional.of(middle), 500);
    Supplier<Object> live = () -> store.claims().findLive(tenant, UserId.of("user-0001234"), ProductId.of("product-3"));
    Supplier<Object> ofUser = () -> store.claims().listForUser(tenant, UserId.of("user-0001234"));
    List<String> expiryIndexes = List.of("lk_claims_live_expiry_idx", "lk_claims_pool_live_id_idx");
    List<String> poolIndexes = List.of("lk_claims_pool_live_id_idx");
    return Stream.of(Arguments.of("expiry sweep", expiry, expiryIndexes),
        Arguments.of("expiry sweep, next page", expiryAfter, expiryIndexes),
        Arguments.of("pending reminders", reminders, List.of()), Arguments.of("pending reminders, next page", remindersAfter, List.of()),
        Arguments.of("a pool's live claims", poolPage, poolIndexes), Arguments.of("a pool's live claims, next page", poolPageAfter, poolIndexes),
        // led by the user (their few claims, filtered), never by the product or the status: a generic
        // plan on either walked every live claim of the product
        Arguments.of("a user's live claim of a product", live, List.of("lk_claims_user_idx")),
        Arguments.of("a user's claims", ofUser, List.of("lk_claims_user_idx")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sweeps")
  void aLifecycleSweepPageComesFromAnIndex(String name, Supplier<Object> sweep, List<String> indexes) {
    plans.takePlans();
    sweep.get();
    assertPagePlans(name, plans.takePlans(), indexes);
  }

  private static void assertPagePlans(String name, List<String> captured, List<String> indexes) {
    ClaimPlanReading.assertPagePlans(name, captured, indexes, CLAIMS);
  }
}
