package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A renewed contract: the pool's new term and renewal date.
 *
 * @param termStart the new term's start
 * @param termEnd the new term's end
 * @param renewalDate the next renewal date, if any
 * @param reason why, for the audit trail
 */
public record RenewRequest(@NotNull Instant termStart, @NotNull Instant termEnd, LocalDate renewalDate,
    @NotBlank @Size(max = 500) String reason) {}
