package org.licensekit.core.api;

import java.util.List;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/** "May this user use this product now?" and, when not, why — the guide's troubleshooter. */
public interface Access {

  /**
   * Decides access now. When the tenant setting {@code claimOnFirstAccess} is on and the only thing
   * missing is that the claim is still pending, the claim is activated and access allowed.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not check this user's access
   */
  AccessDecision check(UserId user, ProductId product);

  /**
   * The decision for every product of the catalog, for troubleshooting one user.
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not check this user's access
   */
  List<AccessDecision> explain(UserId user);

  /**
   * The troubleshooter's whole answer: the user's {@linkplain UserProfile profile} (organizations,
   * roles and where each came from, claims, training) and the decision for every product of the
   * catalog. For a user who is not registered the profile is empty and every decision names
   * {@code UNKNOWN_USER}. Seats the user holds from pools scoped to an organization they no longer
   * belong to are listed apart ({@link Troubleshooting#seatsOutsideScope()}).
   *
   * @throws org.licensekit.core.NotAuthorizedException when the actor may not check this user's access
   */
  Troubleshooting troubleshoot(UserId user);
}
