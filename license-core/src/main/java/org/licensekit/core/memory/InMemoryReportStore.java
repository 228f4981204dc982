package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.PoolStore;
import org.licensekit.core.spi.ReportStore;
import org.licensekit.core.spi.report.AnalyticsSelection;
import org.licensekit.core.spi.report.ClaimsPosition;
import org.licensekit.core.spi.report.ClaimsSelection;
import org.licensekit.core.spi.report.CohortFigures;
import org.licensekit.core.spi.report.DailyActivity;
import org.licensekit.core.spi.report.EngagementFigures;
import org.licensekit.core.domain.PoolSeats;
import org.licensekit.core.spi.report.PoolSeatsQuery;
import org.licensekit.core.spi.report.UsageDay;

/**
 * The report queries answered in Java over the in-memory tables, under the store lock so each sees
 * whole transactions only. Engagement lives in {@link InMemoryEngagement}.
 */
final class InMemoryReportStore implements ReportStore {

  private final InMemoryTransactions tx;
  private final InMemoryClaimStore claims;
  private final PoolStore pools;
  private final DirectoryStore directory;
  private final InMemoryUsageStore usage;
  private final InMemoryTrainingStore training;

  InMemoryReportStore(InMemoryTransactions tx, InMemoryClaimStore claims, PoolStore pools, DirectoryStore directory, InMemoryUsageStore usage,
      InMemoryTrainingStore training) {
    this.tx = tx;
    this.claims = claims;
    this.pools = pools;
    this.directory = directory;
    this.usage = usage;
    this.training = training;
  }

  @Override
  public List<PoolSeats> poolSeats(TenantId tenant, PoolSeatsQuery query) {
    return tx.read(() -> {
      Map<PoolId, List<LicenseClaim>> byPool = new HashMap<>();
      Map<PoolId, List<LicenseClaim>> endedByPool = new HashMap<>();
      for (LicenseClaim claim : claims.all(tenant)) {
        (claim.live() ? byPool : endedByPool).computeIfAbsent(claim.pool(), p -> new ArrayList<>()).add(claim);
      }
      ImmutableList.Builder<PoolSeats> result = ImmutableList.builder();
      for (PoolUsage usage : pools.list(tenant)) {
        if (query.scopes().isPresent() && !usage.pool().scope().filter(query.scopes().get()::contains).isPresent()) {
          continue;
        }
        List<LicenseClaim> live = byPool.getOrDefault(usage.pool().id(), List.of());
        List<LicenseClaim> pending = live.stream().filter(c -> c.status() == ClaimStatus.PENDING).toList();
        List<LicenseClaim> ended = endedByPool.getOrDefault(usage.pool().id(), List.of());
        int expired = (int) ended.stream().filter(c -> c.status() == ClaimStatus.EXPIRED).count();
        result.add(new PoolSeats(usage.pool(), usage.seatsInUse(), pending.size(), live.size() - pending.size(),
            (int) pending.stream().filter(c -> c.assignedAt().isBefore(query.pendingBefore())).count(),
            pending.stream().map(LicenseClaim::assignedAt).min(Comparator.naturalOrder()), expired, ended.size() - expired));
      }
      return result.build();
    });
  }

  @Override
  public List<ClaimRow> claims(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after, int limit) {
    return tx.read(() -> {
      ReportRows rows = new ReportRows(directory, tenant);
      ClaimRowOrder order = new ClaimRowOrder(selection.direction());
      return claims.all(tenant).stream()
          .filter(claim -> matches(claim, selection, rows))
          .filter(claim -> selection.training().map(criterion -> training.matches(tenant, claim.user(), criterion)).orElse(true))
          .flatMap(claim -> row(claim, rows).stream())
          .filter(row -> after.map(position -> order.compare(ClaimsPosition.of(row, selection.sortBy()), position) > 0).orElse(true))
          .sorted(ClaimRowOrder.rows(selection.sortBy(), selection.direction()))
          .limit(limit)
          .collect(ImmutableList.toImmutableList());
    });
  }

