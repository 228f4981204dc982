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
   */
  ClaimResult claim(UserId user, ProductId product);

  /** Revokes a live claim and frees its seat. */
  LicenseClaim revoke(ClaimId claim, String reason);

  Optional<LicenseClaim> find(ClaimId claim);

  /** The user's claims, newest first. */
  List<LicenseClaim> ofUser(UserId user);
}
