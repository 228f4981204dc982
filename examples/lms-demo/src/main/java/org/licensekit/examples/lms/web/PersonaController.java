package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import org.licensekit.examples.lms.Persona;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The "act as" switch. */
@Controller
class PersonaController {

  @PostMapping("/act-as")
  String actAs(@RequestParam String persona, @RequestHeader(name = "Referer", required = false) String referer,
      HttpSession session) {
    session.setAttribute(Console.PERSONA, Persona.byKey(persona).orElse(Persona.ADMIN).key());
    return "redirect:" + (referer == null || referer.isBlank() ? "/" : referer);
  }
}
