package org.licensekit.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.DashboardAlert;
import org.licensekit.core.api.report.ProductSeats;
import org.licensekit.core.api.report.SeatFigures;

/** A dashboard as plain maps and lists, for JSON: what the endpoint and health details show. */
final class DashboardSummary {

  private DashboardSummary() {}

  static Map<String, Object> of(Dashboard dashboard) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("at", dashboard.at().toString());
    summary.put("products", dashboard.products().stream().map(DashboardSummary::product).toList());
    summary.put("total", seats(dashboard.total()));
    summary.put("alerts", dashboard.alerts().stream().map(DashboardSummary::alert).toList());
    return summary;
  }

  private static Map<String, Object> product(ProductSeats product) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("product", product.product().value());
    line.put("name", product.name());
    line.putAll(seats(product.seats()));
    return line;
  }

  static Map<String, Object> seats(SeatFigures seats) {
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("purchased", seats.purchased());
    figures.put("assigned", seats.assigned());
    figures.put("pending", seats.pending());
    figures.put("claimed", seats.claimed());
    figures.put("available", seats.available());
    figures.put("activationRate", seats.activationRate());
    seats.nextExpiration().ifPresent(at -> figures.put("nextExpiration", at.toString()));
    seats.nextRenewal().ifPresent(on -> figures.put("nextRenewal", on.toString()));
    return figures;
  }

  private static Map<String, Object> alert(DashboardAlert alert) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("kind", alert.kind().name());
    line.put("product", alert.product().value());
    alert.pool().ifPresent(pool -> line.put("pool", pool.value()));
    line.put("count", alert.count());
    line.put("message", alert.message());
    return line;
  }
}
