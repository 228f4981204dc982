package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * A user claiming their pending license.
 *
 * @param user the user
 * @param product the product
 */
public record ClaimRequest(
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String user,
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String product) {}
