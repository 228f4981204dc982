package org.licensekit.spring.web;

import java.util.Objects;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * Who a web request is for: the tenant, the LicenseKit user whose access is checked, and the actor
 * operations run as (usually the user acting for themself).
 *
 * @param tenant the user's tenant
 * @param user the user whose licenses count
 * @param actor who performs operations made for this request
 */
public record LicensingPrincipal(TenantId tenant, UserId user, Actor actor) {

  /**
   * A principal.
   *
   * @throws NullPointerException when a component is null
   */
  public LicensingPrincipal {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(actor, "actor");
  }

  /**
   * A user of a tenant acting for themself.
   *
   * @param tenant the tenant
   * @param user the user
   * @return the principal
   */
  public static LicensingPrincipal of(TenantId tenant, UserId user) {
    return new LicensingPrincipal(tenant, user, Actor.user(user));
  }
}
