package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * How much active claimants used their products. A claimant is a user × product whose claim was
 * active at the end of the period (claimed before it, not ended before it).
 *
 * @param claimants active claimants
 * @param usedLast7Days claimants with a launch in the last 7 days of the period
 * @param usedLast30Days claimants with a launch in the last 30 days of the period
 * @param launches the claimants' launches in the period
 * @param bands claimants per band of their launches in the period; every band present
 */
public record Engagement(int claimants, int usedLast7Days, int usedLast30Days, long launches, Map<EngagementBand, Integer> bands) {

  public Engagement {
    bands = ImmutableMap.copyOf(bands);
  }

  /** Share of claimants with use in the last 7 days, 0 to 1. */
  public double shareLast7Days() {
    return claimants == 0 ? 0.0 : (double) usedLast7Days / claimants;
  }

  /** Share of claimants with use in the last 30 days, 0 to 1. */
  public double shareLast30Days() {
    return claimants == 0 ? 0.0 : (double) usedLast30Days / claimants;
  }

  /** Launches per claimant in the period. */
  public double sessionsPerUser() {
    return claimants == 0 ? 0.0 : (double) launches / claimants;
  }
}
