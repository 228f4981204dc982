package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Pending claims whose users get a reminder.
 *
 * @param claims the claim ids, 1 to 1,000
 */
public record RemindRequest(@NotEmpty @Size(max = 1_000) List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String> claims) {}
