package org.licensekit.core.internal.lifecycle;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Map;
import java.util.stream.Collectors;
import org.licensekit.core.api.AlertContact;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.api.MonthlyReview;
import org.licensekit.core.api.report.AlertKind;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.DashboardAlert;
import org.licensekit.core.api.report.DashboardOptions;
import org.licensekit.core.api.report.ProductSeats;
import org.licensekit.core.api.report.SeatFigures;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.policy.ActivationTrend;
import org.licensekit.core.spi.report.AnalyticsSelection;
import org.licensekit.core.spi.report.CohortFigures;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.reports.ReportService;
import org.licensekit.core.spi.Notification;

/**
 * The monthly license review: the month's key is recorded in the notification log in the same
 * transaction that audits the review and queues its digests, so of any number of runs and instances
 * in one month exactly one sends (the log's key is unique across JVMs), and a run that fails sends
 * nothing and records nothing.
 */
final class MonthlyReviews {

  private final Context context;

  MonthlyReviews(Context context) {
    this.context = context;
  }

  JobRun send(MonthlyReview review) {
    Instant now = context.ports().clock().instant();
    YearMonth period = YearMonth.from(now.atOffset(ZoneOffset.UTC));
    return context.run(changes -> {
      if (!context.store().notificationLog().recordIfAbsent(context.tenant(), "monthly-review|" + period, now)) {
        return new JobRun(0, 0, 0, 1);
      }
      Dashboard dashboard = new ReportService(context).dashboard(DashboardOptions.builder()
          .pendingAlertDays(review.unusedAfterDays())
          .expiringAlertDays(review.endingWithinDays())
          .build());
      Map<String, String> facts = digest(period, dashboard);
      facts.putAll(activationTrend(period, dashboard.products().stream().map(ProductSeats::product).sorted().toList()));
      for (AlertContact recipient : review.recipients()) {
        changes.sendAfterCommit(Notification.builder().tenant(context.tenant()).kind(Notification.Kind.MONTHLY_REVIEW)
            .user(recipient.user()).email(recipient.email()).name(recipient.name()).attributes(facts).build());
      }
      changes.record(ChangeType.MONTHLY_REVIEW_SENT, "review", period.toString())
          .attributes(facts).done();
      return new JobRun(dashboard.products().size(), 1, review.recipients().size(), 0);
    });
  }

  /**
   * The activation trend: the month before the review's month (the last whole month) against the
   * month before that, for all products together and per product, computed from the claims
   * assigned in each month (the analytics report's activation), never from stored figures.
   */
  private Map<String, String> activationTrend(YearMonth period, List<ProductId> products) {
    YearMonth reviewed = period.minusMonths(1);
    YearMonth before = period.minusMonths(2);
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("activationPeriod", reviewed.toString());
    facts.put("activationPreviousPeriod", before.toString());
    if (products.isEmpty()) {
      facts.put("activationTrend", ActivationTrend.of(0, 0, 0, 0).text());
      facts.put("activationTrendByProduct", "");
      return facts;
    }
    facts.put("activationTrend", trend(Set.copyOf(products), reviewed, before).text());
    // a product nothing was assigned of in either month has no trend to tell
    facts.put("activationTrendByProduct", products.stream()
        .map(product -> Map.entry(product, trend(Set.of(product), reviewed, before)))
        .filter(trend -> trend.getValue().current().isPresent() || trend.getValue().previous().isPresent())
        .map(trend -> trend.getKey().value() + "=" + trend.getValue().text())
        .collect(Collectors.joining(",")));
    return facts;
  }

  private ActivationTrend trend(Set<ProductId> products, YearMonth reviewed, YearMonth before) {
    CohortFigures now = cohort(products, reviewed);
    CohortFigures earlier = cohort(products, before);
    return ActivationTrend.of(now.assigned(), now.activated(), earlier.assigned(), earlier.activated());
  }

  private CohortFigures cohort(Set<ProductId> products, YearMonth month) {
    return context.store().reports().cohort(context.tenant(),
        new AnalyticsSelection(products, Optional.empty(), month.atDay(1), month.plusMonths(1).atDay(1)));
  }

  /** The digest's facts, for the host's template and the event. */
  private static Map<String, String> digest(YearMonth period, Dashboard dashboard) {
    SeatFigures total = dashboard.total();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("period", period.toString());
    facts.put("seatsPurchased", Integer.toString(total.purchased()));
    facts.put("seatsAssigned", Integer.toString(total.assigned()));
    facts.put("seatsAvailable", Integer.toString(total.available()));
    facts.put("activationRate", String.format(java.util.Locale.ROOT, "%.3f", total.activationRate()));
    facts.put("seatsByProduct", dashboard.products().stream()
        .map(p -> p.product().value() + "=" + p.seats().assigned() + "/" + p.seats().purchased())
        .collect(Collectors.joining(",")));
    facts.put("pendingClaims", Integer.toString(dashboard.claims().pending()));
    facts.put("unusedLicenses", Integer.toString(dashboard.alerts(AlertKind.CLAIMS_PENDING_TOO_LONG).stream()
        .mapToInt(DashboardAlert::count).sum()));
    facts.put("poolsEndingSoon", dashboard.alerts(AlertKind.POOL_EXPIRING).stream()
        .map(alert -> alert.pool().map(Object::toString).orElse(alert.product().value()))
        .collect(Collectors.joining(",")));
    facts.put("waitingUsers", Integer.toString(dashboard.waiting().values().stream().mapToInt(Integer::intValue).sum()));
    facts.put("waitingByProduct", dashboard.waiting().entrySet().stream()
        .map(e -> e.getKey().value() + "=" + e.getValue()).collect(Collectors.joining(",")));
    return facts;
  }
}
