package org.licensekit.spring.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.licensekit.core.api.report.DashboardOptions;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.spring.admin.json.AnalyticsJson;
import org.licensekit.spring.admin.json.AnalyticsParams;
import org.licensekit.spring.admin.json.ClaimJson;
import org.licensekit.spring.admin.json.ClaimRowJson;
import org.licensekit.spring.admin.json.DashboardJson;
import org.licensekit.spring.admin.json.Ids;
import org.licensekit.spring.admin.json.PageJson;
import org.licensekit.spring.admin.json.ReasonRequest;
import org.licensekit.spring.admin.json.ReassignRequest;
import org.licensekit.spring.admin.json.ReassignmentJson;
import org.licensekit.spring.admin.json.ReconciliationJson;
import org.licensekit.spring.admin.json.RemindRequest;
import org.licensekit.spring.admin.json.UnusedParams;
import org.licensekit.spring.admin.json.UsageRequest;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(Routes.BASE)
@Tag(name = "Reports", description = "The dashboard, usage analytics, unused licenses with their follow-up, and reconciliation.")
final class ReportsController {

  private final AdminSessions sessions;

  ReportsController(AdminSessions sessions) {
    this.sessions = sessions;
  }

  @GetMapping("/dashboard")
  @Operation(summary = "Dashboard", description = "Seats purchased, pending, claimed and available per product and in total,"
      + " seats expiring within 90/30/7 days, and alerts; optionally narrowed to an organization.")
  DashboardJson dashboard(
      @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String organization,
      @RequestParam(required = false) @Min(0) @Max(100) Integer minimumAvailablePercent,
      @RequestParam(required = false) @Min(0) @Max(3660) Integer pendingAlertDays,
      HttpServletRequest request) {
    DashboardOptions.Builder options = DashboardOptions.builder();
    if (organization != null) {
      options.organization(OrganizationId.of(organization));
    }
    if (minimumAvailablePercent != null) {
      options.minimumAvailablePercent(minimumAvailablePercent);
    }
    if (pendingAlertDays != null) {
      options.pendingAlertDays(pendingAlertDays);
    }
    return Wire.dashboard(sessions.open(request).reports().dashboard(options.build()));
  }

  @GetMapping("/analytics")
  @Operation(summary = "Usage analytics", description = "Activation, engagement, completion and the trend over a period.")
  AnalyticsJson analytics(@Valid @ParameterObject AnalyticsParams params, HttpServletRequest request) {
    return Wire.analytics(sessions.open(request).reports().analytics(Requests.analytics(params)));
  }

  @PostMapping("/usage/launches")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Record a launch", description = "The user launched the product (feeds engagement).")
  void launch(@Valid @RequestBody UsageRequest body, HttpServletRequest request) {
    sessions.open(request).usage().recordLaunch(UserId.of(body.user()), ProductId.of(body.product()));
  }

  @PostMapping("/usage/progress")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Record content progress", description = "The user's progress through the product's content, 0 to 100 (feeds completion).")
  void progress(@Valid @RequestBody UsageRequest body, HttpServletRequest request) {
    if (body.percent() == null) {
      throw org.licensekit.core.InvalidInputException.of("percent", "must be given");
    }
    sessions.open(request).usage().recordProgress(UserId.of(body.user()), ProductId.of(body.product()), body.percent());
  }

  @GetMapping("/unused-licenses")
  @Operation(summary = "Unused licenses", description = "Claims still pending long after assignment, oldest first, in keyset pages.")
  PageJson<ClaimRowJson> unused(@Valid @ParameterObject UnusedParams params, HttpServletRequest request) {
    return Wire.page(sessions.open(request).reports().unusedLicenses(Requests.unused(params)), Wire::row);
  }

  @PostMapping("/unused-licenses/remind")
  @Operation(summary = "Remind", description = "Sends each pending claim's user a reminder; returns the claims reminded.")
  List<ClaimJson> remind(@Valid @RequestBody RemindRequest body, HttpServletRequest request) {
    return Wire.claims(sessions.open(request).reports().remind(body.claims().stream().map(ClaimId::of).toList()));
  }

  @PostMapping("/unused-licenses/{claimId}/reclaim")
  @Operation(summary = "Reclaim", description = "Revokes an unused claim, freeing its seat.")
  ClaimJson reclaim(@PathVariable String claimId, @Valid @RequestBody ReasonRequest body, HttpServletRequest request) {
    return Wire.claim(sessions.open(request).reports().reclaim(ClaimId.of(claimId), body.reason()));
  }

  @PostMapping("/unused-licenses/{claimId}/reassign")
  @Operation(summary = "Reassign", description = "Gives an unused claim's seat to another user: the claim is revoked and the"
      + " receiver gets a pending claim on the freed seat.")
  ReassignmentJson reassign(@PathVariable String claimId, @Valid @RequestBody ReassignRequest body, HttpServletRequest request) {
    return Wire.reassignment(sessions.open(request).reports().reassign(ClaimId.of(claimId), UserId.of(body.to()), body.reason()));
  }

  @PostMapping("/reconciliation/dry-run")
  @Operation(summary = "Reconciliation, dry run", description = "Finds discrepancies (claims past expiry, archived users holding"
      + " seats, over-allocated pools, drifted counters) with the fix each would get; changes nothing.")
  ReconciliationJson reconcileDryRun(HttpServletRequest request) {
    return Wire.reconciliation(sessions.open(request).reports().reconcile(true));
  }

  @PostMapping("/reconciliation/apply")
  @Operation(summary = "Reconciliation, applied", description = "Finds the discrepancies and applies every proposed fix.")
  ReconciliationJson reconcileApply(HttpServletRequest request) {
    return Wire.reconciliation(sessions.open(request).reports().reconcile(false));
  }
}
