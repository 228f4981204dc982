package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.List;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;

/**
 * The monthly license review ("review license usage monthly"): once per calendar month (UTC) a
 * digest to each recipient — seats and activation per product, the activation trend (the last whole
 * month's activation rate against the month before's, in all and per product, from the claims
 * assigned in each month), pending claims, licenses unused
 * (pending for more than {@code unusedAfterDays}), pools ending within {@code endingWithinDays},
 * and users waiting for a seat. Sent once per month whatever the number of runs or instances: the
 * month is recorded in the store in the transaction that sends it.
 *
 * @param recipients who receive the digest (administrators, reporters, the contract owner)
 * @param unusedAfterDays a claim pending for longer than this many days counts as an unused license
 * @param endingWithinDays a pool whose term ends within this many days is listed as ending soon
 */
public record MonthlyReview(List<AlertContact> recipients, int unusedAfterDays, int endingWithinDays) {

  /** The longest window, in days, either setting may have. */
  public static final int MAX_DAYS = 3650;

  /**
   * Checks the review's settings.
   *
   * @throws InvalidInputException naming {@code recipients} when there is none, or a window out of 1..3650
   */
  public MonthlyReview {
    recipients = ImmutableList.copyOf(recipients);
    List<FieldError> errors = new ArrayList<>();
    if (recipients.isEmpty()) {
      errors.add(new FieldError("recipients", "must name at least one recipient"));
    }
    if (unusedAfterDays < 1 || unusedAfterDays > MAX_DAYS) {
      errors.add(new FieldError("unusedAfterDays", "must be between 1 and " + MAX_DAYS + " (was " + unusedAfterDays + ")"));
    }
    if (endingWithinDays < 1 || endingWithinDays > MAX_DAYS) {
      errors.add(new FieldError("endingWithinDays", "must be between 1 and " + MAX_DAYS + " (was " + endingWithinDays + ")"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /**
   * The review to these recipients, counting claims pending for more than 30 days as unused and
   * listing pools that end within 60 days.
   *
   * @throws InvalidInputException naming {@code recipients} when there is none
   */
  public static MonthlyReview to(List<AlertContact> recipients) {
    return new MonthlyReview(recipients, 30, 60);
  }
}
