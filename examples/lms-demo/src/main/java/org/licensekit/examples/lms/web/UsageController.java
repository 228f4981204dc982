package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.report.Analytics;
import org.licensekit.core.api.report.AnalyticsQuery;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Usage analytics: activation, engagement bands and completion, for the district and per product and organization. */
@Controller
class UsageController {

  private final Console console;
  private final DemoTime time;

  UsageController(Console console, DemoTime time) {
    this.console = console;
    this.time = time;
  }

  /** One row of a breakdown table. */
  record Row(String name, Analytics analytics) {}

  @GetMapping("/usage")
  String usage(@RequestParam(name = "from", required = false) String from, @RequestParam(name = "to", required = false) String to,
      @RequestParam(name = "product", required = false) String product, @RequestParam(name = "org", required = false) String org,
      HttpSession http, Model model) {
    ActorSession session = console.as(http);
    ReferenceData.addTo(model, console.administrator());
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate today = time.today();
    LocalDate start = Forms.parse("from", from, LocalDate::parse, "a date like 2026-09-01", errors).orElse(today.minusDays(90));
    LocalDate end = Forms.parse("to", to, LocalDate::parse, "a date like 2026-12-01", errors).orElse(today.plusDays(1));
    Optional<ProductId> productId = Forms.text(product).map(ProductId::of);
    Optional<OrganizationId> orgId = Forms.text(org).map(OrganizationId::of);
    model.addAttribute("from", start.toString());
    model.addAttribute("to", end.toString());
    model.addAttribute("product", productId.map(ProductId::value).orElse(""));
    model.addAttribute("org", orgId.map(OrganizationId::value).orElse(""));
    model.addAttribute("errors", errors);
    if (!errors.isEmpty()) {
      return "usage";
    }
    try {
      model.addAttribute("overall", session.reports().analytics(query(start, end, productId, orgId).build()));
    } catch (InvalidInputException e) {
      errors.putAll(Forms.errors(e.errors()));
      return "usage";
    }
    List<Row> byProduct = new ArrayList<>();
    for (Product p : console.administrator().catalog().products()) {
      byProduct.add(new Row(p.name(), session.reports().analytics(query(start, end, Optional.of(p.id()), orgId).build())));
    }
    List<Row> byOrganization = new ArrayList<>();
    for (Organization o : console.administrator().users().organizations()) {
      if (o.parent().isPresent()) {
        byOrganization.add(new Row(o.name(), session.reports().analytics(query(start, end, productId, Optional.of(o.id())).build())));
      }
    }
    model.addAttribute("byProduct", byProduct);
    model.addAttribute("byOrganization", byOrganization);
    return "usage";
  }

  private static AnalyticsQuery.Builder query(LocalDate from, LocalDate to, Optional<ProductId> product, Optional<OrganizationId> org) {
    AnalyticsQuery.Builder builder = AnalyticsQuery.between(from, to);
    product.ifPresent(builder::product);
    org.ifPresent(builder::organization);
    return builder;
  }
}
