package org.licensekit.core.domain;

/**
 * A license pool: seats bought for one product.
 *
 * @param value the identifier as the host knows it; 1 to 128 characters of letters, digits and {@code . _ : @ -}
 */
public record PoolId(String value) implements Comparable<PoolId> {

  /** Validates the identifier; an invalid one is refused with an error naming {@code poolId}. */
  public PoolId {
    value = Identifiers.check("poolId", value);
  }

  /** Returns the identifier for {@code value}. */
  public static PoolId of(String value) {
    return new PoolId(value);
  }

  @Override
  public int compareTo(PoolId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
