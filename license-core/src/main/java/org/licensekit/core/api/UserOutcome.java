package org.licensekit.core.api;

import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.UserId;

/**
 * What a bulk action did (or, in a dry run or a refused all-or-nothing run, would do) to one user.
 *
 * @param user the user
 * @param kind done, already so, or refused
 * @param code for a refusal a stable code such as {@code NO_SEAT_AVAILABLE} or {@code USER_ARCHIVED}
 * @param detail what happened, in words
 */
public record UserOutcome(UserId user, Kind kind, Optional<String> code, String detail) {

  /** The three outcomes. */
  public enum Kind {
    /** The user was changed. */
    DONE,
    /** The user already was as the action wants; nothing changed. */
    ALREADY,
    /** The user could not be changed; nothing changed for them. */
    REFUSED
  }

  public UserOutcome {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }

  public static UserOutcome done(UserId user, String detail) {
    return new UserOutcome(user, Kind.DONE, Optional.empty(), detail);
  }

  public static UserOutcome already(UserId user, String detail) {
    return new UserOutcome(user, Kind.ALREADY, Optional.empty(), detail);
  }

  public static UserOutcome refused(UserId user, String code, String detail) {
    return new UserOutcome(user, Kind.REFUSED, Optional.of(code), detail);
  }
}
