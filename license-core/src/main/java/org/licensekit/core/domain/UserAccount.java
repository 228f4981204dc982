package org.licensekit.core.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.immutables.value.Value;

/** A person known to the host LMS. */
@Value.Immutable
public interface UserAccount {

  UserId id();

  String name();

  String email();

  /** The job profile the user was set up with, if any. */
  Optional<JobProfileId> jobProfile();

  AccountStatus status();

  /** For temporary staff: the last day of their engagement. */
  Optional<LocalDate> endDate();

  Instant createdAt();

  static ImmutableUserAccount.Builder builder() {
    return ImmutableUserAccount.builder();
  }
}
