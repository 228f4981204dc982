package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import org.licensekit.core.domain.Organization;

/**
 * A user's membership of one organization, with the roles held there.
 *
 * @param organization the organization
 * @param roles the roles held there, ordered by role id
 */
public record OrganizationRoles(Organization organization, List<RoleHolding> roles) {

  public OrganizationRoles {
    Objects.requireNonNull(organization, "organization");
    roles = ImmutableList.copyOf(roles);
  }
}
