package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The troubleshooter: why can't this user open this product? Every failing reason, in the guide's order, with a hint. */
@Controller
class TroubleshootController {

  private final Console console;

  TroubleshootController(Console console) {
    this.console = console;
  }

  @GetMapping("/troubleshoot")
  String troubleshoot(@RequestParam(name = "user", required = false) String user,
      @RequestParam(name = "product", required = false) String product, HttpSession http, Model model) {
    ActorSession session = console.as(http);
    ReferenceData.addTo(model, console.administrator());
    Map<String, String> errors = new LinkedHashMap<>();
    model.addAttribute("user", user == null ? "" : user);
    model.addAttribute("product", product == null ? "" : product);
    model.addAttribute("errors", errors);
    Optional<String> userText = Forms.text(user);
    if (userText.isEmpty()) {
      if (user != null) {
        errors.put("user", "enter the user id to troubleshoot");
      }
      return "troubleshoot";
    }
    UserId userId;
    try {
      userId = UserId.of(userText.get());
    } catch (InvalidInputException e) {
      errors.put("user", e.errors().get(0).problem());
      return "troubleshoot";
    }
    session.users().find(userId).ifPresentOrElse(account -> model.addAttribute("account", account),
        () -> errors.put("user", "no user '" + userText.get() + "' in this district"));
    if (!errors.isEmpty()) {
      return "troubleshoot";
    }
    List<AccessDecision> decisions = Forms.text(product)
        .map(p -> List.of(session.access().check(userId, ProductId.of(p))))
        .orElseGet(() -> session.access().explain(userId));
    model.addAttribute("decisions", decisions);
    return "troubleshoot";
  }
}
