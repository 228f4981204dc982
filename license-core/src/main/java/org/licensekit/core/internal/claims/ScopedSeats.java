package org.licensekit.core.internal.claims;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.PoolScopes;
import org.licensekit.core.spi.LicenseStore;

/**
 * Reads one user's seats held from pools that no longer serve them ({@link PoolScopes}): for the
 * command that moves them after the user leaves an organization, and for the troubleshooter.
 */
public final class ScopedSeats {

  private final LicenseStore store;
  private final TenantId tenant;

  public ScopedSeats(LicenseStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
  }

  /**
   * The user's live claims whose pool's organization scope the user does not reach, in product
   * order. The organizations are read only when a live claim's pool has a scope.
   */
  public List<LicenseClaim> outsideScope(UserId user) {
    List<LicenseClaim> live = store.claims().listForUser(tenant, user).stream().filter(LicenseClaim::live).toList();
    Map<PoolId, Optional<OrganizationId>> scopes = new HashMap<>();
    for (LicenseClaim claim : live) {
      scopes.computeIfAbsent(claim.pool(), pool -> store.pools().find(tenant, pool).flatMap(usage -> usage.pool().scope()));
    }
    if (scopes.values().stream().noneMatch(Optional::isPresent)) {
      return List.of();
    }
    return PoolScopes.outside(live, scopes::get, new ClaimWriter(store, tenant).organizationsOf(user));
  }
}
