package org.licensekit.spring.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.Licensing;
import org.licensekit.spring.web.LicensingPrincipal;
import org.licensekit.spring.web.LicensingPrincipalResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Opens the session each admin API request runs in: the tenant and actor the application's
 * {@link LicensingPrincipalResolver} returns. A request nobody is resolved for is refused before
 * anything is read or written.
 */
final class AdminSessions {

  private static final Logger log = LoggerFactory.getLogger(AdminSessions.class);

  private final Licensing licensing;
  private final ObjectProvider<LicensingPrincipalResolver> resolvers;

  AdminSessions(Licensing licensing, ObjectProvider<LicensingPrincipalResolver> resolvers) {
    this.licensing = Objects.requireNonNull(licensing, "licensing");
    this.resolvers = Objects.requireNonNull(resolvers, "resolvers");
  }

  /** The session of {@code request}'s principal; throws {@link UnknownPrincipalException} when there is none. */
  ActorSession open(HttpServletRequest request) {
    LicensingPrincipal principal = principal(request);
    return licensing.tenant(principal.tenant()).as(principal.actor());
  }

  /** The principal of {@code request}; throws {@link UnknownPrincipalException} when there is none. */
  LicensingPrincipal principal(HttpServletRequest request) {
    Object cached = request.getAttribute(AdminSessions.class.getName());
    if (cached instanceof LicensingPrincipal principal) {
      return principal;
    }
    Optional<LicensingPrincipal> principal;
    try {
      principal = Optional.ofNullable(resolvers.getIfUnique()).flatMap(r -> r.resolve(request));
    } catch (InvalidInputException e) {
      // a sign-in name that is no valid LicenseKit id: nobody LicenseKit knows
      log.debug("No LicenseKit principal for {}: {}", request.getRequestURI(), e.getMessage());
      principal = Optional.empty();
    }
    LicensingPrincipal found = principal.orElseThrow(UnknownPrincipalException::new);
    request.setAttribute(AdminSessions.class.getName(), found);
    return found;
  }
}