  private static boolean matches(LicenseClaim claim, ClaimsSelection s, ReportRows rows) {
    Optional<Instant> at = s.dateField() == ClaimDateField.ASSIGNED ? Optional.of(claim.assignedAt()) : claim.claimedAt();
    boolean inRange = (s.from().isEmpty() && s.to().isEmpty())
        || at.filter(i -> s.from().map(f -> !i.isBefore(f)).orElse(true) && s.to().map(i::isBefore).orElse(true)).isPresent();
    return inRange
        && s.user().map(claim.user()::equals).orElse(true)
        && s.product().map(claim.product()::equals).orElse(true)
        && (s.statuses().isEmpty() || s.statuses().contains(claim.status()))
        && rows.memberOf(claim.user(), s.organizations())
        && s.role().map(role -> rows.holds(claim.user(), role, s.organizations())).orElse(true);
  }

  private static Optional<ClaimRow> row(LicenseClaim claim, ReportRows rows) {
    return rows.user(claim.user()).map((UserAccount user) -> new ClaimRow(claim.id(), user.id(), user.name(), user.email(), claim.product(),
        rows.memberships(user.id()).stream().map(Membership::organization).toList(), claim.status(), claim.pool(),
        claim.assignedAt(), claim.claimedAt(), claim.expiresAt()));
  }

  @Override
  public CohortFigures cohort(TenantId tenant, AnalyticsSelection selection) {
    return tx.read(() -> {
      ReportRows rows = new ReportRows(directory, tenant);
      List<LicenseClaim> cohort = claims.all(tenant).stream()
          .filter(inSelection(selection, rows))
          .filter(c -> !c.assignedAt().isBefore(selection.fromInstant()) && c.assignedAt().isBefore(selection.toInstant()))
          .toList();
      List<Long> seconds = cohort.stream()
          .filter(c -> c.claimedAt().isPresent())
          .map(c -> c.claimedAt().get().getEpochSecond() - c.assignedAt().getEpochSecond())
          .sorted()
          .toList();
      Optional<Long> mean = seconds.isEmpty()
          ? Optional.empty()
          : Optional.of(Math.floorDiv(seconds.stream().mapToLong(Long::longValue).sum(), (long) seconds.size()));
      Optional<Long> median = seconds.isEmpty() ? Optional.empty() : Optional.of(seconds.get((seconds.size() - 1) / 2));
      return new CohortFigures(cohort.size(), seconds.size(), mean, median);
    });
  }

  @Override
  public EngagementFigures engagement(TenantId tenant, AnalyticsSelection selection, int highAtLeast, int mediumAtLeast) {
    return tx.read(() -> {
      ReportRows rows = new ReportRows(directory, tenant);
      return InMemoryEngagement.of(claims.all(tenant).stream().filter(inSelection(selection, rows)).toList(),
          usage.all(tenant), selection, highAtLeast, mediumAtLeast);
    });
  }

  @Override
  public List<DailyActivity> daily(TenantId tenant, AnalyticsSelection selection) {
    return tx.read(() -> {
      ReportRows rows = new ReportRows(directory, tenant);
      Map<LocalDate, long[]> days = new TreeMap<>();
      for (LicenseClaim claim : claims.all(tenant).stream().filter(inSelection(selection, rows)).toList()) {
        count(days, selection, claim.assignedAt(), 0, 1);
        claim.claimedAt().ifPresent(at -> count(days, selection, at, 1, 1));
      }
      for (UsageDay day : usage.all(tenant)) {
        if (selection.products().contains(day.product()) && rows.memberOf(day.user(), selection.organizations())
            && !day.day().isBefore(selection.from()) && day.day().isBefore(selection.to())) {
          long[] sums = days.computeIfAbsent(day.day(), d -> new long[4]);
          sums[2] += day.launches();
          sums[3] += day.launches() > 0 ? 1 : 0;
        }
      }
      return days.entrySet().stream()
          .filter(e -> e.getValue()[0] + e.getValue()[1] + e.getValue()[2] + e.getValue()[3] > 0)
          .map(e -> new DailyActivity(e.getKey(), (int) e.getValue()[0], (int) e.getValue()[1], e.getValue()[2], (int) e.getValue()[3]))
          .collect(ImmutableList.toImmutableList());
    });
  }

  private static void count(Map<LocalDate, long[]> days, AnalyticsSelection selection, Instant at, int index, int amount) {
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    if (!day.isBefore(selection.from()) && day.isBefore(selection.to())) {
      days.computeIfAbsent(day, d -> new long[4])[index] += amount;
    }
  }

  private static Predicate<LicenseClaim> inSelection(AnalyticsSelection selection, ReportRows rows) {
    return c -> selection.products().contains(c.product()) && rows.memberOf(c.user(), selection.organizations());
  }
}
