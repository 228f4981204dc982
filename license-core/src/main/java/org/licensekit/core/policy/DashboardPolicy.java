package org.licensekit.core.policy;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.licensekit.core.api.report.AlertKind;
import org.licensekit.core.api.report.ClaimCounts;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.DashboardAlert;
import org.licensekit.core.api.report.DashboardOptions;
import org.licensekit.core.api.report.ProductSeats;
import org.licensekit.core.api.report.SeatFigures;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.PoolSeats;

/**
 * The license dashboard from per-pool seat counts: seat figures per product and in total over the
 * pools in term now, and the alerts. Pure: the store only counts claims per pool.
 */
public final class DashboardPolicy {

  private static final Comparator<DashboardAlert> ALERT_ORDER = Comparator.comparing(DashboardAlert::kind)
      .thenComparing(DashboardAlert::product)
      .thenComparing(a -> a.pool().map(Object::toString).orElse(""));

  private DashboardPolicy() {}

  /**
   * The dashboard at {@code now}.
   *
   * @param products the catalog; every product gets a line, with or without pools
   * @param pools the selected pools with their claim counts
   */
  public static Dashboard compute(Instant now, Collection<Product> products, List<PoolSeats> pools, DashboardOptions options) {
    Map<ProductId, List<PoolSeats>> byProduct = pools.stream()
        .collect(Collectors.groupingBy(p -> p.pool().product(), TreeMap::new, Collectors.toList()));
    Map<ProductId, String> names = new TreeMap<>();
    byProduct.keySet().forEach(id -> names.put(id, id.value()));
    products.forEach(p -> names.put(p.id(), p.name()));
    List<ProductSeats> lines = new ArrayList<>();
    List<DashboardAlert> alerts = new ArrayList<>();
    names.forEach((product, name) -> {
      List<PoolSeats> ofProduct = byProduct.getOrDefault(product, List.of());
      SeatFigures figures = figures(now, ofProduct, options);
      lines.add(new ProductSeats(product, name, figures, claimCounts(ofProduct)));
      alerts.addAll(productAlerts(now, product, ofProduct, figures, options));
    });
    return new Dashboard(now, options.organization(), lines, figures(now, pools, options),
        alerts.stream().sorted(ALERT_ORDER).collect(ImmutableList.toImmutableList()));
  }

  /** Claims by status over {@code pools}, whatever their term. */
  public static ClaimCounts claimCounts(List<PoolSeats> pools) {
    return new ClaimCounts(
        pools.stream().mapToInt(PoolSeats::pending).sum(),
        pools.stream().mapToInt(PoolSeats::active).sum(),
        pools.stream().mapToInt(PoolSeats::expired).sum(),
        pools.stream().mapToInt(PoolSeats::revoked).sum());
  }

  /** Seat figures over {@code pools}; see {@link SeatFigures} for each figure's definition. */
  public static SeatFigures figures(Instant now, List<PoolSeats> pools, DashboardOptions options) {
    List<PoolSeats> inTerm = pools.stream().filter(p -> p.pool().term().contains(now)).toList();
    Map<Integer, Integer> expiring = new LinkedHashMap<>();
    for (int days : options.expiryWindowDays()) {
      Instant horizon = now.plus(Duration.ofDays(days));
      expiring.put(days, inTerm.stream().filter(p -> !p.pool().term().end().isAfter(horizon)).mapToInt(p -> p.pool().seats()).sum());
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return new SeatFigures(
        inTerm.stream().mapToInt(p -> p.pool().seats()).sum(),
        inTerm.stream().mapToInt(PoolSeats::pending).sum(),
        inTerm.stream().mapToInt(PoolSeats::active).sum(),
        inTerm.stream().mapToInt(p -> Math.max(0, p.pool().seats() - p.live())).sum(),
        expiring,
        inTerm.stream().map(p -> p.pool().term().end()).min(Comparator.naturalOrder()),
        pools.stream().map(PoolSeats::pool)
            .filter(p -> !p.term().endedAt(now))
            .flatMap(p -> p.renewalDate().stream())
            .filter(d -> !d.isBefore(today))
            .min(Comparator.naturalOrder()));
  }

  private static List<DashboardAlert> productAlerts(
      Instant now, ProductId product, List<PoolSeats> pools, SeatFigures figures, DashboardOptions options) {
    List<DashboardAlert> alerts = new ArrayList<>();
    Instant expiringHorizon = now.plus(Duration.ofDays(options.expiringAlertDays()));
    for (PoolSeats seats : pools) {
      LicensePool pool = seats.pool();
      if (seats.live() > pool.seats()) {
        alerts.add(new DashboardAlert(AlertKind.POOL_OVER_ALLOCATED, product, Optional.of(pool.id()), seats.live(), Optional.empty(),
            "Pool " + pool.id() + " holds " + seats.live() + " live claims for " + pool.seats() + " seats"));
      }
      if (pool.term().contains(now) && !pool.term().end().isAfter(expiringHorizon)) {
        alerts.add(new DashboardAlert(AlertKind.POOL_EXPIRING, product, Optional.of(pool.id()), pool.seats(), Optional.of(pool.term().end()),
            "Pool " + pool.id() + " (" + pool.seats() + " seats) expires at " + pool.term().end()));
      }
    }
    if (figures.purchased() > 0 && (long) figures.available() * 100 < (long) options.minimumAvailablePercent() * figures.purchased()) {
      alerts.add(new DashboardAlert(AlertKind.LOW_AVAILABILITY, product, Optional.empty(), figures.available(), Optional.empty(),
          figures.available() + " of " + figures.purchased() + " seats of " + product + " are available"));
    }
    int pendingTooLong = pools.stream().mapToInt(PoolSeats::pendingBefore).sum();
    if (pendingTooLong > 0) {
      Optional<Instant> oldest = pools.stream().filter(p -> p.pendingBefore() > 0)
          .flatMap(p -> p.oldestPending().stream()).min(Comparator.naturalOrder());
      alerts.add(new DashboardAlert(AlertKind.CLAIMS_PENDING_TOO_LONG, product, Optional.empty(), pendingTooLong, oldest,
          pendingTooLong + (pendingTooLong == 1 ? " claim of " : " claims of ") + product + " pending for more than "
              + options.pendingAlertDays() + " days"));
    }
    return alerts;
  }
}
