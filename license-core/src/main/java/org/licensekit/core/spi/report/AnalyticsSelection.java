package org.licensekit.core.spi.report;

import com.google.common.collect.ImmutableSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;

/**
 * What an analytics query of the report store covers.
 *
 * @param products the products (never empty)
 * @param organizations when present, only users with a membership in one of these organizations
 * @param from the first UTC day of the period (inclusive)
 * @param to the UTC day after the period (exclusive)
 */
public record AnalyticsSelection(Set<ProductId> products, Optional<Set<OrganizationId>> organizations, LocalDate from, LocalDate to) {

  public AnalyticsSelection {
    products = ImmutableSet.copyOf(products);
    if (products.isEmpty()) {
      throw new IllegalArgumentException("an analytics selection needs at least one product");
    }
    organizations = organizations.map(ImmutableSet::copyOf);
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** The start of the period, midnight UTC of {@code from}. */
  public Instant fromInstant() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The end of the period (exclusive), midnight UTC of {@code to}. */
  public Instant toInstant() {
    return to.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The same selection for other products. */
  public AnalyticsSelection withProducts(Set<ProductId> others) {
    return new AnalyticsSelection(others, organizations, from, to);
  }
}
