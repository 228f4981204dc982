package org.licensekit.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

class SpringSecurityPrincipalResolverTest {

  private final MockHttpServletRequest request = new MockHttpServletRequest();

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  private static void signIn(String name, String... authorities) {
    SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, "n/a",
        java.util.Arrays.stream(authorities).map(SimpleGrantedAuthority::new).toList()));
  }

  @Test
  void theTenantAuthorityNamesTheTenantAndTheUserNameTheUser() {
    signIn("ana", "ROLE_TEACHER", "LICENSEKIT_TENANT_district-42");
    var resolver = new SpringSecurityPrincipalResolver("LICENSEKIT_TENANT_", Optional.of(TenantId.of("fallback")));
    assertThat(resolver.resolve(request)).contains(
        new LicensingPrincipal(TenantId.of("district-42"), UserId.of("ana"), Actor.user(UserId.of("ana"))));
  }

  @Test
  void withoutATenantAuthorityTheDefaultTenantApplies() {
    signIn("ana", "ROLE_TEACHER");
    var resolver = new SpringSecurityPrincipalResolver("LICENSEKIT_TENANT_", Optional.of(TenantId.of("fallback")));
    assertThat(resolver.resolve(request)).map(LicensingPrincipal::tenant).contains(TenantId.of("fallback"));
  }

  @Test
  void nobodyWithoutATenantOrWhenAnonymousOrSignedOut() {
    var resolver = new SpringSecurityPrincipalResolver("LICENSEKIT_TENANT_", Optional.empty());
    assertThat(resolver.resolve(request)).isEmpty();
    signIn("ana", "ROLE_TEACHER");
    assertThat(resolver.resolve(request)).isEmpty();
    SecurityContextHolder.getContext().setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
        List.of(new SimpleGrantedAuthority("LICENSEKIT_TENANT_district-42"))));
    assertThat(resolver.resolve(request)).isEmpty();
  }
}
