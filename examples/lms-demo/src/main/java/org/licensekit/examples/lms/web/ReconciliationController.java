package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import org.licensekit.core.api.report.ReconciliationResult;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/** Reconciliation: the discrepancies a dry run finds, and applying their fixes. */
@Controller
class ReconciliationController {

  private final Console console;

  ReconciliationController(Console console) {
    this.console = console;
  }

  @GetMapping("/reconciliation")
  String dryRun(HttpSession http, Model model) {
    model.addAttribute("result", console.as(http).reports().reconcile(true));
    return "reconciliation";
  }

  @PostMapping("/reconciliation/apply")
  String apply(HttpSession http, Model model) {
    ReconciliationResult applied = console.as(http).reports().reconcile(false);
    model.addAttribute("applied", applied);
    model.addAttribute("result", console.as(http).reports().reconcile(true));
    return "reconciliation";
  }
}
