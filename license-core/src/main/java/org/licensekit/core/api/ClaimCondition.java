package org.licensekit.core.api;

import java.util.Objects;
import org.licensekit.core.domain.ProductId;

/**
 * A user filter criterion on the user's claims for one product.
 *
 * @param product the product
 * @param status which claims qualify the user
 */
public record ClaimCondition(ProductId product, Status status) {

  /** What the user's claims for the product must look like. */
  public enum Status {
    /** The user's live claim for the product is {@code PENDING} (assigned, not yet claimed). */
    PENDING,
    /** The user's live claim for the product is {@code ACTIVE}. */
    ACTIVE,
    /** The user has a live ({@code PENDING} or {@code ACTIVE}) claim for the product. */
    LIVE,
    /** The user has no live claim for the product (never assigned, or every claim ended). */
    NO_LIVE_CLAIM,
    /** The user has at least one {@code EXPIRED} claim for the product, whatever else they hold. */
    EXPIRED,
    /** The user has at least one {@code REVOKED} claim for the product, whatever else they hold. */
    REVOKED
  }

  public ClaimCondition {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(status, "status");
  }

  public static ClaimCondition of(ProductId product, Status status) {
    return new ClaimCondition(product, status);
  }
}
