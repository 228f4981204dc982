package org.licensekit.core.api;

import java.util.List;
import java.util.Set;
import org.licensekit.core.domain.ClaimId;
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

  /**
   * Adds the user to the organization with the given roles and assigns the products they grant.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not assign products to this user
   * @throws org.licensekit.core.NotFoundException naming the user, organization or role when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code USER_ARCHIVED} or {@code USER_SUSPENDED} when the user may not be given products now
   */
  AssignmentResult addToOrganization(UserId user, OrganizationId organization, Set<RoleId> roles);

  /**
   * Removes the membership; claims no remaining role justifies are revoked, and so is a seat from a
   * pool scoped to an organization the user no longer belongs to (the organization left, or one of
   * its ancestors): the product is then assigned again from a pool that serves the user when a
   * role or a direct assignment still justifies it. Returns the claims revoked.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not assign products to this user
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.ConflictException {@code NOT_A_MEMBER} when the user is not in the organization
   */
  List<LicenseClaim> removeFromOrganization(UserId user, OrganizationId organization, String reason);

  /**
   * Grants a role in an organization (adding the membership if needed) and assigns its products.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not assign products to this user
   * @throws org.licensekit.core.NotFoundException naming the user, organization or role when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code USER_ARCHIVED} or {@code USER_SUSPENDED} when the user may not be given products now
   */
  AssignmentResult assignRole(UserId user, OrganizationId organization, RoleId role);

  /**
   * Takes a role away; returns the claims revoked because nothing else justifies them.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not assign products to this user
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.ConflictException {@code ROLE_NOT_HELD} when the user does not hold the role there
   */
  List<LicenseClaim> revokeRole(UserId user, OrganizationId organization, RoleId role, String reason);

  /**
   * Assigns a product directly, without a role.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not assign products to this user
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming the user or product when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code USER_ARCHIVED} or {@code USER_SUSPENDED} when the user may not be given products now
   */
  AssignmentResult assignProduct(UserId user, ProductId product, String reason);

  /**
   * Revokes the user's live claim for the product, if any; returns it (an empty list when the user
   * holds no live claim for the product: calling it twice is harmless).
   *
   * <p>Use this when you think in user × product; use {@link Claims#revoke(ClaimId, String)} when
   * you hold the id of one claim and want a no-longer-live claim refused. Both end the claim the
   * same way; neither removes the role that granted the product, so to take a role-granted product
   * away for good use {@link #revokeRole} or {@link #removeFromOrganization}. See
   * {@link Claims#revoke(ClaimId, String)} for the whole comparison.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not assign products to this user
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming the user or product when it does not exist in this tenant
   */
  List<LicenseClaim> revokeProduct(UserId user, ProductId product, String reason);
}
