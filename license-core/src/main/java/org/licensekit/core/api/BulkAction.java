package org.licensekit.core.api;

import com.google.common.collect.ImmutableSortedSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;

/**
 * What a bulk request does to each selected user. Each action, per user, either changes the user
 * whole ({@link UserOutcome.Kind#DONE}), finds nothing to change ({@code ALREADY}), or is refused
 * with a reason and changes nothing for that user ({@code REFUSED}).
 */
public sealed interface BulkAction {

  /** A canonical text of the action (sets sorted), part of the request fingerprint. */
  String canonical();

  /** Grants roles in an organization (adding the membership if needed) and assigns their products. */
  static BulkAction grantRoles(OrganizationId organization, Set<RoleId> roles) {
    return new GrantRoles(organization, roles);
  }

  /** The guide's "Change Organizations": adds, removes or replaces memberships with their roles. */
  static BulkAction changeOrganizations(MembershipChange change, Set<OrganizationId> organizations, Set<RoleId> roles) {
    return new ChangeOrganizations(change, organizations, roles);
  }

  /** Revokes each user's live claim for the product. */
  static BulkAction revokeProduct(ProductId product) {
    return new RevokeProduct(product);
  }

  /** Takes a role away in every membership (or only in {@code organization}). */
  static BulkAction revokeRole(RoleId role, Optional<OrganizationId> organization) {
    return new RevokeRole(role, organization);
  }

  /** Suspends, reactivates or archives the accounts. */
  static BulkAction changeStatus(StatusChange change) {
    return new ChangeStatus(change);
  }

  /** Offboards departing users: removes every membership, revokes every claim, archives. */
  static BulkAction offboard() {
    return new Offboard();
  }

  /** How {@link ChangeOrganizations} treats the user's memberships. */
  enum MembershipChange {
    /** Adds the user to each organization with the roles (keeping roles held there already). */
    ADD,
    /**
     * Removes the user from each organization; claims no remaining role justifies are revoked, and
     * seats of pools scoped to organizations the user no longer belongs to are moved as
     * {@link org.licensekit.core.api.Assignments#removeFromOrganization} moves them.
     */
    REMOVE,
    /**
     * Makes the user's memberships exactly these organizations with exactly these roles; other
     * memberships go, claims no remaining role justifies are revoked, and seats of pools scoped to
     * organizations left are moved as {@link org.licensekit.core.api.Assignments#removeFromOrganization}
     * moves them. A user refused for want
     * of a seat in the new organizations keeps their memberships and, unlike the other actions,
     * is not queued: the queue would serve them from the pools of the organizations they were to
     * leave.
     */
    REPLACE
  }

  /** The account status changes {@link ChangeStatus} can make. */
  enum StatusChange {
    SUSPEND,
    REACTIVATE,
    ARCHIVE
  }

  /** See {@link BulkAction#grantRoles}. */
  record GrantRoles(OrganizationId organization, Set<RoleId> roles) implements BulkAction {
    public GrantRoles {
      Objects.requireNonNull(organization, "organization");
      roles = ImmutableSortedSet.copyOf(roles);
      if (roles.isEmpty()) {
        throw InvalidInputException.of("action.roles", "must name at least one role");
      }
    }

    @Override
    public String canonical() {
      return "grantRoles(" + organization + ";" + join(roles) + ")";
    }
  }

  /** See {@link BulkAction#changeOrganizations}. */
  record ChangeOrganizations(MembershipChange change, Set<OrganizationId> organizations, Set<RoleId> roles) implements BulkAction {
    public ChangeOrganizations {
      Objects.requireNonNull(change, "change");
      organizations = ImmutableSortedSet.copyOf(organizations);
      roles = ImmutableSortedSet.copyOf(roles);
      if (organizations.isEmpty()) {
        throw InvalidInputException.of("action.organizations", "must name at least one organization");
      }
      if (change == MembershipChange.REMOVE && !roles.isEmpty()) {
        throw InvalidInputException.of("action.roles", "must be empty when removing memberships");
      }
    }

    @Override
    public String canonical() {
      return "changeOrganizations(" + change + ";" + join(organizations) + ";" + join(roles) + ")";
    }
  }

  /** See {@link BulkAction#revokeProduct}. */
  record RevokeProduct(ProductId product) implements BulkAction {
    public RevokeProduct {
      Objects.requireNonNull(product, "product");
    }

    @Override
    public String canonical() {
      return "revokeProduct(" + product + ")";
    }
  }

  /** See {@link BulkAction#revokeRole}. */
  record RevokeRole(RoleId role, Optional<OrganizationId> organization) implements BulkAction {
    public RevokeRole {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(organization, "organization");
    }

    @Override
    public String canonical() {
      return "revokeRole(" + role + ";" + organization.map(Object::toString).orElse("*") + ")";
    }
  }

  /** See {@link BulkAction#changeStatus}. */
  record ChangeStatus(StatusChange change) implements BulkAction {
    public ChangeStatus {
      Objects.requireNonNull(change, "change");
    }

    @Override
    public String canonical() {
      return "changeStatus(" + change + ")";
    }
  }

  /** See {@link BulkAction#offboard}. */
  record Offboard() implements BulkAction {
    @Override
    public String canonical() {
      return "offboard()";
    }
  }

  private static String join(Set<?> values) {
    return values.stream().map(Object::toString).collect(Collectors.joining(","));
  }
}
