package org.licensekit.core.domain;

/**
 * A product-access role of the role catalog, such as {@code OBSERVER}.
 *
 * @param value the identifier as the host knows it; 1 to 128 characters of letters, digits and {@code . _ : @ -}
 */
public record RoleId(String value) implements Comparable<RoleId> {

  /** Validates the identifier; an invalid one is refused with an error naming {@code roleId}. */
  public RoleId {
    value = Identifiers.check("roleId", value);
  }

  /** Returns the identifier for {@code value}. */
  public static RoleId of(String value) {
    return new RoleId(value);
  }

  @Override
  public int compareTo(RoleId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
