package org.licensekit.core.api.report;

import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * One license-count discrepancy and its proposed fix.
 *
 * @param kind what is wrong
 * @param product the product concerned
 * @param pool the pool concerned
 * @param user the user concerned, for claim-level kinds
 * @param claim the claim concerned, for claim-level kinds
 * @param description what is wrong, in words
 * @param fix how reconciliation resolves it
 */
public record Discrepancy(
    DiscrepancyKind kind,
    ProductId product,
    PoolId pool,
    Optional<UserId> user,
    Optional<ClaimId> claim,
    String description,
    ProposedFix fix) {

  public Discrepancy {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(product, "product");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(fix, "fix");
  }
}
