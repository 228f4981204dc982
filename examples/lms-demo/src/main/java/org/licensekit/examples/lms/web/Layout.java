package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.licensekit.core.LicensingException;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.examples.lms.Persona;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseStatus;

/** What every page shows (the persona switch, the current path) and how refusals render. */
@ControllerAdvice
class Layout {

  private final Console console;

  Layout(Console console) {
    this.console = console;
  }

  @ModelAttribute
  void common(Model model, HttpSession session, HttpServletRequest request) {
    model.addAttribute("personas", Persona.all());
    model.addAttribute("me", console.persona(session));
    model.addAttribute("path", request.getRequestURI());
  }

  @ExceptionHandler(NotAuthorizedException.class)
  @ResponseStatus(HttpStatus.FORBIDDEN)
  String notAuthorized(NotAuthorizedException e, Model model, HttpSession session, HttpServletRequest request) {
    common(model, session, request);
    model.addAttribute("title", "Not allowed for this persona");
    model.addAttribute("problem", e.getMessage());
    model.addAttribute("hints", List.of("Use “Act as” in the top bar to switch to the district administrator."));
    return "problem";
  }

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(LicensingException e, Model model, HttpSession session, HttpServletRequest request) {
    common(model, session, request);
    model.addAttribute("title", "Not found");
    model.addAttribute("problem", e.getMessage());
    model.addAttribute("hints", List.of());
    return "problem";
  }
}
