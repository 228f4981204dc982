package org.licensekit.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The default {@link LicensingPrincipalResolver} when Spring Security is present: the authenticated
 * user's name is the LicenseKit user id; the tenant is the rest of the first granted authority that
 * starts with the tenant prefix ({@code licensekit.web.tenant-authority-prefix}), else the default
 * tenant ({@code licensekit.web.default-tenant}). Anonymous and unauthenticated requests, and users
 * without a tenant, resolve to nobody.
 */
public final class SpringSecurityPrincipalResolver implements LicensingPrincipalResolver {

  private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
  private final String tenantAuthorityPrefix;
  private final Optional<TenantId> defaultTenant;

  /**
   * A resolver reading the security context.
   *
   * @param tenantAuthorityPrefix the prefix of an authority naming the tenant
   * @param defaultTenant the tenant of users without such an authority, if any
   */
  public SpringSecurityPrincipalResolver(String tenantAuthorityPrefix, Optional<TenantId> defaultTenant) {
    this.tenantAuthorityPrefix = Objects.requireNonNull(tenantAuthorityPrefix, "tenantAuthorityPrefix");
    this.defaultTenant = Objects.requireNonNull(defaultTenant, "defaultTenant");
  }

  @Override
  public Optional<LicensingPrincipal> resolve(HttpServletRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated() || trust.isAnonymous(authentication)
        || authentication.getName() == null || authentication.getName().isBlank()) {
      return Optional.empty();
    }
    Optional<TenantId> tenant = tenantOf(authentication).or(() -> defaultTenant);
    return tenant.map(t -> LicensingPrincipal.of(t, UserId.of(authentication.getName())));
  }

  private Optional<TenantId> tenantOf(Authentication authentication) {
    if (tenantAuthorityPrefix.isEmpty()) {
      return Optional.empty();
    }
    return authentication.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a != null && a.startsWith(tenantAuthorityPrefix) && a.length() > tenantAuthorityPrefix.length())
        .findFirst()
        .map(a -> TenantId.of(a.substring(tenantAuthorityPrefix.length())));
  }
}
