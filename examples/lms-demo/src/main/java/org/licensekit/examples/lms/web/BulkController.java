package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/** Bulk actions: choose users and an action, preview it as a dry run, run it with a live progress bar, read each user's outcome. */
@Controller
class BulkController {

  private final Console console;
  private final BulkJobs jobs;

  BulkController(Console console, BulkJobs jobs) {
    this.console = console;
    this.jobs = jobs;
  }

  @GetMapping("/users/bulk")
  String form(@ModelAttribute("filter") BulkForm form, Model model) {
    return page(model, Map.of());
  }

  @PostMapping("/users/bulk/preview")
  String preview(@ModelAttribute("filter") BulkForm form, HttpSession http, Model model) {
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<BulkRequest> request = form.toRequest(errors);
    if (request.isEmpty()) {
      return page(model, errors);
    }
    ActorSession session = console.as(http);
    model.addAttribute("preview", session.bulk().preview(request.get()));
    model.addAttribute("count", session.bulk().count(request.get().filter()));
    return page(model, errors);
  }

  @PostMapping("/users/bulk/run")
  String run(@ModelAttribute("filter") BulkForm form, HttpSession http, Model model) {
    Map<String, String> errors = new LinkedHashMap<>();
    Optional<BulkRequest> request = form.toRequest(errors);
    if (request.isEmpty()) {
      return page(model, errors);
    }
    BulkJobs.Job job = jobs.start(console.as(http), request.get(), request.get().action().canonical());
    return "redirect:/users/bulk/jobs/" + job.id();
  }

  @GetMapping("/users/bulk/jobs/{id}")
  String job(@PathVariable String id, Model model) {
    model.addAttribute("job", jobs.find(id).orElseThrow(() -> new NotFoundException("bulk job", id)));
    return "bulk-job";
  }

  @GetMapping("/users/bulk/jobs/{id}/progress")
  @ResponseBody
  Map<String, Object> progress(@PathVariable String id) {
    BulkJobs.Job job = jobs.find(id).orElseThrow(() -> new NotFoundException("bulk job", id));
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("done", job.done());
    progress.put("total", job.total());
    progress.put("finished", job.finished());
    return progress;
  }

  private String page(Model model, Map<String, String> errors) {
    ReferenceData.addTo(model, console.administrator());
    model.addAttribute("errors", errors);
    model.addAttribute("kinds", List.of(BulkForm.Kind.values()));
    model.addAttribute("modes", List.of(BulkMode.values()));
    return "bulk";
  }
}
