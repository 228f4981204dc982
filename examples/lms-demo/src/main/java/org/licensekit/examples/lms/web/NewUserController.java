package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.RegistrationResult;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.UserId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * New-user setup: the account, its school, the job profile's roles (which assign pending licenses)
 * and the invitation, all in one LicenseKit command, so a refused form writes nothing.
 */
@Controller
class NewUserController {

  private final Console console;

  NewUserController(Console console) {
    this.console = console;
  }

  @GetMapping("/users/new")
  String form(@ModelAttribute("form") NewUserForm form, Model model) {
    ReferenceData.addTo(model, console.administrator());
    model.addAttribute("errors", Map.of());
    return "user-new";
  }

  @PostMapping("/users/new")
  String register(@ModelAttribute("form") NewUserForm form, HttpSession http, Model model, RedirectAttributes redirect) {
    ActorSession session = console.as(http);
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<UserId> id = Optional.empty();
    if (Forms.text(form.getId()).isEmpty()) {
      errors.put("id", "must not be blank");
    } else {
      try {
        id = Optional.of(UserId.of(form.getId().trim()));
      } catch (InvalidInputException e) {
        errors.put("id", e.errors().get(0).problem());
      }
    }
    if (Forms.text(form.getOrganization()).isEmpty()) {
      errors.put("organization", "choose the user's school or office");
    }
    Optional<LocalDate> endDate = Forms.parse("endDate", form.getEndDate(), LocalDate::parse, "a date like 2027-06-30", errors);
    if (id.isPresent() && errors.isEmpty()) {
      try {
        RegistrationResult result = session.users().register(NewUser.builder().id(id.get()).name(form.getName())
            .email(form.getEmail().trim()).jobProfile(Forms.text(form.getProfile()).map(JobProfileId::of))
            .addOrganizations(OrganizationId.of(form.getOrganization().trim())).endDate(endDate)
            .invite(form.isInvite()).build());
        redirect.addFlashAttribute("message", "Registered " + result.user().name() + ": "
            + result.assignments().assigned().size() + " pending license(s) assigned"
            + (result.assignments().refused().isEmpty() ? "" : ", " + result.assignments().refused().size() + " refused")
            + (form.isInvite() ? "; invitation sent to " + result.user().email() : "") + ".");
        return "redirect:/users/" + id.get().value();
      } catch (InvalidInputException e) {
        e.errors().forEach(f -> errors.merge(formField(f.field()), f.problem(), (a, b) -> a + "; " + b));
      } catch (NotFoundException e) {
        errors.put(formField(e.getMessage().contains("jobProfile") ? "profile" : "organization"), e.getMessage());
      } catch (ConflictException e) {
        errors.put("id", e.getMessage());
      }
    } else {
      // LicenseKit is not called with a form it would refuse anyway; name the other blank fields too.
      if (Forms.text(form.getName()).isEmpty()) {
        errors.put("name", "must not be blank");
      }
      if (Forms.text(form.getEmail()).isEmpty()) {
        errors.put("email", "must not be blank");
      }
    }
    ReferenceData.addTo(model, console.administrator());
    model.addAttribute("errors", errors);
    return "user-new";
  }

  /** The form field a LicenseKit field error is about. */
  private static String formField(String field) {
    String last = field.substring(field.lastIndexOf('.') + 1);
    switch (last) {
      case "organizations":
      case "organization":
        return "organization";
      case "jobProfile":
        return "profile";
      default:
        return last;
    }
  }
}
