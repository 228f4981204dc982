package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The query of usage analytics.
 *
 * @param from the first day of the period
 * @param to the day after the period, at most 3660 days after {@code from}
 * @param product only this product
 * @param organization only members of this organization
 * @param granularity the trend's step: {@code DAY} or {@code WEEK} (default)
 * @param highAtLeast launches that make a claimant highly engaged (default 12)
 * @param mediumAtLeast launches that make a claimant medium engaged, at least 2 (default 4)
 */
public record AnalyticsParams(
    @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
    @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String product,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String organization,
    Granularity granularity,
    Integer highAtLeast,
    Integer mediumAtLeast) {

  /** The trend's step. */
  public enum Granularity {
    /** One point a day. */
    DAY,
    /** One point a week. */
    WEEK
  }
}
