package org.licensekit.spring;

import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.TenantId;

/**
 * Told of every access check the {@code @RequiresLicense} guard makes, on the request's thread;
 * keep it fast. The starter's Micrometer metrics are one; an application may add its own beans.
 */
@FunctionalInterface
public interface AccessCheckListener {

  /**
   * One access check was decided.
   *
   * @param tenant the tenant
   * @param decision the decision
   */
  void checked(TenantId tenant, AccessDecision decision);
}
