package org.licensekit.core.api.report;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Activation of the claims assigned in the period.
 *
 * @param assigned claims assigned in the period, whatever their status now
 * @param activated those of them the user has claimed
 * @param meanTimeToClaim the mean of claimed-at minus assigned-at over the activated ones, whole
 *     seconds rounded down
 * @param medianTimeToClaim the lower median of the same durations (for an even count, the smaller
 *     of the two middle values)
 */
public record Activation(int assigned, int activated, Optional<Duration> meanTimeToClaim, Optional<Duration> medianTimeToClaim) {

  public Activation {
    Objects.requireNonNull(meanTimeToClaim, "meanTimeToClaim");
    Objects.requireNonNull(medianTimeToClaim, "medianTimeToClaim");
  }

  /** Activated ÷ assigned, from 0 to 1; 0 when nothing was assigned. */
  public double rate() {
    return assigned == 0 ? 0.0 : (double) activated / assigned;
  }
}
