package org.licensekit.core.api;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/** The claim lifecycle: users claim their pending licenses; administrators revoke. */
public interface Claims {

  /**
   * The user claims their pending license for the product: {@code PENDING → ACTIVE}. Refused, with
   * every reason, while the account is not active, a prerequisite is unmet or no license is assigned.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not claim for this user (a user claims only their own licenses)
   */
  ClaimResult claim(UserId user, ProductId product);

  /**
   * Revokes a live claim and frees its seat.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not revoke claims
   * @throws org.licensekit.core.InvalidInputException naming {@code reason} when it is blank
   * @throws org.licensekit.core.NotFoundException naming {@code claimId} when it does not exist in this tenant
   * @throws org.licensekit.core.ConflictException {@code ILLEGAL_TRANSITION} when the claim is no longer live, or {@code CLAIM_CHANGED_CONCURRENTLY} when it changed meanwhile
   */
  LicenseClaim revoke(ClaimId claim, String reason);

  /**
   * The claim, when it exists and the actor may see it (a user sees only their own).
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read claims
   */
  Optional<LicenseClaim> find(ClaimId claim);

  /**
   * The user's claims, newest first.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not read this user's claims
   */
  List<LicenseClaim> ofUser(UserId user);
}
