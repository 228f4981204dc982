package org.licensekit.spring.admin;

import java.util.Optional;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ActorKind;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.spring.web.LicensingPrincipal;
import org.licensekit.spring.web.LicensingPrincipalResolver;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A host application for the tests: its principal resolver reads the tenant from {@code X-Tenant}
 * and the actor from {@code X-Actor} ({@code admin:<id>}, {@code reporter:<id>} or {@code user:<id>}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class AdminApiTestApp {

  @Bean
  LicensingPrincipalResolver principals() {
    return request -> {
      String tenant = request.getHeader("X-Tenant");
      String actor = request.getHeader("X-Actor");
      if (tenant == null || actor == null || !actor.contains(":")) {
        return Optional.empty();
      }
      String kind = actor.substring(0, actor.indexOf(':'));
      String id = actor.substring(actor.indexOf(':') + 1);
      Actor who = switch (kind) {
        case "admin" -> new Actor(ActorKind.SYSTEM_ADMINISTRATOR, id);
        case "reporter" -> new Actor(ActorKind.REPORTER, id);
        default -> Actor.user(UserId.of(id));
      };
      UserId user = who.userId().orElse(UserId.of(id));
      return Optional.of(new LicensingPrincipal(TenantId.of(tenant), user, who));
    };
  }
}
