package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A product launch, or content progress, the host reports.
 *
 * @param user the user
 * @param product the product
 * @param percent the content progress, 0 to 100; absent for a launch
 */
public record UsageRequest(
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String user,
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String product,
    @Min(0) @Max(100) Integer percent) {}
