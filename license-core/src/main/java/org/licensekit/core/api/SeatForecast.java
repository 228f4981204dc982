package org.licensekit.core.api;

import java.util.Objects;
import org.licensekit.core.domain.ProductId;

/**
 * The seats one product needs for a bulk action against those available when it started.
 *
 * @param product the product
 * @param needed new claims the action makes (or would make) for the product, counting users refused
 *     for lack of a seat
 * @param released live claims of the product the action ends, giving their seats back
 * @param available free seats of the product's pools in term when the action started
 */
public record SeatForecast(ProductId product, long needed, long released, long available) {

  public SeatForecast {
    Objects.requireNonNull(product, "product");
  }

  /** Seats missing: how many more the pools would need for every user to get one (never negative). */
  public long shortfall() {
    return Math.max(0, needed - available);
  }
}
