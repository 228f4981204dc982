package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A product assigned directly, or revoked.
 *
 * @param product the product
 * @param reason why, for the audit trail
 */
public record ProductRequest(
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String product,
    @NotBlank @Size(max = 500) String reason) {}
