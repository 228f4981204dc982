package org.licensekit.core.api;

import java.util.Objects;
import org.licensekit.core.domain.ProductId;

/**
 * A product that could not be assigned.
 *
 * @param product the product
 * @param code {@code NO_SEAT_AVAILABLE} (every pool in term is full) or {@code NO_POOL} (no pool of
 *     the product is in term for the user's organizations)
 * @param message what happened, in words
 */
public record AssignmentRefusal(ProductId product, String code, String message) {

  public static final String NO_SEAT_AVAILABLE = "NO_SEAT_AVAILABLE";
  public static final String NO_POOL = "NO_POOL";

  public AssignmentRefusal {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
