package org.licensekit.core.internal.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.licensekit.core.api.report.Analytics;
import org.licensekit.core.api.report.AnalyticsQuery;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.DashboardOptions;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.Reassignment;
import org.licensekit.core.api.report.ReconciliationResult;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.api.report.UnusedLicensesQuery;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolSeats;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Target;
import org.licensekit.core.policy.DashboardPolicy;
import org.licensekit.core.policy.Operation;
import org.licensekit.core.spi.report.PoolSeatsQuery;

public final class ReportService implements Reports {

  private final Context context;
  private final ReportScope scope;

  public ReportService(Context context) {
    this.context = context;
    this.scope = new ReportScope(context);
  }

  @Override
  public Dashboard dashboard() {
    return dashboard(DashboardOptions.defaults());
  }

  @Override
  public Dashboard dashboard(DashboardOptions options) {
    return context.query(Operation.READ_REPORTS, Target.limitedByReach(), () -> {
      Instant now = context.ports().clock().instant();
      Optional<java.util.Set<org.licensekit.core.domain.OrganizationId>> subtree = scope.subtree(options.organization());
      PoolSeatsQuery query = new PoolSeatsQuery(subtree, now.minus(Duration.ofDays(options.pendingAlertDays())));
      List<PoolSeats> pools = context.store().reports().poolSeats(context.tenant(), query);
      return DashboardPolicy.compute(now, context.store().catalog().listProducts(context.tenant()), pools, options)
          .withWaiting(context.store().waitlist().counts(context.tenant(), subtree.map(set -> set)));
    });
  }

  @Override
  public Page<ClaimRow> claims(ClaimsQuery query) {
    return context.query(Operation.READ_REPORTS, Target.limitedByReach(), () -> new ClaimsReport(context).page(query));
  }

  @Override
  public long forEachClaim(ClaimsQuery query, Consumer<? super ClaimRow> sink) {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(sink, "sink");
    return context.query(Operation.READ_REPORTS, Optional.empty(), () -> new ClaimsReport(context).forEach(query, sink));
  }

  @Override
  public Page<ClaimRow> unusedLicenses(UnusedLicensesQuery query) {
    return context.query(Operation.READ_REPORTS, Target.limitedByReach(), () -> unused(query));
  }

  private Page<ClaimRow> unused(UnusedLicensesQuery query) {
    Instant cutoff = context.ports().clock().instant().minus(Duration.ofDays(query.pendingForDays()));
    ClaimsQuery.Builder claims = ClaimsQuery.builder()
        .status(ClaimStatus.PENDING)
        .range(ClaimDateField.ASSIGNED, Optional.empty(), Optional.of(cutoff))
        .sortBy(ClaimSortKey.ASSIGNED_AT)
        .direction(SortDirection.ASCENDING)
        .limit(query.limit());
    query.product().ifPresent(claims::product);
    query.organization().ifPresent(claims::organization);
    query.cursor().ifPresent(claims::cursor);
    return new ClaimsReport(context).page(claims.build());
  }

  @Override
  public List<LicenseClaim> remind(List<ClaimId> claims) {
    return new UnusedLicenseActions(context).remind(claims);
  }

  @Override
  public LicenseClaim reclaim(ClaimId claim, String reason) {
    return new UnusedLicenseActions(context).reclaim(claim, reason);
  }

  @Override
  public Reassignment reassign(ClaimId claim, UserId to, String reason) {
    return new UnusedLicenseActions(context).reassign(claim, to, reason);
  }

  @Override
  public Analytics analytics(AnalyticsQuery query) {
    return context.query(Operation.READ_REPORTS, Target.limitedByReach(), () -> new AnalyticsReport(context).compute(query));
  }

  @Override
  public ReconciliationResult reconcile(boolean dryRun) {
    return context.job(Operation.RECONCILE, Optional.empty(), () -> { }, () -> new Reconciler(context).reconcile(dryRun));
  }
}
