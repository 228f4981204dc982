package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * A new end of a pool's term.
 *
 * @param newEnd the new end (an extension, or an earlier end)
 * @param reason why, for the audit trail
 */
public record ExtendRequest(@NotNull Instant newEnd, @NotBlank @Size(max = 500) String reason) {}
