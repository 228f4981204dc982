package org.licensekit.spring.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.licensekit.core.ActorSession;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.Troubleshooting;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.spring.admin.json.CatalogJson;
import org.licensekit.spring.admin.json.Ids;
import org.licensekit.spring.admin.json.TroubleshootingJson;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(Routes.BASE)
@Tag(name = "Troubleshooting and catalog", description = "Why a user cannot use a product, and the catalog front-ends pick from.")
final class AccessController {

  private final AdminSessions sessions;

  AccessController(AdminSessions sessions) {
    this.sessions = sessions;
  }

  @GetMapping("/troubleshoot/{userId}")
  @Operation(summary = "Explain access", description = "The troubleshooter: the user's profile and, for every product of the catalog"
      + " (or only 'product'), whether access is allowed and every failing check in the guide's order with a hint. Reads only.")
  TroubleshootingJson explain(@PathVariable String userId,
      @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN, message = Ids.PROBLEM) String product,
      HttpServletRequest request) {
    Troubleshooting t = sessions.open(request).access().troubleshoot(UserId.of(userId));
    List<AccessDecision> decisions = product == null ? t.decisions()
        : t.decisions().stream().filter(d -> d.product().equals(ProductId.of(product))).toList();
    return Wire.troubleshooting(t, decisions);
  }

  @GetMapping("/catalog")
  @Operation(summary = "Catalog", description = "Products, roles with the products each grants, job profiles and organizations.")
  CatalogJson catalog(HttpServletRequest request) {
    ActorSession session = sessions.open(request);
    return new CatalogJson(
        session.catalog().products().stream().map(p -> new CatalogJson.ProductJson(p.id().value(), p.name(), p.type().name())).toList(),
        session.catalog().roles().stream().map(r -> new CatalogJson.RoleJson(r.id().value(), r.name(),
            r.grants().stream().map(Object::toString).sorted().toList())).toList(),
        session.catalog().jobProfiles().stream().map(j -> new CatalogJson.JobProfileJson(j.id().value(), j.name(),
            j.roles().stream().map(Object::toString).sorted().toList())).toList(),
        session.users().organizations().stream().map(o -> new CatalogJson.OrganizationJson(o.id().value(), o.name(),
            Wire.text(o.parent()))).toList());
  }
}
