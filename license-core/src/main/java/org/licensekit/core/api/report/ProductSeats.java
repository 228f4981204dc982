package org.licensekit.core.api.report;

import java.util.Objects;
import org.licensekit.core.domain.ProductId;

/**
 * One product's line on the dashboard.
 *
 * @param product the product
 * @param name the product's name
 * @param seats its seat figures, over the pools in term now
 * @param claims its claims by status over every selected pool, whatever the pool's term — so the
 *     pending and active counts may exceed {@code seats}' ones, which count pools in term only
 */
public record ProductSeats(ProductId product, String name, SeatFigures seats, ClaimCounts claims) {

  public ProductSeats {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(seats, "seats");
    Objects.requireNonNull(claims, "claims");
  }
}
