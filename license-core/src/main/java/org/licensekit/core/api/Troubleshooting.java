package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.UserId;

/**
 * The troubleshooter's whole answer for one user: the user's profile (the guide's first step,
 * "verify the user has the correct role assignments") and the access decision for every product.
 *
 * @param user the user
 * @param profile the user's profile; empty when no such user is registered
 * @param decisions one decision per product of the catalog, ordered by product id
 */
public record Troubleshooting(UserId user, Optional<UserProfile> profile, List<AccessDecision> decisions) {

  public Troubleshooting {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(profile, "profile");
    decisions = ImmutableList.copyOf(decisions);
  }

  /** The decisions that deny access. */
  public List<AccessDecision> denied() {
    return decisions.stream().filter(d -> !d.allowed()).collect(ImmutableList.toImmutableList());
  }
}
