package org.licensekit.spring.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.licensekit.spring.admin.json.AuditEntryJson;
import org.licensekit.spring.admin.json.AuditParams;
import org.licensekit.spring.admin.json.AuditVerificationJson;
import org.licensekit.spring.admin.json.CountJson;
import org.licensekit.spring.admin.json.PageJson;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(Routes.BASE + "/audit")
@Tag(name = "Audit", description = "The audit trail: who changed what, when and why; its count; and its hash chain verified.")
final class AuditController {

  private final AdminSessions sessions;

  AuditController(AdminSessions sessions) {
    this.sessions = sessions;
  }

  @GetMapping
  @Operation(summary = "Audit entries", description = "Entries newest first in pages; pass a page's nextCursor as 'cursor' for older ones.")
  PageJson<AuditEntryJson> page(@Valid @ParameterObject AuditParams params, HttpServletRequest request) {
    return Wire.page(sessions.open(request).audit().page(Requests.audit(params)), Wire::audit);
  }

  @GetMapping("/count")
  @Operation(summary = "Count audit entries", description = "How many entries the same filters select (limit and cursor ignored).")
  CountJson count(@Valid @ParameterObject AuditParams params, HttpServletRequest request) {
    AuditParams all = new AuditParams(params.user(), params.subject(), params.action(), params.from(), params.to(), null, null);
    return new CountJson(sessions.open(request).audit().count(Requests.audit(all)));
  }

  @GetMapping("/verify")
  @Operation(summary = "Verify the audit chain", description = "Re-computes every entry's hash and link; names the first break.")
  AuditVerificationJson verify(HttpServletRequest request) {
    return Wire.verification(sessions.open(request).audit().verify());
  }
}
