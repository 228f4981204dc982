package org.licensekit.core.internal.claims;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Grants;
import org.licensekit.core.policy.AccessFacts;
import org.licensekit.core.spi.LicenseStore;

/** Gathers what the access decision for one user and product looks at. */
public final class AccessFactsLoader {

  private final LicenseStore store;
  private final TenantId tenant;

  public AccessFactsLoader(LicenseStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
  }

  public AccessFacts load(UserId user, ProductId product, Instant now) {
    Optional<LicenseClaim> claim = store.claims().findLive(tenant, user, product)
        .or(() -> store.claims().listForUser(tenant, user).stream()
            .filter(c -> c.product().equals(product))
            .max(Comparator.comparing(LicenseClaim::assignedAt)));
    return AccessFacts.builder()
        .userId(user)
        .productId(product)
        .user(store.directory().findUser(tenant, user))
        .product(store.catalog().findProduct(tenant, product))
        .memberships(store.directory().membershipsOf(tenant, user))
        .roles(Grants.load(store, tenant).roles())
        .training(store.training().listForUser(tenant, user))
        .trainingAssignments(store.training().assignmentsOf(tenant, user))
        .claim(claim)
        .pool(claim.flatMap(c -> store.pools().find(tenant, c.pool())).map(PoolUsage::pool))
        .now(now)
        .build();
  }
}
