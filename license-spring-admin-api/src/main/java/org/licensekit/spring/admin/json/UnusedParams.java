package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The query of the unused-licenses report: claims still pending long after assignment.
 *
 * @param pendingForDays only claims pending at least this many days, 0 to 3660 (default 30)
 * @param product only claims of this product
 * @param organization only claims of members of this organization
 * @param limit rows per page, 1 to 1,000 (default 50)
 * @param cursor the {@code nextCursor} of the page before; absent for the first page
 */
public record UnusedParams(
    @Min(0) @Max(3660) Integer pendingForDays,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String product,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String organization,
    @Min(1) @Max(1_000) Integer limit,
    @Size(min = 1, max = 2_000) String cursor) {}
