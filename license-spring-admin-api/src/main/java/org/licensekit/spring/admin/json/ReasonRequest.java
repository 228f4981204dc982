package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Why, for the audit trail.
 *
 * @param reason the reason
 */
public record ReasonRequest(@NotBlank @Size(max = 500) String reason) {}
