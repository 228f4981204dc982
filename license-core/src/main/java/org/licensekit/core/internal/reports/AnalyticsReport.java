package org.licensekit.core.internal.reports;

import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.report.Activation;
import org.licensekit.core.api.report.Analytics;
import org.licensekit.core.api.report.AnalyticsQuery;
import org.licensekit.core.api.report.Completion;
import org.licensekit.core.api.report.Engagement;
import org.licensekit.core.api.report.EngagementBand;
import org.licensekit.core.api.report.TrendPoint;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.policy.TrendSeries;
import org.licensekit.core.spi.ReportStore;
import org.licensekit.core.spi.report.AnalyticsSelection;
import org.licensekit.core.spi.report.CohortFigures;
import org.licensekit.core.spi.report.EngagementFigures;

/** Usage analytics from the report store's aggregates: activation, engagement, completion, trend. */
final class AnalyticsReport {

  private static final EngagementFigures NO_ENGAGEMENT = new EngagementFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

  private final Context context;
  private final ReportScope scope;

  AnalyticsReport(Context context) {
    this.context = context;
    this.scope = new ReportScope(context);
  }

  Analytics compute(AnalyticsQuery query) {
    List<Product> products = query.product()
        .map(id -> List.of(new Lookups(context.store(), context.tenant()).product(id)))
        .orElseGet(() -> context.store().catalog().listProducts(context.tenant()));
    Set<ProductId> ids = products.stream().map(Product::id).collect(ImmutableSet.toImmutableSet());
    Set<ProductId> learning = products.stream().filter(p -> p.type() == ProductType.LEARNING_CONTENT)
        .map(Product::id).collect(ImmutableSet.toImmutableSet());
    if (ids.isEmpty()) {
      return new Analytics(query, new Activation(0, 0, Optional.empty(), Optional.empty()), engagement(NO_ENGAGEMENT),
          Optional.empty(), TrendSeries.of(List.of(), query.from(), query.to(), query.granularity()));
    }
    ReportStore store = context.store().reports();
    AnalyticsSelection selection = new AnalyticsSelection(ids, scope.subtree(query.organization()), query.from(), query.to());
    CohortFigures cohort = store.cohort(context.tenant(), selection);
    EngagementFigures engaged = store.engagement(context.tenant(), selection, query.highAtLeast(), query.mediumAtLeast());
    Optional<Completion> completion = learning.isEmpty()
        ? Optional.empty()
        : Optional.of(completion(store.engagement(context.tenant(), selection.withProducts(learning), query.highAtLeast(), query.mediumAtLeast())));
    List<TrendPoint> days = store.daily(context.tenant(), selection).stream()
        .map(d -> new TrendPoint(d.day(), d.assignments(), d.activations(), d.launches(), d.userDays()))
        .toList();
    return new Analytics(query,
        new Activation(cohort.assigned(), cohort.activated(),
            cohort.meanSecondsToClaim().map(Duration::ofSeconds), cohort.medianSecondsToClaim().map(Duration::ofSeconds)),
        engagement(engaged), completion, TrendSeries.of(days, query.from(), query.to(), query.granularity()));
  }

  private static Engagement engagement(EngagementFigures f) {
    Map<EngagementBand, Integer> bands = new EnumMap<>(EngagementBand.class);
    bands.put(EngagementBand.HIGH, f.high());
    bands.put(EngagementBand.MEDIUM, f.medium());
    bands.put(EngagementBand.LOW, f.low());
    bands.put(EngagementBand.NONE, f.none());
    return new Engagement(f.claimants(), f.usedLast7Days(), f.usedLast30Days(), f.launches(), bands);
  }

  private static Completion completion(EngagementFigures f) {
    return new Completion(f.claimants(), f.claimants() == 0 ? 0.0 : (double) f.progressSum() / f.claimants(), f.completed());
  }
}
