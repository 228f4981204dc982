package org.licensekit.core.api;

import java.util.List;
import java.util.Set;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserId;

/**
 * Product assignment through roles (the guide's role boxes) and directly. Assigning makes a pending
 * claim holding a seat; revoking a role keeps every claim another role or a direct assignment still
 * justifies.
 */
public interface Assignments {

  /** Adds the user to the organization with the given roles and assigns the products they grant. */
  AssignmentResult addToOrganization(UserId user, OrganizationId organization, Set<RoleId> roles);

  /** Removes the membership; claims no remaining role justifies are revoked. */
  List<LicenseClaim> removeFromOrganization(UserId user, OrganizationId organization, String reason);

  /** Grants a role in an organization (adding the membership if needed) and assigns its products. */
  AssignmentResult assignRole(UserId user, OrganizationId organization, RoleId role);

  /** Takes a role away; returns the claims revoked because nothing else justifies them. */
  List<LicenseClaim> revokeRole(UserId user, OrganizationId organization, RoleId role, String reason);

  /** Assigns a product directly, without a role. */
  AssignmentResult assignProduct(UserId user, ProductId product, String reason);

  /** Revokes the user's live claim for the product, if any; returns it. */
  List<LicenseClaim> revokeProduct(UserId user, ProductId product, String reason);
}
