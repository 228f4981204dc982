package org.licensekit.spring.admin.json;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A role granted or taken away in an organization.
 *
 * @param organization the organization
 * @param role the role
 * @param reason why; required to take a role away
 */
public record RoleRequest(
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String organization,
    @NotNull @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String role,
    @Size(max = 500) String reason) {}
