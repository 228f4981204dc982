package org.licensekit.core.domain;

/**
 * A school or department inside a tenant.
 *
 * @param value the identifier as the host knows it; 1 to 128 characters of letters, digits and {@code . _ : @ -}
 */
public record OrganizationId(String value) implements Comparable<OrganizationId> {

  /** Validates the identifier; an invalid one is refused with an error naming {@code organizationId}. */
  public OrganizationId {
    value = Identifiers.check("organizationId", value);
  }

  /** Returns the identifier for {@code value}. */
  public static OrganizationId of(String value) {
    return new OrganizationId(value);
  }

  @Override
  public int compareTo(OrganizationId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
