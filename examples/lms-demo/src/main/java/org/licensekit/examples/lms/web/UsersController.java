package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The Users page (filters, keyset pages) and one user's page. */
@Controller
class UsersController {

  static final int PAGE = 50;

  private final Console console;

  UsersController(Console console) {
    this.console = console;
  }

  @GetMapping("/users")
  String users(@ModelAttribute("filter") UserFilterForm form, @RequestParam(name = "after", required = false) String after,
      HttpSession http, Model model) {
    ActorSession session = console.as(http);
    ReferenceData.addTo(model, console.administrator());
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<UserFilter> filter = form.toFilter(errors);
    model.addAttribute("errors", errors);
    model.addAttribute("query", form.parameters());
    if (filter.isEmpty()) {
      model.addAttribute("users", List.of());
      model.addAttribute("count", 0L);
      return "users";
    }
    long count = session.bulk().count(filter.get());
    List<UserId> ids = session.bulk().select(filter.get(), Forms.text(after).map(UserId::of), PAGE + 1);
    List<UserAccount> users = ids.stream().limit(PAGE).map(id -> session.users().find(id)).flatMap(Optional::stream).toList();
    model.addAttribute("count", count);
    model.addAttribute("users", users);
    model.addAttribute("next", ids.size() > PAGE ? Optional.of(ids.get(PAGE - 1).value()) : Optional.empty());
    model.addAttribute("paged", Forms.text(after).isPresent());
    return "users";
  }

  @GetMapping("/users/{id}")
  String user(@PathVariable String id, HttpSession http, Model model) {
    ActorSession session = console.as(http);
    UserId user = UserId.of(id);
    UserAccount account = session.users().find(user).orElseThrow(() -> new NotFoundException("user", id));
    model.addAttribute("account", account);
    List<String> hidden = new ArrayList<>();
    model.addAttribute("memberships", visible("organizations", hidden, () -> session.users().profile(user).organizations()));
    model.addAttribute("claims", visible("claims", hidden, () -> session.claims().ofUser(user).stream()
        .sorted(Comparator.comparing(c -> c.assignedAt())).toList()));
    model.addAttribute("training", visible("training", hidden, () -> session.training().of(user)));
    model.addAttribute("access", visible("access", hidden, () -> session.access().explain(user)));
    model.addAttribute("audit", visible("audit", hidden, () -> session.audit().page(AuditQuery.builder().user(user).limit(200).build())
        .items()));
    model.addAttribute("hidden", hidden);
    return "user";
  }

  /** What {@code read} returns, or an empty list (and the section named hidden) when the persona may not read it. */
  private static <T> List<T> visible(String section, List<String> hidden, java.util.function.Supplier<List<T>> read) {
    try {
      return read.get();
    } catch (NotAuthorizedException e) {
      hidden.add(section);
      return List.of();
    }
  }

}
