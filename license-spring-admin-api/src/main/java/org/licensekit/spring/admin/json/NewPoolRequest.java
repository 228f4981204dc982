package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A new license pool.
 *
 * @param id the pool id; generated when absent
 * @param product the product the seats are for
 * @param seats seats bought, 1 to 10,000,000
 * @param termStart when the term starts
 * @param termEnd when the term ends (the expiration), after the start
 * @param renewalDate the contract renewal date, if any
 * @param reference the purchase reference, if any
 * @param scope the organization the pool serves; the whole tenant when absent
 */
public record NewPoolRequest(
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String id,
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String product,
    @NotNull @Positive @Max(10_000_000) Integer seats,
    @NotNull Instant termStart,
    @NotNull Instant termEnd,
    LocalDate renewalDate,
    @Size(min = 1, max = 200) String reference,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String scope) {}
