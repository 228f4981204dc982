package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An unused license given to someone else.
 *
 * @param to the user who gets the seat
 * @param reason why, for the audit trail
 */
public record ReassignRequest(
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String to,
    @NotBlank @Size(max = 500) String reason) {}
