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

  /**
   * The store's optimistic-lock version of this account: 0 when it was inserted, one more after each
   * update. A store replaces an account only while its stored version still equals the version of
   * the value the change was made from, so an edit racing another change is detected, never lost.
   * Not part of equality.
   */
  @Value.Default
  @Value.Auxiliary
  default long version() {
    return 0;
  }

  /** This account as a store holds it after one successful update of {@code this}. */
  default UserAccount nextVersion() {
    return ImmutableUserAccount.copyOf(this).withVersion(version() + 1);
  }

  static ImmutableUserAccount.Builder builder() {
    return ImmutableUserAccount.builder();
  }
}
