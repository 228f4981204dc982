package org.licensekit.spring.admin.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The result of a bulk action or of its dry run.
 *
 * @param idempotencyKey the key the run was started with, if any
 * @param mode {@code ALL_OR_NOTHING} or {@code BEST_EFFORT}
 * @param dryRun whether nothing was written
 * @param status {@code COMPLETED}, or {@code REFUSED} when all-or-nothing wrote nothing
 * @param selected users the filter selected
 * @param done users changed
 * @param already users that needed no change
 * @param refused users refused
 * @param outcomes per-user outcomes, in user-id order, up to the sample limit
 * @param outcomesTruncated whether more outcomes were decided than listed
 * @param seats seats needed, released and available per product
 * @param replayed whether this is the stored result of an earlier run with the same idempotency key
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkResultJson(String idempotencyKey, String mode, boolean dryRun, String status, long selected, long done, long already,
    long refused, List<OutcomeJson> outcomes, boolean outcomesTruncated, List<SeatForecastJson> seats, boolean replayed) {

  /**
   * One user's outcome.
   *
   * @param user the user id
   * @param kind {@code DONE}, {@code ALREADY} or {@code REFUSED}
   * @param code the refusal's code (see the library's error codes), when refused
   * @param detail what happened, in words
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OutcomeJson(String user, String kind, String code, String detail) {}

  /**
   * Seats of one product for the run.
   *
   * @param product the product id
   * @param needed seats the run needs
   * @param released seats the run frees
   * @param available seats free before the run
   * @param shortfall seats missing
   */
  public record SeatForecastJson(String product, long needed, long released, long available, long shortfall) {}
}
