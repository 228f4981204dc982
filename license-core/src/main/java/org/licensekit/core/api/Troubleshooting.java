package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.UserId;

/**
 * The troubleshooter's whole answer for one user: the user's profile (the guide's first step,
 * "verify the user has the correct role assignments") and the access decision for every product.
 *
 * @param user the user
 * @param profile the user's profile; empty when no such user is registered
 * @param decisions one decision per product of the catalog, ordered by product id
 * @param seatsOutsideScope the user's live claims held from pools scoped to an organization the user
 *     no longer belongs to (the guide's "ensure they are assigned to the appropriate organizations"),
 *     in product order: the seat is not the user's to hold, and reconciliation moves it
 *     ({@link org.licensekit.core.api.report.DiscrepancyKind#CLAIM_OUTSIDE_POOL_SCOPE})
 */
public record Troubleshooting(UserId user, Optional<UserProfile> profile, List<AccessDecision> decisions,
    List<LicenseClaim> seatsOutsideScope) {

  public Troubleshooting {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(profile, "profile");
    decisions = ImmutableList.copyOf(decisions);
    seatsOutsideScope = ImmutableList.copyOf(seatsOutsideScope);
  }

  /** An answer with no seat held outside a pool's scope. */
  public Troubleshooting(UserId user, Optional<UserProfile> profile, List<AccessDecision> decisions) {
    this(user, profile, decisions, List.of());
  }

  /** The decisions that deny access. */
  public List<AccessDecision> denied() {
    return decisions.stream().filter(d -> !d.allowed()).collect(ImmutableList.toImmutableList());
  }
}
