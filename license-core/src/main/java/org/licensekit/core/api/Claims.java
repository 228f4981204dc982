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
   * <p><b>Which revocation to use.</b> Both this method and
   * {@link Assignments#revokeProduct(UserId, ProductId, String)} end a live claim the same way
   * ({@code PENDING|ACTIVE → REVOKED}, stamped, audited, the seat freed in the same transaction).
   * Use this one when you hold a {@link ClaimId} — from a report row, an alert, reconciliation — and
   * want exactly that claim ended: it is refused ({@code ILLEGAL_TRANSITION}) when the claim is no
   * longer live, so a stale row is noticed. Use {@code revokeProduct} when you think in user ×
   * product ("take the observation tool away from Ana"): it needs no claim id, ends whatever live
   * claim the user has for the product, and does nothing when there is none. Neither takes away the
   * role or direct assignment behind the claim, and neither assigns the product again; to take a
   * product away for good from a user whose role grants it, revoke the role
   * ({@link Assignments#revokeRole}) or remove the membership instead — those revoke every claim no
   * remaining role or direct assignment justifies.
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
