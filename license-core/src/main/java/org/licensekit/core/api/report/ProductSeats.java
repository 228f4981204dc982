package org.licensekit.core.api.report;

import java.util.Objects;
import org.licensekit.core.domain.ProductId;

/**
 * One product's line on the dashboard.
 *
 * @param product the product
 * @param name the product's name
 * @param seats its seat figures
 */
public record ProductSeats(ProductId product, String name, SeatFigures seats) {

  public ProductSeats {
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(seats, "seats");
  }
}
