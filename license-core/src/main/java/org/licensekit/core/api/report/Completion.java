package org.licensekit.core.api.report;

/**
 * Progress through learning content: over the active claimants of learning-content products, the
 * highest progress each reported up to the end of the period (0 when none).
 *
 * @param claimants active claimants of learning content
 * @param meanProgress mean of their progress, 0 to 100
 * @param completed claimants at 100%
 */
public record Completion(int claimants, double meanProgress, int completed) {

  /** Share of claimants who completed, 0 to 1. */
  public double completedShare() {
    return claimants == 0 ? 0.0 : (double) completed / claimants;
  }
}
