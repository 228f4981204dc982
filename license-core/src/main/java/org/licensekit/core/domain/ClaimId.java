package org.licensekit.core.domain;

/**
 * One user's license claim for one product.
 *
 * @param value the identifier as the host knows it; 1 to 128 characters of letters, digits and {@code . _ : @ -}
 */
public record ClaimId(String value) implements Comparable<ClaimId> {

  /** Validates the identifier; an invalid one is refused with an error naming {@code claimId}. */
  public ClaimId {
    value = Identifiers.check("claimId", value);
  }

  /** Returns the identifier for {@code value}. */
  public static ClaimId of(String value) {
    return new ClaimId(value);
  }

  @Override
  public int compareTo(ClaimId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
