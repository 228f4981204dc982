package org.licensekit.spring.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.reports.csv.ClaimsCsvExport;
import org.licensekit.spring.admin.json.ClaimJson;
import org.licensekit.spring.admin.json.ClaimRequest;
import org.licensekit.spring.admin.json.ClaimResultJson;
import org.licensekit.spring.admin.json.ClaimRowJson;
import org.licensekit.spring.admin.json.ClaimsParams;
import org.licensekit.spring.admin.json.PageJson;
import org.licensekit.spring.admin.json.ReasonRequest;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(Routes.BASE + "/claims")
@Tag(name = "Claims", description = "The claims report (JSON pages and CSV download), claiming and revoking.")
final class ClaimsController {

  /** Rows fetched per page while streaming the CSV download, unless the request says. */
  static final int CSV_PAGE = 500;

  private final AdminSessions sessions;

  ClaimsController(AdminSessions sessions) {
    this.sessions = sessions;
  }

  @GetMapping
  @Operation(summary = "Claims report", description = "Claims filtered by period, user, product, statuses, organization, role and training state,"
      + " sorted by any column, in keyset pages: pass a page's nextCursor as 'cursor' for the next.")
  PageJson<ClaimRowJson> report(@Valid @ParameterObject ClaimsParams params, HttpServletRequest request) {
    ActorSession session = sessions.open(request);
    return Wire.page(session.reports().claims(Requests.claims(params, Optional.empty())), Wire::row);
  }

  @GetMapping(value = "/export.csv", produces = "text/csv")
  @Operation(summary = "Claims report as CSV", description = "Every row the filters select (from 'cursor' on), streamed page by"
      + " page as RFC 4180 CSV; cells a spreadsheet would run as a formula start with an apostrophe.")
  void csv(@Valid @ParameterObject ClaimsParams params, HttpServletRequest request, HttpServletResponse response) throws IOException {
    ActorSession session = sessions.open(request);
    ClaimsQuery query = Requests.claims(params, Optional.of(CSV_PAGE));
    // read the first page before the response starts, so a refusal is still answered as a problem document
    session.reports().claims(Requests.claims(params.withLimit(1), Optional.empty()));
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"claims.csv\"");
    Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    ClaimsCsvExport.of(session.reports()).write(query, out);
    out.flush();
  }

  @GetMapping("/{claimId}")
  @Operation(summary = "Read a claim", description = "One claim; 404 when the tenant has none with this id or the actor may not see it.")
  ClaimJson find(@PathVariable String claimId, HttpServletRequest request) {
    ClaimId id = ClaimId.of(claimId);
    return sessions.open(request).claims().find(id).map(Wire::claim).orElseThrow(() -> new NotFoundException("claimId", id));
  }

  @PostMapping
  @Operation(summary = "Claim a license", description = "The user claims their pending license (PENDING to ACTIVE); a refusal lists"
      + " every reason (account not active, prerequisite unmet, no license assigned) and writes nothing.")
  ClaimResultJson claim(@Valid @RequestBody ClaimRequest body, HttpServletRequest request) {
    return Wire.claimResult(sessions.open(request).claims().claim(UserId.of(body.user()), ProductId.of(body.product())));
  }

  @PostMapping("/{claimId}/revoke")
  @Operation(summary = "Revoke a claim", description = "Ends a live claim and frees its seat; 409 ILLEGAL_TRANSITION when the claim"
      + " is no longer live.")
  ClaimJson revoke(@PathVariable String claimId, @Valid @RequestBody ReasonRequest body, HttpServletRequest request) {
    return Wire.claim(sessions.open(request).claims().revoke(ClaimId.of(claimId), body.reason()));
  }
}
