package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;

/**
 * The license dashboard: seat figures per product and in total, and alerts.
 *
 * @param at when it was computed
 * @param organization the organization subtree it is scoped to, if any
 * @param products one line per product of the catalog, ordered by product id, with its seat figures and its claims by status
 * @param total every product together
 * @param alerts ordered by kind, then product, then pool
 * @param waiting users waiting for a seat per product (members of the organization subtree when
 *     scoped); products nobody waits for are absent
 */
public record Dashboard(Instant at, Optional<OrganizationId> organization, List<ProductSeats> products, SeatFigures total,
    List<DashboardAlert> alerts, Map<ProductId, Integer> waiting) {

  public Dashboard {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(organization, "organization");
    products = ImmutableList.copyOf(products);
    Objects.requireNonNull(total, "total");
    alerts = ImmutableList.copyOf(alerts);
    waiting = ImmutableSortedMap.copyOf(waiting);
  }

  /** A dashboard nobody waits on. */
  public Dashboard(Instant at, Optional<OrganizationId> organization, List<ProductSeats> products, SeatFigures total,
      List<DashboardAlert> alerts) {
    this(at, organization, products, total, alerts, Map.of());
  }

  /** This dashboard with {@code waiting} as its waiting users per product. */
  public Dashboard withWaiting(Map<ProductId, Integer> waiting) {
    return new Dashboard(at, organization, products, total, alerts, waiting);
  }

  /** How many users wait for a seat of {@code product}. */
  public int waiting(ProductId product) {
    return waiting.getOrDefault(product, 0);
  }

  /** The line of {@code product}. */
  public Optional<ProductSeats> product(ProductId product) {
    return products.stream().filter(p -> p.product().equals(product)).findFirst();
  }

  /** Claims by status over every product's line together. */
  public ClaimCounts claims() {
    return products.stream().map(ProductSeats::claims).reduce(ClaimCounts.NONE, ClaimCounts::plus);
  }

  /** The alerts of one kind. */
  public List<DashboardAlert> alerts(AlertKind kind) {
    return alerts.stream().filter(a -> a.kind() == kind).collect(ImmutableList.toImmutableList());
  }
}
