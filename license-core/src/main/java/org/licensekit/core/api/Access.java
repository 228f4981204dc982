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
}
