package org.licensekit.core.memory;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.licensekit.core.api.report.EngagementBand;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.report.AnalyticsSelection;
import org.licensekit.core.spi.report.EngagementFigures;
import org.licensekit.core.spi.report.UsageDay;

/** {@code ReportStore.engagement} computed in Java: claimants at the period's end and their usage rows. */
final class InMemoryEngagement {

  private record Claimant(UserId user, ProductId product) {}

  private InMemoryEngagement() {}

  /**
   * @param claims the claims of the selection (products and organizations already applied)
   * @param usage every usage row of the tenant
   */
  static EngagementFigures of(List<LicenseClaim> claims, List<UsageDay> usage, AnalyticsSelection selection, int highAtLeast, int mediumAtLeast) {
    Instant end = selection.toInstant();
    Set<Claimant> claimants = new LinkedHashSet<>();
    for (LicenseClaim claim : claims) {
      boolean claimedBefore = claim.claimedAt().filter(at -> at.isBefore(end)).isPresent();
      boolean notEndedBefore = claim.endedAt().map(at -> !at.isBefore(end)).orElse(true);
      if (claimedBefore && notEndedBefore) {
        claimants.add(new Claimant(claim.user(), claim.product()));
      }
    }
    Map<Claimant, List<UsageDay>> rows = new HashMap<>();
    for (UsageDay day : usage) {
      Claimant key = new Claimant(day.user(), day.product());
      if (claimants.contains(key)) {
        rows.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(day);
      }
    }
    int used7 = 0;
    int used30 = 0;
    long launches = 0;
    long progressSum = 0;
    int completed = 0;
    int[] bands = new int[EngagementBand.values().length];
    for (Claimant claimant : claimants) {
      List<UsageDay> days = rows.getOrDefault(claimant, List.of());
      long inPeriod = days.stream()
          .filter(d -> !d.day().isBefore(selection.from()) && d.day().isBefore(selection.to()))
          .mapToLong(UsageDay::launches).sum();
      used7 += usedSince(days, selection, 7) ? 1 : 0;
      used30 += usedSince(days, selection, 30) ? 1 : 0;
      launches += inPeriod;
      bands[EngagementBand.of(inPeriod, highAtLeast, mediumAtLeast).ordinal()]++;
      int progress = days.stream().filter(d -> d.day().isBefore(selection.to())).mapToInt(UsageDay::progress).max().orElse(0);
      progressSum += progress;
      completed += progress == 100 ? 1 : 0;
    }
    return new EngagementFigures(claimants.size(), used7, used30, launches,
        bands[EngagementBand.HIGH.ordinal()], bands[EngagementBand.MEDIUM.ordinal()], bands[EngagementBand.LOW.ordinal()],
        bands[EngagementBand.NONE.ordinal()], progressSum, completed);
  }

  private static boolean usedSince(List<UsageDay> days, AnalyticsSelection selection, int lastDays) {
    return days.stream().anyMatch(d -> d.launches() > 0
        && !d.day().isBefore(selection.to().minusDays(lastDays)) && d.day().isBefore(selection.to()));
  }
}
