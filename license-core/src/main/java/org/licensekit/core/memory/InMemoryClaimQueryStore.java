package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.ClaimQueryStore;
import org.licensekit.core.spi.ClaimStore;
import org.licensekit.core.spi.PoolStore;

/** Lifecycle claim queries over the in-memory pools and claims: every live claim sits in some pool. */
final class InMemoryClaimQueryStore implements ClaimQueryStore {

  private final InMemoryTransactions tx;
  private final PoolStore pools;
  private final ClaimStore claims;

  InMemoryClaimQueryStore(InMemoryTransactions tx, PoolStore pools, ClaimStore claims) {
    this.tx = tx;
    this.pools = pools;
    this.claims = claims;
  }

  @Override
  public List<LicenseClaim> findDueForExpiry(TenantId tenant, Instant now, Optional<ClaimId> after, int limit) {
    return liveClaims(tenant, after, limit, (claim, pool) ->
        claim.expiredAt(now) || pool.pool().term().endedAt(now));
  }

  @Override
  public List<LicenseClaim> findPendingAssignedBefore(TenantId tenant, Instant assignedAtOrBefore, Optional<ClaimId> after, int limit) {
    return liveClaims(tenant, after, limit, (claim, pool) ->
        claim.status() == ClaimStatus.PENDING && !claim.assignedAt().isAfter(assignedAtOrBefore));
  }

  private List<LicenseClaim> liveClaims(TenantId tenant, Optional<ClaimId> after, int limit,
      BiPredicate<LicenseClaim, PoolUsage> due) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return tx.read(() -> pools.list(tenant).stream()
        .flatMap(pool -> claims.listLiveForPool(tenant, pool.pool().id()).stream().filter(claim -> due.test(claim, pool)))
        .filter(claim -> after.map(a -> claim.id().compareTo(a) > 0).orElse(true))
        .sorted(Comparator.comparing(LicenseClaim::id))
        .limit(limit)
        .collect(ImmutableList.toImmutableList()));
  }
}
