package org.licensekit.core.domain;

/**
 * A user account, identified by the host LMS's own user id.
 *
 * @param value the identifier as the host knows it; 1 to 128 characters of letters, digits and {@code . _ : @ -}
 */
public record UserId(String value) implements Comparable<UserId> {

  /** Validates the identifier; an invalid one is refused with an error naming {@code userId}. */
  public UserId {
    value = Identifiers.check("userId", value);
  }

  /** Returns the identifier for {@code value}. */
  public static UserId of(String value) {
    return new UserId(value);
  }

  @Override
  public int compareTo(UserId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
