package org.licensekit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The dashboard and claims-report pages (50 rows; a second page of the expiry sort inside one tie
 * group; the sorts by status, product and organization; a status sorted by an instant its claims
 * lack or have late; the live statuses oldest first; an area sorted by status) over {@code users} × 4
 * claims (1,000,000 at the default) on embedded PostgreSQL 17, seeded
 * by SQL ({@code million-claims.sql}): 250,000 users in 100 schools under 10 areas, 8 products, 24
 * pools, 10% pending, 30% active, 45% expired, 15% revoked claims. Through the public API as a
 * reporter, so authorization, the organization subtree and the page's users' organizations are
 * included.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ReportBenchmark {

  @Param({"250000"})
  public int users;

  private BenchmarkPostgres database;
  private Reports reports;
  private ClaimsQuery statusAndProductNewestFirst;
  private ClaimsQuery organizationAndStatus;
  private ClaimsQuery roleInArea;
  private ClaimsQuery roleInAreaPending;
  private ClaimsQuery claimedNewestFirst;
  private ClaimsQuery expiryNewestFirst;
  private ClaimsQuery expiryNewestFirstNextPage;
  private ClaimsQuery byStatus;
  private ClaimsQuery byProduct;
  private ClaimsQuery byOrganization;
  private ClaimsQuery activeByOrganization;
  private ClaimsQuery pendingByClaimInstant;
  private ClaimsQuery activeByClaimInstant;
  private ClaimsQuery liveOldestFirst;
  private ClaimsQuery areaByStatus;

  @Setup(Level.Trial)
  public void setUp() {
    database = BenchmarkPostgres.seeded(users, 4);
    Licensing licensing = Licensing.builder().store(database.store()).build();
    reports = licensing.tenant(TenantId.of(BenchmarkPostgres.TENANT)).as(Actor.reporter("reporter")).reports();
    statusAndProductNewestFirst = ClaimsQuery.builder().status(ClaimStatus.ACTIVE).product(ProductId.of("product-3"))
        .sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING).limit(50).build();
    organizationAndStatus = ClaimsQuery.builder().organization(OrganizationId.of("school-042")).status(ClaimStatus.ACTIVE)
        .limit(50).build();
    roleInArea = ClaimsQuery.builder().organization(OrganizationId.of("area-04")).role(DefaultCatalog.OBSERVER)
        .sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING).limit(50).build();
    roleInAreaPending = roleInArea.toBuilder().status(ClaimStatus.PENDING).build();
    claimedNewestFirst = ClaimsQuery.builder().sortBy(ClaimSortKey.CLAIMED_AT).direction(SortDirection.DESCENDING).limit(50).build();
    // Every active claim of the seed expires at one instant: the first pages are inside one tie group.
    expiryNewestFirst = ClaimsQuery.builder().sortBy(ClaimSortKey.EXPIRES_AT).direction(SortDirection.DESCENDING).limit(50).build();
    expiryNewestFirstNextPage = expiryNewestFirst.toBuilder()
        .cursor(reports.claims(expiryNewestFirst).nextCursor().orElseThrow(() -> new IllegalStateException("one page only"))).build();
    // Sorts by a value few claims tell apart (schema version 23's branch: value by value, each value's claims by id).
    byStatus = ClaimsQuery.builder().sortBy(ClaimSortKey.STATUS).limit(50).build();
    byProduct = ClaimsQuery.builder().sortBy(ClaimSortKey.PRODUCT).direction(SortDirection.DESCENDING).limit(50).build();
    byOrganization = ClaimsQuery.builder().sortBy(ClaimSortKey.ORGANIZATION).limit(50).build();
    activeByOrganization = byOrganization.toBuilder().status(ClaimStatus.ACTIVE).build();
    // A status whose claims all lack the instant, or sort after most others by it: the status's own index range.
    pendingByClaimInstant = ClaimsQuery.builder().status(ClaimStatus.PENDING).sortBy(ClaimSortKey.CLAIMED_AT).limit(50).build();
    activeByClaimInstant = ClaimsQuery.builder().status(ClaimStatus.ACTIVE).sortBy(ClaimSortKey.CLAIMED_AT).limit(50).build();
    liveOldestFirst = ClaimsQuery.builder().status(ClaimStatus.PENDING, ClaimStatus.ACTIVE).limit(50).build();
    // A wide organization filter (an area's 27,500 memberships) sorted by status: the statuses walked, each one's claims by id.
    areaByStatus = ClaimsQuery.builder().organization(OrganizationId.of("area-04")).sortBy(ClaimSortKey.STATUS).limit(50).build();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    database.close();
  }

  @Benchmark
  public Dashboard dashboard() {
    return reports.dashboard();
  }

  @Benchmark
  public Page<ClaimRow> claimsByStatusAndProductNewestFirst() {
    return reports.claims(statusAndProductNewestFirst);
  }

  @Benchmark
  public Page<ClaimRow> claimsByOrganizationAndStatus() {
    return reports.claims(organizationAndStatus);
  }

  @Benchmark
  public Page<ClaimRow> claimsByRoleInAnArea() {
    return reports.claims(roleInArea);
  }

  @Benchmark
  public Page<ClaimRow> claimsByRoleInAnAreaAndStatus() {
    return reports.claims(roleInAreaPending);
  }

  @Benchmark
  public Page<ClaimRow> claimsOfAnAreaByStatus() {
    return reports.claims(areaByStatus);
  }

  @Benchmark
  public Page<ClaimRow> claimsByClaimInstantNewestFirst() {
    return reports.claims(claimedNewestFirst);
  }

  @Benchmark
  public Page<ClaimRow> claimsByExpiryNewestFirst() {
    return reports.claims(expiryNewestFirst);
  }

  @Benchmark
  public Page<ClaimRow> claimsByExpiryNewestFirstNextPage() {
    return reports.claims(expiryNewestFirstNextPage);
  }

  @Benchmark
  public Page<ClaimRow> claimsSortedByStatus() {
    return reports.claims(byStatus);
  }

  @Benchmark
  public Page<ClaimRow> claimsSortedByProductDescending() {
    return reports.claims(byProduct);
  }

  @Benchmark
  public Page<ClaimRow> claimsSortedByOrganization() {
    return reports.claims(byOrganization);
  }

  @Benchmark
  public Page<ClaimRow> claimsActiveSortedByOrganization() {
    return reports.claims(activeByOrganization);
  }

  @Benchmark
  public Page<ClaimRow> claimsPendingByClaimInstant() {
    return reports.claims(pendingByClaimInstant);
  }

  @Benchmark
  public Page<ClaimRow> claimsActiveByClaimInstant() {
    return reports.claims(activeByClaimInstant);
  }

  @Benchmark
  public Page<ClaimRow> claimsLiveOldestFirst() {
    return reports.claims(liveOldestFirst);
  }
}
