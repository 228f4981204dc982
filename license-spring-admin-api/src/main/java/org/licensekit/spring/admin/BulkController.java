package org.licensekit.spring.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.policy.Authorization;
import org.licensekit.spring.admin.json.BulkRequestJson;
import org.licensekit.spring.admin.json.BulkResultJson;
import org.licensekit.spring.admin.json.BulkRunJson;
import org.licensekit.spring.admin.json.ReasonJson;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping(Routes.BASE + "/bulk")
@Tag(name = "Bulk", description = "Bulk actions on the users a filter selects: a dry run, then a run started in the background"
    + " with an idempotency key, polled for progress, and its result with per-user outcomes.")
final class BulkController {

  /** The request header carrying a run's idempotency key. */
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final AdminSessions sessions;
  private final BulkRuns runs;

  BulkController(AdminSessions sessions, BulkRuns runs) {
    this.sessions = sessions;
    this.runs = runs;
  }

  @PostMapping("/dry-run")
  @Operation(summary = "Dry run", description = "What the action would do to each selected user, with the seats it needs per"
      + " product; nothing is written.")
  BulkResultJson dryRun(@Valid @RequestBody BulkRequestJson body, HttpServletRequest request) {
    ActorSession session = sessions.open(request);
    return Wire.bulk(session.bulk().preview(Requests.bulk(body, Optional.empty())));
  }

  @PostMapping("/runs")
  @Operation(summary = "Start a run", description = "Starts the action in the background (202, with the run's location to poll)."
      + " The Idempotency-Key header names the run: sending the same request with the same key again returns the same run, or"
      + " once it finished its stored result; another request with a used key is refused (409 IDEMPOTENCY_KEY_REUSED).")
  ResponseEntity<BulkRunJson> start(@RequestHeader(IDEMPOTENCY_KEY) String idempotencyKey, @Valid @RequestBody BulkRequestJson body,
      HttpServletRequest request) {
    if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
      throw InvalidInputException.of(IDEMPOTENCY_KEY, "must be 1 to 200 characters, not blank");
    }
    ActorSession session = sessions.open(request);
    BulkRequest bulk = Requests.bulk(body, Optional.of(idempotencyKey));
    if (Authorization.check(session.actor(), org.licensekit.core.policy.Operation.BULK_CHANGE, Optional.empty()).isPresent()) {
      // An actor whose kind may not run bulk actions is refused now rather than in the background: the run goes through
      // the library's own entry, which refuses it before any work, audits the refusal and throws.
      return ResponseEntity.ok(json(runs.runNow(session, bulk), null));
    }
    BulkRuns.Run run = runs.start(session, bulk);
    URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{key}").buildAndExpand(idempotencyKey).toUri();
    return ResponseEntity.accepted().location(location).body(json(run, location.getPath()));
  }

  @GetMapping("/runs/{idempotencyKey}")
  @Operation(summary = "Poll a run", description = "The run's progress (users done of the total) and state: RUNNING, COMPLETED or"
      + " FAILED (with the error's code).")
  BulkRunJson poll(@PathVariable String idempotencyKey, HttpServletRequest request) {
    BulkRuns.Run run = runs.find(sessions.open(request), idempotencyKey);
    return json(run, ServletUriComponentsBuilder.fromCurrentRequest().build().getPath());
  }

  @GetMapping("/runs/{idempotencyKey}/result")
  @Operation(summary = "A run's result", description = "The finished run's result with per-user outcomes; 409 BULK_IN_PROGRESS while"
      + " it runs; the run's error when it failed.")
  BulkResultJson result(@PathVariable String idempotencyKey, HttpServletRequest request) {
    BulkRuns.Run run = runs.find(sessions.open(request), idempotencyKey);
    if (run.failure().isPresent()) {
      throw run.failure().get();
    }
    return run.result().map(Wire::bulk).orElseThrow(() -> new ConflictException(ErrorCode.BULK_IN_PROGRESS,
        "Bulk run '" + idempotencyKey + "' is still running: " + run.done() + " of " + run.total() + " users done."));
  }

  private static BulkRunJson json(BulkRuns.Run run, String runPath) {
    BulkRuns.State state = run.state();
    return new BulkRunJson(run.idempotencyKey(), state.name(), run.done(), run.total(), Wire.instant(run.startedAt()),
        run.finishedAt().map(Wire::instant).orElse(null), state == BulkRuns.State.COMPLETED ? runPath + "/result" : null,
        run.failure().map(e -> new ReasonJson(e.code(), e.getMessage(), e.errorCode().map(ErrorCode::hint).orElse(""))).orElse(null));
  }
}
