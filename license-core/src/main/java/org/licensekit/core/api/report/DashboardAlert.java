package org.licensekit.core.api.report;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;

/**
 * A dashboard alert.
 *
 * @param kind what it warns about
 * @param product the product concerned
 * @param pool the pool concerned, for pool alerts
 * @param count the number behind it: live claims of an over-allocated pool, seats of an expiring
 *     pool, available seats, or claims pending too long
 * @param at the instant behind it: the pool's term end, or the oldest pending assignment
 * @param message the alert in words
 */
public record DashboardAlert(AlertKind kind, ProductId product, Optional<PoolId> pool, int count, Optional<Instant> at, String message) {

  public DashboardAlert {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(message, "message");
  }
}
