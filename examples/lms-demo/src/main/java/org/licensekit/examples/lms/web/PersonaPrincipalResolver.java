package org.licensekit.examples.lms.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.licensekit.core.TenantLicensing;
import org.licensekit.spring.web.LicensingPrincipal;
import org.licensekit.spring.web.LicensingPrincipalResolver;
import org.springframework.stereotype.Component;

/**
 * Tells the starter's guard who a request is for: the persona chosen with "act as", when that
 * persona is an LMS user (the administrator and the reporter are not, so the guard refuses them).
 */
@Component
class PersonaPrincipalResolver implements LicensingPrincipalResolver {

  private final Console console;
  private final TenantLicensing district;

  PersonaPrincipalResolver(Console console, TenantLicensing district) {
    this.console = console;
    this.district = district;
  }

  @Override
  public Optional<LicensingPrincipal> resolve(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return Optional.empty();
    }
    return console.persona(session).user().map(user -> LicensingPrincipal.of(district.tenant(), user));
  }
}
