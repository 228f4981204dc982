package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Usage analytics for one query: activation, engagement, completion (when the products include
 * learning content) and the trend series with one point per bucket of the period, empty ones
 * included.
 */
public record Analytics(AnalyticsQuery query, Activation activation, Engagement engagement, Optional<Completion> completion, List<TrendPoint> trend) {

  public Analytics {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(engagement, "engagement");
    Objects.requireNonNull(completion, "completion");
    trend = ImmutableList.copyOf(trend);
  }
}
