package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * New-user setup: the account, its organizations, its job profile (whose roles assign products) and
 * the invitation.
 *
 * @param id the host's user id
 * @param name the name
 * @param email the e-mail address the invitation goes to
 * @param jobProfile the job profile whose roles the user gets in each organization, if any
 * @param organizations the organizations the user joins
 * @param additionalRoles roles beyond the job profile's, in each organization
 * @param endDate the last day of temporary staff, if any
 * @param invite whether to send the invitation (default true)
 */
public record NewUserRequest(
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String id,
    @NotBlank @Size(max = 200) String name,
    @NotBlank @Email @Size(max = 320) String email,
    @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String jobProfile,
    List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String> organizations,
    List<@NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String> additionalRoles,
    LocalDate endDate,
    Boolean invite) {}
