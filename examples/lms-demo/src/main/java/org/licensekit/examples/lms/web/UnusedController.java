package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.report.Reassignment;
import org.licensekit.core.api.report.UnusedLicensesQuery;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Unused licenses: claims pending for a long time, with remind, reclaim and reassign. */
@Controller
class UnusedController {

  private final Console console;

  UnusedController(Console console) {
    this.console = console;
  }

  @GetMapping("/unused")
  String unused(@RequestParam(name = "days", required = false) String days,
      @RequestParam(name = "product", required = false) String product,
      @RequestParam(name = "org", required = false) String org,
      @RequestParam(name = "cursor", required = false) String cursor, HttpSession http, Model model) {
    return page(days, product, org, cursor, new LinkedHashMap<>(), Map.of(), http, model);
  }

  @PostMapping("/unused/remind")
  String remind(@RequestParam(name = "claim", required = false) List<String> claims, @RequestParam(name = "days", required = false) String days,
      HttpSession http, Model model, RedirectAttributes redirect) {
    if (claims == null || claims.isEmpty()) {
      Map<String, String> errors = new LinkedHashMap<>();
      errors.put("claim", "tick at least one claim to remind");
      return page(days, null, null, null, errors, Map.of(), http, model);
    }
    List<LicenseClaim> reminded = console.as(http).reports().remind(claims.stream().map(ClaimId::of).toList());
    redirect.addFlashAttribute("message", "Sent " + reminded.size() + " reminder(s).");
    return "redirect:/unused" + (days == null ? "" : "?days=" + days);
  }

  @PostMapping("/unused/reclaim")
  String reclaim(@RequestParam("claim") String claim, @RequestParam(name = "reason", required = false) String reason,
      @RequestParam(name = "days", required = false) String days, HttpSession http, Model model, RedirectAttributes redirect) {
    Map<String, String> errors = new LinkedHashMap<>();
    try {
      LicenseClaim revoked = console.as(http).reports().reclaim(ClaimId.of(claim), reason == null ? "" : reason);
      redirect.addFlashAttribute("message", "Reclaimed " + revoked.product() + " from " + revoked.user() + "; the seat is free.");
      return "redirect:/unused" + (days == null ? "" : "?days=" + days);
    } catch (InvalidInputException e) {
      errors.putAll(Forms.errors(e.errors()));
    } catch (ConflictException | NotFoundException e) {
      errors.put("claim", e.getMessage());
    }
    return page(days, null, null, null, errors, Map.of("action", "reclaim", "claim", claim, "reason", reason == null ? "" : reason),
        http, model);
  }

  @PostMapping("/unused/reassign")
  String reassign(@RequestParam("claim") String claim, @RequestParam(name = "to", required = false) String to,
      @RequestParam(name = "reason", required = false) String reason, @RequestParam(name = "days", required = false) String days,
      HttpSession http, Model model, RedirectAttributes redirect) {
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<UserId> receiver = Forms.parse("to", to, UserId::of, "a user id", errors);
    if (receiver.isEmpty() && !errors.containsKey("to")) {
      errors.put("to", "enter the user id who gets the seat");
    }
    if (errors.isEmpty()) {
      try {
        Reassignment moved = console.as(http).reports().reassign(ClaimId.of(claim), receiver.get(), reason == null ? "" : reason);
        redirect.addFlashAttribute("message", "Moved the " + moved.assigned().product() + " seat from " + moved.revoked().user()
            + " to " + moved.assigned().user() + " (pending until they claim it).");
        return "redirect:/unused" + (days == null ? "" : "?days=" + days);
      } catch (InvalidInputException e) {
        errors.putAll(Forms.errors(e.errors()));
      } catch (ConflictException | NotFoundException e) {
        errors.put("to", e.getMessage());
      }
    }
    return page(days, null, null, null, errors,
        Map.of("action", "reassign", "claim", claim, "to", to == null ? "" : to, "reason", reason == null ? "" : reason), http, model);
  }

  private String page(String days, String product, String org, String cursor, Map<String, String> errors, Map<String, String> failed,
      HttpSession http, Model model) {
    ActorSession session = console.as(http);
    ReferenceData.addTo(model, console.administrator());
    model.addAttribute("errors", errors);
    model.addAttribute("failed", failed);
    model.addAttribute("days", days == null || days.isBlank() ? "30" : days);
    model.addAttribute("product", product == null ? "" : product);
    model.addAttribute("org", org == null ? "" : org);
    Map<String, String> filterErrors = new LinkedHashMap<>();
    UnusedLicensesQuery.Builder query = UnusedLicensesQuery.builder().limit(50);
    Forms.parse("days", days, Integer::valueOf, "a whole number of days", filterErrors).ifPresent(query::pendingForDays);
    Forms.text(product).ifPresent(p -> query.product(ProductId.of(p)));
    Forms.text(org).ifPresent(o -> query.organization(OrganizationId.of(o)));
    Forms.text(cursor).ifPresent(query::cursor);
    if (filterErrors.isEmpty()) {
      try {
        model.addAttribute("page", session.reports().unusedLicenses(query.build()));
      } catch (InvalidInputException e) {
        filterErrors.putAll(Forms.errors(e.errors()));
      }
    }
    filterErrors.forEach((k, v) -> errors.put(k.equals("pendingForDays") ? "days" : k, v));
    return "unused";
  }
}
