package org.licensekit.core.domain;

import com.google.common.collect.ImmutableSet;
import java.util.Objects;
import java.util.Set;

/** A user's place in one organization and the product-access roles held there. */
public record Membership(UserId user, OrganizationId organization, Set<RoleId> roles) {

  public Membership {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(organization, "organization");
    roles = ImmutableSet.copyOf(roles);
  }

  public static Membership of(UserId user, OrganizationId organization, Set<RoleId> roles) {
    return new Membership(user, organization, roles);
  }

  /** This membership with {@code role} added. */
  public Membership withRole(RoleId role) {
    return new Membership(user, organization, ImmutableSet.<RoleId>builder().addAll(roles).add(role).build());
  }

  /** This membership without {@code role}. */
  public Membership withoutRole(RoleId role) {
    return new Membership(
        user, organization, roles.stream().filter(r -> !r.equals(role)).collect(ImmutableSet.toImmutableSet()));
  }
}
