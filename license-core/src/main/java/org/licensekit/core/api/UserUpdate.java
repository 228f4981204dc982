package org.licensekit.core.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;
import org.licensekit.core.domain.UserId;

/** Changes to a user's basic information; empty fields stay as they are. */
@Value.Immutable
public interface UserUpdate {

  UserId id();

  Optional<@NotBlank @Size(max = 200) String> name();

  Optional<@Email @Size(min = 3, max = 320) String> email();

  Optional<LocalDate> endDate();

  /** Removes the end date (the user is no longer temporary staff). */
  @Value.Default
  default boolean clearEndDate() {
    return false;
  }

  static ImmutableUserUpdate.Builder builder() {
    return ImmutableUserUpdate.builder();
  }
}
