package org.licensekit.core.domain;

/**
 * One customer account (a district, a company); every record belongs to exactly one tenant.
 *
 * @param value the identifier as the host knows it; 1 to 128 characters of letters, digits and {@code . _ : @ -}
 */
public record TenantId(String value) implements Comparable<TenantId> {

  /** Validates the identifier; an invalid one is refused with an error naming {@code tenantId}. */
  public TenantId {
    value = Identifiers.check("tenantId", value);
  }

  /** Returns the identifier for {@code value}. */
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public int compareTo(TenantId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
