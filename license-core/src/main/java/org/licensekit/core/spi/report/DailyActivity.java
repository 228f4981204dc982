package org.licensekit.core.spi.report;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One UTC day's activity in a selection.
 *
 * @param day the day
 * @param assignments claims of the selection with {@code assignedAt} on the day
 * @param activations claims of the selection with {@code claimedAt} on the day
 * @param launches launches recorded for the day (selected products, users of the selection)
 * @param userDays usage rows of the day with at least one launch
 */
public record DailyActivity(LocalDate day, int assignments, int activations, long launches, int userDays) {

  public DailyActivity {
    Objects.requireNonNull(day, "day");
  }
}
