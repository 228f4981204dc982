package org.licensekit.core.internal.reports;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.claims.PoolClaimPages;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.policy.PoolScopes;
import org.licensekit.core.spi.LicenseStore;

/**
 * Reconciliation's finder for seats held from pools that no longer serve their holder
 * ({@link PoolScopes}). It needs no query of its own from a store: it walks the live claims of the
 * pools scoped to an organization, a page at a time, and reads the memberships of each page's users
 * in one call, so it behaves the same on every store (an adapter a host writes included).
 */
final class ClaimsOutsideScope {

  private static final Comparator<LicenseClaim> OLDEST_FIRST =
      Comparator.comparing(LicenseClaim::assignedAt).thenComparing(LicenseClaim::id);

  private ClaimsOutsideScope() {}

  /** The live claims whose pool's scope their holder does not reach, oldest assigned first, at most {@code limit}. */
  static List<LicenseClaim> find(LicenseStore store, TenantId tenant, int pageSize, int limit) {
    List<PoolUsage> scoped = store.pools().list(tenant).stream().filter(usage -> usage.pool().scope().isPresent()).toList();
    if (scoped.isEmpty()) {
      return List.of();
    }
    OrganizationTree tree = OrganizationTree.of(store.directory().listOrganizations(tenant));
    List<LicenseClaim> found = new ArrayList<>();
    for (PoolUsage usage : scoped) {
      PoolClaimPages.forEach(store, tenant, usage.pool().id(), pageSize, page -> {
        Map<UserId, List<Membership>> memberships = store.directory().membershipsOfUsers(tenant,
            page.stream().map(LicenseClaim::user).distinct().toList());
        Map<UserId, Set<OrganizationId>> reach = new HashMap<>();
        for (LicenseClaim claim : page) {
          Set<OrganizationId> reachable = reach.computeIfAbsent(claim.user(), user -> tree.withAncestors(
              memberships.getOrDefault(user, List.of()).stream().map(Membership::organization).toList()));
          if (!PoolScopes.serves(usage.pool().scope(), reachable)) {
            found.add(claim);
          }
        }
      });
    }
    return found.stream().sorted(OLDEST_FIRST).limit(limit).collect(ImmutableList.toImmutableList());
  }

}
