package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import org.licensekit.examples.lms.Persona;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import java.util.regex.Pattern;

/** The "act as" switch. */
@Controller
class PersonaController {

  @PostMapping("/act-as")
  String actAs(@RequestParam String persona, @RequestHeader(name = "Referer", required = false) String referer,
      HttpSession session) {
    session.setAttribute(Console.PERSONA, Persona.byKey(persona).orElse(Persona.ADMIN).key());
    return "redirect:" + back(referer);
  }

  /** The page to show again: the one the switch was used on, or its section when that page answered a form post. */
  static String back(String referer) {
    if (referer == null || referer.isBlank()) {
      return "/";
    }
    String path = UriComponentsBuilder.fromUriString(referer).build().getPath();
    if (path == null || !path.startsWith("/")) {
      return "/";
    }
    if (POST_ONLY.matcher(path).find()) {
      return path.substring(0, path.lastIndexOf('/'));
    }
    return UriComponentsBuilder.fromUriString(referer).build().toUriString().replaceFirst("^[a-z]+://[^/]+", "");
  }

  private static final Pattern POST_ONLY = Pattern.compile("/(preview|run|apply|remind|reclaim|reassign)$");
}
