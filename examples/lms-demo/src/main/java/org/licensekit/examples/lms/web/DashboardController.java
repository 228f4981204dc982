package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.api.report.Analytics;
import org.licensekit.core.api.report.AnalyticsQuery;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.DashboardOptions;
import org.licensekit.core.api.report.Granularity;
import org.licensekit.core.api.report.ProductSeats;
import org.licensekit.core.api.report.TrendPoint;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The License Dashboard: seats per product, the activation trend, alerts and renewals, per organization. */
@Controller
class DashboardController {

  static final int TREND_DAYS = 182;

  private final Console console;

  DashboardController(Console console) {
    this.console = console;
  }

  @GetMapping("/")
  String dashboard(@RequestParam(name = "org", required = false) String org, HttpSession http, Model model) {
    ActorSession session = console.as(http);
    Optional<OrganizationId> organization = Forms.text(org).map(OrganizationId::of);
    DashboardOptions.Builder options = DashboardOptions.builder();
    organization.ifPresent(options::organization);
    Dashboard dashboard = session.reports().dashboard(options.build());
    LocalDate today = LocalDate.ofInstant(dashboard.at(), ZoneOffset.UTC);
    AnalyticsQuery.Builder trendQuery = AnalyticsQuery.between(today.minusDays(TREND_DAYS), today.plusDays(1))
        .granularity(Granularity.WEEK);
    organization.ifPresent(trendQuery::organization);
    Analytics analytics = session.reports().analytics(trendQuery.build());
    List<PoolUsage> pools = session.pools().list().stream()
        .filter(p -> p.pool().term().end().isAfter(dashboard.at()))
        .sorted(Comparator.comparing((PoolUsage p) -> p.pool().term().end()))
        .toList();

    model.addAttribute("organizations", console.administrator().users().organizations());
    model.addAttribute("org", organization.map(OrganizationId::value).orElse(""));
    model.addAttribute("dashboard", dashboard);
    model.addAttribute("pools", pools);
    model.addAttribute("seatChart", seatChart(dashboard.products()));
    model.addAttribute("trendChart", trendChart(analytics.trend()));
    return "dashboard";
  }

  private static Map<String, Object> seatChart(List<ProductSeats> products) {
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("labels", products.stream().map(ProductSeats::name).toList());
    chart.put("purchased", products.stream().map(p -> p.seats().purchased()).toList());
    chart.put("assigned", products.stream().map(p -> p.seats().assigned()).toList());
    chart.put("available", products.stream().map(p -> p.seats().available()).toList());
    return chart;
  }

  private static Map<String, Object> trendChart(List<TrendPoint> trend) {
    Map<String, Object> chart = new LinkedHashMap<>();
    chart.put("labels", trend.stream().map(t -> t.start().toString()).toList());
    chart.put("assignments", trend.stream().map(TrendPoint::assignments).toList());
    chart.put("activations", trend.stream().map(TrendPoint::activations).toList());
    return chart;
  }
}
