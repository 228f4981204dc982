package org.licensekit.core.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;
import org.licensekit.core.domain.InputBounds;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.InputRules;

/** Changes to a user's basic information; empty fields stay as they are. */
@Value.Immutable
public interface UserUpdate {

  UserId id();

  /** The new name; blank is refused (@NotBlank would also refuse an absent one, as null). */
  Optional<@Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Size(max = 200)
      @Pattern(regexp = InputBounds.STORABLE_TEXT, message = InputBounds.STORABLE_TEXT_PROBLEM) String> name();

  /** The new e-mail address; stored stripped, NFC and lower case ({@link org.licensekit.core.policy.InputRules#email(String)}). */
  Optional<@Email @Size(min = 3, max = 320)
      @Pattern(regexp = InputBounds.STORABLE_TEXT, message = InputBounds.STORABLE_TEXT_PROBLEM) String> email();

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
