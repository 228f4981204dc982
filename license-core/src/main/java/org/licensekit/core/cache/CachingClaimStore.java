package org.licensekit.core.cache;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.ClaimStore;
import org.licensekit.core.spi.PoolStore;

/**
 * A user's claims cached per tenant × user. A write invalidates the claim's user: a claim never
 * changes hands (every status change keeps its user), so that user is the only one it touches.
 * Reads by claim id or by pool are not cached: they are not on the access path and would need an
 * index from claim or pool to users.
 */
final class CachingClaimStore implements ClaimStore {

  private final ClaimStore delegate;
  private final CachingTransactions tx;

  CachingClaimStore(ClaimStore delegate, CachingTransactions tx) {
    this.delegate = delegate;
    this.tx = tx;
  }

  @Override
  public boolean insertIfNoLiveClaim(TenantId tenant, LicenseClaim claim) {
    return tx.write(Scope.user(tenant, claim.user()), () -> delegate.insertIfNoLiveClaim(tenant, claim));
  }

  /** The delegate's step (through {@code seats} when it takes the default two); the claim's user and the tenant's pools are invalidated either way. */
  @Override
  public SeatedInsert insertTakingSeat(TenantId tenant, LicenseClaim claim, PoolStore seats) {
    SeatedInsert[] done = new SeatedInsert[1];
    tx.performAll(List.of(Scope.user(tenant, claim.user()), Scope.shared(tenant, Scope.Area.POOLS)),
        () -> done[0] = delegate.insertTakingSeat(tenant, claim, seats));
    return done[0];
  }

  @Override
  public void insertLive(TenantId tenant, List<LicenseClaim> claims) {
    tx.performAll(claims.stream().map(claim -> Scope.user(tenant, claim.user())).distinct().toList(),
        () -> delegate.insertLive(tenant, claims));
  }

  @Override
  public void insertLive(TenantId tenant, List<LicenseClaim> claims, Map<UserId, OrganizationId> firstOrganizations) {
    tx.performAll(claims.stream().map(claim -> Scope.user(tenant, claim.user())).distinct().toList(),
        () -> delegate.insertLive(tenant, claims, firstOrganizations));
  }

  /** Read by bulk runs inside their transaction, so never from the cache. */
  @Override
  public List<LicenseClaim> findLiveOfUsers(TenantId tenant, java.util.Collection<UserId> users,
      java.util.Collection<ProductId> products) {
    return delegate.findLiveOfUsers(tenant, users, products);
  }

  @Override
  public boolean compareAndSet(TenantId tenant, ClaimStatus expected, LicenseClaim updated) {
    return tx.write(Scope.user(tenant, updated.user()), () -> delegate.compareAndSet(tenant, expected, updated));
  }

  @Override
  public Optional<LicenseClaim> find(TenantId tenant, ClaimId id) {
    return delegate.find(tenant, id);
  }

  @Override
  public Optional<LicenseClaim> findLive(TenantId tenant, UserId user, ProductId product) {
    return tx.read(Scope.user(tenant, user), Query.of("findLive", product), () -> delegate.findLive(tenant, user, product));
  }

  @Override
  public List<LicenseClaim> listForUser(TenantId tenant, UserId user) {
    return tx.read(Scope.user(tenant, user), Query.of("claims"), () -> ImmutableList.copyOf(delegate.listForUser(tenant, user)));
  }

  @Override
  public List<LicenseClaim> listLiveForPool(TenantId tenant, PoolId pool) {
    return delegate.listLiveForPool(tenant, pool);
  }

  @Override
  public List<LicenseClaim> liveForPool(TenantId tenant, PoolId pool, Optional<ClaimId> after, int limit) {
    return delegate.liveForPool(tenant, pool, after, limit);
  }
}
