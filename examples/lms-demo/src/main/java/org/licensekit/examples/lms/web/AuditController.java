package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.UserId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit trail, filterable by user, subject, change and period. */
@Controller
class AuditController {

  private final Console console;
  private final DemoTime time;

  AuditController(Console console, DemoTime time) {
    this.console = console;
    this.time = time;
  }

  @GetMapping("/audit")
  String audit(@RequestParam(name = "user", required = false) String user,
      @RequestParam(name = "subject", required = false) String subject,
      @RequestParam(name = "action", required = false) String action,
      @RequestParam(name = "from", required = false) String from,
      @RequestParam(name = "to", required = false) String to,
      @RequestParam(name = "limit", required = false) String limit, HttpSession http, Model model) {
    ActorSession session = console.as(http);
    ReferenceData.addTo(model, console.administrator());
    Map<String, String> errors = new LinkedHashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("user", user == null ? "" : user);
    values.put("subject", subject == null ? "" : subject);
    values.put("action", action == null ? "" : action);
    boolean firstVisit = user == null && subject == null && action == null && from == null && to == null;
    from = firstVisit ? time.today().minusDays(7).toString() : from;
    values.put("from", from == null ? "" : from);
    values.put("to", to == null ? "" : to);
    values.put("limit", limit == null || limit.isBlank() ? "1000" : limit);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    var query = AuditQuery.builder();
    Forms.parse("user", user, UserId::of, "a user id", errors).ifPresent(query::user);
    Forms.text(subject).ifPresent(query::subjectId);
    Forms.parse("action", action, ChangeType::valueOf, "one of the listed changes", errors).ifPresent(query::addActions);
    Optional<Instant> fromInstant = Forms.startOfDay("from", from, errors);
    Optional<Instant> toInstant = Forms.startOfDay("to", to, errors).map(i -> i.plusSeconds(86_400));
    fromInstant.ifPresent(query::from);
    toInstant.ifPresent(query::to);
    Forms.parse("limit", values.get("limit"), Integer::valueOf, "a whole number", errors).ifPresent(query::limit);
    if (fromInstant.isPresent() && toInstant.isPresent() && !toInstant.get().isAfter(fromInstant.get())) {
      errors.put("to", "must not be before from");
    }
    if (!errors.isEmpty()) {
      return "audit";
    }
    try {
      AuditQuery built = query.build();
      // newest first in the order the changes were recorded (the audit chain), not by their clocks' timestamps
      var page = session.audit().page(built);
      model.addAttribute("truncated", page.hasNext());
      model.addAttribute("entries", page.items());
    } catch (InvalidInputException e) {
      errors.putAll(Forms.errors(e.errors()));
    }
    return "audit";
  }
}
