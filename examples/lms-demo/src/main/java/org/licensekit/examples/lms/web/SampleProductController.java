package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import org.licensekit.examples.lms.DemoUsers;
import org.licensekit.spring.web.RequiresLicense;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * A sample product inside the LMS, Classroom Observation, behind the starter's
 * {@link RequiresLicense} guard. The page loads the guarded content: a licensed persona sees it, any
 * other gets the guard's 403 problem document, which the page shows with its reasons and hints.
 */
@Controller
class SampleProductController {

  private final Console console;

  SampleProductController(Console console) {
    this.console = console;
  }

  @GetMapping("/products/observation")
  String page(HttpSession http, Model model) {
    model.addAttribute("product", DemoUsers.OBSERVATION.value());
    return "product";
  }

  @GetMapping("/products/observation/content")
  @RequiresLicense("observation")
  String content(HttpSession http, Model model) {
    model.addAttribute("persona", console.persona(http));
    return "product-content";
  }
}
