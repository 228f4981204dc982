package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.ClaimStore;

/**
 * License claims in memory, with an index of each user's claims so the one-live-claim check and the
 * user's list never scan the whole tenant.
 */
final class InMemoryClaimStore implements ClaimStore {

  private static final Comparator<LicenseClaim> OLDEST_FIRST =
      Comparator.comparing(LicenseClaim::assignedAt).thenComparing(LicenseClaim::id);
  private static final Comparator<LicenseClaim> NEWEST_FIRST =
      Comparator.comparing(LicenseClaim::assignedAt).reversed().thenComparing(LicenseClaim::id);

  private final InMemoryTransactions tx;
  private final TenantTable<ClaimId, LicenseClaim> claims;
  private final TenantTable<UserId, ImmutableSet<ClaimId>> claimsByUser;

  InMemoryClaimStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.claims = new TenantTable<>(tx);
    this.claimsByUser = new TenantTable<>(tx);
  }

  @Override
  public boolean insertIfNoLiveClaim(TenantId tenant, LicenseClaim claim) {
    return tx.write(() -> {
      if (liveClaim(tenant, claim.user(), claim.product()).isPresent()) {
        return false;
      }
      if (claims.contains(tenant, claim.id())) {
        throw new ConflictException(ErrorCode.DUPLICATE_CLAIM, "A claim with id '" + claim.id() + "' exists already");
      }
      claims.put(tenant, claim.id(), claim);
      index(tenant, claim.user(), claim.id());
      return true;
    });
  }

  @Override
  public boolean compareAndSet(TenantId tenant, ClaimStatus expected, LicenseClaim updated) {
    return tx.write(() -> {
      Optional<LicenseClaim> stored = claims.get(tenant, updated.id());
      if (stored.isEmpty() || stored.get().status() != expected || stored.get().version() != updated.version()) {
        return false;
      }
      LicenseClaim current = stored.get();
      if (updated.live() && liveClaim(tenant, updated.user(), updated.product())
          .filter(other -> !other.id().equals(updated.id())).isPresent()) {
        throw new ConflictException(ErrorCode.DUPLICATE_LIVE_CLAIM,
            "User '" + updated.user() + "' already holds a live claim for product '" + updated.product() + "'");
      }
      claims.put(tenant, updated.id(), updated.nextVersion());
      if (!current.user().equals(updated.user())) {
        unindex(tenant, current.user(), current.id());
        index(tenant, updated.user(), updated.id());
      }
      return true;
    });
  }

  @Override
  public Optional<LicenseClaim> find(TenantId tenant, ClaimId id) {
    return tx.read(() -> claims.get(tenant, id));
  }

  @Override
  public Optional<LicenseClaim> findLive(TenantId tenant, UserId user, ProductId product) {
    return tx.read(() -> liveClaim(tenant, user, product));
  }

  @Override
  public List<LicenseClaim> listForUser(TenantId tenant, UserId user) {
    return tx.read(() -> claimsOf(tenant, user).stream().sorted(NEWEST_FIRST).collect(ImmutableList.toImmutableList()));
  }

  @Override
  public List<LicenseClaim> listLiveForPool(TenantId tenant, PoolId pool) {
    return tx.read(() -> claims.select(tenant, c -> c.live() && c.pool().equals(pool), OLDEST_FIRST));
  }

  @Override
  public List<LicenseClaim> liveForPool(TenantId tenant, PoolId pool, Optional<ClaimId> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return tx.read(() -> claims.streamAfter(tenant, after).filter(c -> c.live() && c.pool().equals(pool))
        .limit(limit).collect(ImmutableList.toImmutableList()));
  }

  private Optional<LicenseClaim> liveClaim(TenantId tenant, UserId user, ProductId product) {
    return claimsOf(tenant, user).stream().filter(c -> c.live() && c.product().equals(product)).findFirst();
  }

  private List<LicenseClaim> claimsOf(TenantId tenant, UserId user) {
    return claimsByUser.get(tenant, user).orElse(ImmutableSet.of()).stream()
        .map(id -> claims.get(tenant, id).orElseThrow())
        .toList();
  }

  private void index(TenantId tenant, UserId user, ClaimId claim) {
    ImmutableSet<ClaimId> ids = claimsByUser.get(tenant, user).orElse(ImmutableSet.of());
    claimsByUser.put(tenant, user, ImmutableSet.<ClaimId>builder().addAll(ids).add(claim).build());
  }

  private void unindex(TenantId tenant, UserId user, ClaimId claim) {
    ImmutableSet<ClaimId> ids = claimsByUser.get(tenant, user).orElse(ImmutableSet.of());
    ImmutableSet<ClaimId> remaining = ids.stream().filter(id -> !id.equals(claim)).collect(ImmutableSet.toImmutableSet());
    if (remaining.isEmpty()) {
      claimsByUser.remove(tenant, user);
    } else {
      claimsByUser.put(tenant, user, remaining);
    }
  }

  /** Every claim of the tenant in id order, for the report stores; callers hold the store lock. */
  List<LicenseClaim> all(TenantId tenant) {
    return claims.values(tenant);
  }

  /** The rows, for {@link InMemoryPersonalDataStore}; callers hold the store lock. */
  TenantTable<ClaimId, LicenseClaim> claimsTable() {
    return claims;
  }
}
