package org.licensekit.core.api.report;

/**
 * How much a claimant used a product in the period, by launches: {@code HIGH} at or above the high
 * threshold, {@code MEDIUM} at or above the medium threshold, {@code LOW} with at least one launch,
 * {@code NONE} without any.
 */
public enum EngagementBand {
  HIGH,
  MEDIUM,
  LOW,
  NONE;

  /** The band of {@code launches} with the given thresholds. */
  public static EngagementBand of(long launches, int highAtLeast, int mediumAtLeast) {
    if (launches >= highAtLeast) {
      return HIGH;
    }
    if (launches >= mediumAtLeast) {
      return MEDIUM;
    }
    return launches > 0 ? LOW : NONE;
  }
}
