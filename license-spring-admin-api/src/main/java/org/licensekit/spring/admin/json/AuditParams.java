package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The query of the audit trail, newest entries first.
 *
 * @param user only entries concerning this user
 * @param subject only entries about this record, such as a claim id
 * @param action only these actions, such as {@code CLAIM_REVOKED} (repeat the parameter for several)
 * @param from only entries at or after this instant
 * @param to only entries before this instant
 * @param limit entries per page, 1 to 1,000 (default 100)
 * @param cursor the {@code nextCursor} of the page before; absent for the newest entries
 */
public record AuditParams(
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String user,
    @Size(min = 1, max = 200) String subject,
    List<String> action,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
    @Min(1) @Max(1_000) Integer limit,
    @Size(min = 1, max = 2_000) String cursor) {}
