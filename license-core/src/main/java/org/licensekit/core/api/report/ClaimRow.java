package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * One line of the claims report: who holds (or held) which product, from which pool, and when.
 *
 * @param claim the claim's id
 * @param user the user's id
 * @param userName the user's name
 * @param email the user's e-mail address (contact details for reminders)
 * @param product the product's id
 * @param organizations the user's organizations now, ordered by id
 * @param status the claim's status
 * @param pool the pool whose seat the claim holds or held
 * @param assignedAt when the product was assigned
 * @param claimedAt when the user claimed it, if they did
 * @param expiresAt when an active claim stops being valid
 */
public record ClaimRow(
    ClaimId claim,
    UserId user,
    String userName,
    String email,
    ProductId product,
    List<OrganizationId> organizations,
    ClaimStatus status,
    PoolId pool,
    Instant assignedAt,
    Optional<Instant> claimedAt,
    Optional<Instant> expiresAt) {

  public ClaimRow {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(product, "product");
    organizations = ImmutableList.sortedCopyOf(organizations);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(assignedAt, "assignedAt");
    Objects.requireNonNull(claimedAt, "claimedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
