package org.licensekit.core.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;
import org.licensekit.core.domain.InputBounds;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.InputRules;

/**
 * New-user setup in one command: the account, its organizations, the roles of its job profile (and
 * any further roles) in each of those organizations, pending claims for the products those roles
 * grant, and an invitation.
 */
@Value.Immutable
public interface NewUser {

  UserId id();

  @NotBlank
  @Size(max = 200)
  @Pattern(regexp = InputBounds.STORABLE_TEXT, message = InputBounds.STORABLE_TEXT_PROBLEM)
  String name();

  /** The e-mail address; stored stripped, NFC and lower case ({@link org.licensekit.core.policy.InputRules#email(String)}). */
  @NotBlank
  @Email
  @Size(max = 320)
  @Pattern(regexp = InputBounds.STORABLE_TEXT, message = InputBounds.STORABLE_TEXT_PROBLEM)
  String email();

  /** The job profile whose roles the user gets in each organization. */
  Optional<JobProfileId> jobProfile();

  Set<OrganizationId> organizations();

  /** Roles granted in each organization on top of the job profile's. */
  Set<RoleId> additionalRoles();

  /** For temporary staff: the last day of their engagement. */
  Optional<LocalDate> endDate();

  /** Whether to send the invitation through the notifier (default true). */
  @Value.Default
  default boolean invite() {
    return true;
  }

  static ImmutableNewUser.Builder builder() {
    return ImmutableNewUser.builder();
  }
}
