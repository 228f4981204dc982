package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A pool's new number of seats.
 *
 * @param seats the seats, never below the pool's live claims
 * @param reason why, for the audit trail
 */
public record SeatsRequest(@NotNull @Positive @Max(10_000_000) Integer seats, @NotBlank @Size(max = 500) String reason) {}
