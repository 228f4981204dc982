package org.licensekit.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Says which tenant and user a web request is for. The application provides one as a bean; when it
 * does not and Spring Security is present, the starter's default reads the authenticated user's
 * name as the user id and the tenant from an authority or {@code licensekit.web.default-tenant}.
 */
@FunctionalInterface
public interface LicensingPrincipalResolver {

  /**
   * The principal of {@code request}.
   *
   * @param request the current request
   * @return the principal, or empty when the request is for nobody LicenseKit can check (the guard
   *     then answers 403)
   */
  Optional<LicensingPrincipal> resolve(HttpServletRequest request);
}
