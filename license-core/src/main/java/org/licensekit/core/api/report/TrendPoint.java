package org.licensekit.core.api.report;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One bucket of a trend series.
 *
 * @param start the bucket's first day (for weeks, the Monday, which may lie before the period)
 * @param assignments claims assigned in the bucket
 * @param activations claims claimed in the bucket
 * @param launches product launches in the bucket
 * @param userDays days × users with at least one launch in the bucket
 */
public record TrendPoint(LocalDate start, int assignments, int activations, long launches, int userDays) {

  public TrendPoint {
    Objects.requireNonNull(start, "start");
  }
}
