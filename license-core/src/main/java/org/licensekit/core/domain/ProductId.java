package org.licensekit.core.domain;

/**
 * A licensed product: learning content or an assessment tool.
 *
 * @param value the identifier as the host knows it; 1 to 128 characters of letters, digits and {@code . _ : @ -}
 */
public record ProductId(String value) implements Comparable<ProductId> {

  /** Validates the identifier; an invalid one is refused with an error naming {@code productId}. */
  public ProductId {
    value = Identifiers.check("productId", value);
  }

  /** Returns the identifier for {@code value}. */
  public static ProductId of(String value) {
    return new ProductId(value);
  }

  @Override
  public int compareTo(ProductId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
