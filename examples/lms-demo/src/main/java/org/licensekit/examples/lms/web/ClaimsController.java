package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.reports.csv.ClaimsCsvExport;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The License Claims report: every filter and sort, keyset pages, and the same rows as CSV. */
@Controller
class ClaimsController {

  private final Console console;

  ClaimsController(Console console) {
    this.console = console;
  }

  @GetMapping("/claims")
  String claims(@ModelAttribute("form") ClaimsForm form, HttpSession http, Model model) {
    ActorSession session = console.as(http);
    ReferenceData.addTo(model, console.administrator());
    model.addAttribute("sortKeys", List.of(ClaimSortKey.values()));
    model.addAttribute("directions", List.of(SortDirection.values()));
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<ClaimsQuery> query = form.toQuery(errors);
    model.addAttribute("errors", errors);
    query.ifPresent(q -> {
      Page<ClaimRow> page = session.reports().claims(q);
      model.addAttribute("page", page);
      page.nextCursor().ifPresent(c -> model.addAttribute("nextLink", form.link("/claims", form.getSort(), form.getDirection(), c)));
    });
    Map<String, String> sortLinks = new LinkedHashMap<>();
    for (ClaimSortKey key : ClaimSortKey.values()) {
      boolean same = key.name().equals(form.getSort());
      String direction = same && SortDirection.ASCENDING.name().equals(form.getDirection())
          ? SortDirection.DESCENDING.name() : SortDirection.ASCENDING.name();
      sortLinks.put(key.name(), form.link("/claims", key.name(), direction, ""));
    }
    model.addAttribute("sortLinks", sortLinks);
    model.addAttribute("firstLink", form.link("/claims", form.getSort(), form.getDirection(), ""));
    model.addAttribute("csvLink", form.link("/claims.csv", form.getSort(), form.getDirection(), ""));
    return "claims";
  }

  @GetMapping("/claims.csv")
  void csv(@ModelAttribute("form") ClaimsForm form, HttpSession http, HttpServletResponse response) throws IOException {
    ActorSession session = console.as(http);
    Map<String, String> errors = new LinkedHashMap<>();
    form.setCursor("");
    Optional<ClaimsQuery> query = form.toQuery(errors);
    if (query.isEmpty()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write("Invalid claims query: " + errors);
      return;
    }
    ClaimsQuery paged = query.get().toBuilder().limit(ClaimsQuery.MAX_LIMIT).build();
    response.setContentType("text/csv;charset=UTF-8");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.setHeader("Content-Disposition", "attachment; filename=\"license-claims.csv\"");
    Writer writer = response.getWriter();
    ClaimsCsvExport.of(session.reports()).write(paged, writer);
    writer.flush();
  }
}
