package org.licensekit.core.spi.report;

import java.util.Objects;
import java.util.Optional;

/**
 * The claims assigned in a period and how fast they were claimed.
 *
 * @param assigned claims with {@code assignedAt} in the period, any status
 * @param activated those with a {@code claimedAt}
 * @param meanSecondsToClaim over the activated ones, the sum of
 *     {@code claimedAt.epochSecond - assignedAt.epochSecond} divided by their count, rounded down
 * @param medianSecondsToClaim the lower median of the same values: sorted ascending, the element
 *     at index {@code (activated - 1) / 2} ({@code percentile_disc(0.5)} in SQL)
 */
public record CohortFigures(int assigned, int activated, Optional<Long> meanSecondsToClaim, Optional<Long> medianSecondsToClaim) {

  public CohortFigures {
    Objects.requireNonNull(meanSecondsToClaim, "meanSecondsToClaim");
    Objects.requireNonNull(medianSecondsToClaim, "medianSecondsToClaim");
  }
}
