package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * Whether a user may use a product now and, if not, every failing reason in troubleshooting order.
 *
 * @param user the user checked
 * @param product the product checked
 * @param reasons every failing condition; empty when access is allowed
 * @param claim the claim the decision looked at, if any
 */
public record AccessDecision(UserId user, ProductId product, List<AccessDenial> reasons, Optional<ClaimId> claim) {

  public AccessDecision {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(product, "product");
    reasons = ImmutableList.copyOf(reasons);
    Objects.requireNonNull(claim, "claim");
  }

  /** Whether every condition holds. */
  public boolean allowed() {
    return reasons.isEmpty();
  }

  /** Whether {@code reason} is among the failing conditions. */
  public boolean deniedBecause(DenialReason reason) {
    return reasons.stream().anyMatch(d -> d.reason() == reason);
  }

  /** The failing reasons alone, in order. */
  public List<DenialReason> reasonCodes() {
    return reasons.stream().map(AccessDenial::reason).collect(ImmutableList.toImmutableList());
  }
}
