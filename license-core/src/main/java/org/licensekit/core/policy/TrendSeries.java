package org.licensekit.core.policy;

import com.google.common.collect.ImmutableList;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.licensekit.core.api.report.Granularity;
import org.licensekit.core.api.report.TrendPoint;

/**
 * Folds per-day points into a trend series with one point per bucket of the period, empty
 * buckets included: days, or ISO weeks labelled by their Monday (the first may start before the
 * period; only days inside the period count).
 */
public final class TrendSeries {

  private TrendSeries() {}

  /** @param days one point per day with activity, labelled by its day; days outside the period are ignored */
  public static List<TrendPoint> of(List<TrendPoint> days, LocalDate from, LocalDate to, Granularity granularity) {
    Map<LocalDate, long[]> buckets = new TreeMap<>();
    for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
      buckets.computeIfAbsent(bucketOf(day, granularity), d -> new long[4]);
    }
    for (TrendPoint activity : days) {
      long[] sums = buckets.get(bucketOf(activity.start(), granularity));
      if (sums != null && !activity.start().isBefore(from) && activity.start().isBefore(to)) {
        sums[0] += activity.assignments();
        sums[1] += activity.activations();
        sums[2] += activity.launches();
        sums[3] += activity.userDays();
      }
    }
    return buckets.entrySet().stream()
        .map(e -> new TrendPoint(e.getKey(), (int) e.getValue()[0], (int) e.getValue()[1], e.getValue()[2], (int) e.getValue()[3]))
        .collect(ImmutableList.toImmutableList());
  }

  private static LocalDate bucketOf(LocalDate day, Granularity granularity) {
    return granularity == Granularity.DAY ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }
}
