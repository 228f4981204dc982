package org.licensekit.core.policy;

import com.google.common.collect.ImmutableList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;

/**
 * Whom a pool serves by organization: a pool scoped to an organization serves the members of it and
 * of its sub-organizations, a pool without a scope the whole tenant. A seat held from a pool that
 * does not serve its holder (the holder left the organization) is one the holder must give up.
 */
public final class PoolScopes {

  private static final Comparator<LicenseClaim> BY_PRODUCT =
      Comparator.comparing(LicenseClaim::product).thenComparing(LicenseClaim::id);

  private PoolScopes() {}

  /**
   * Whether a pool with {@code scope} serves a user who reaches {@code reachable}: the user's own
   * organizations with all their ancestors ({@link OrganizationTree#withAncestors}).
   */
  public static boolean serves(Optional<OrganizationId> scope, Set<OrganizationId> reachable) {
    return scope.map(reachable::contains).orElse(true);
  }

  /**
   * The live claims among {@code claims} whose pool does not serve their holder, in product order.
   *
   * @param scopeOf the scope of each claim's pool (empty for a tenant-wide or unknown pool)
   * @param reachable the holder's organizations with their ancestors
   */
  public static List<LicenseClaim> outside(Collection<LicenseClaim> claims, Function<PoolId, Optional<OrganizationId>> scopeOf,
      Set<OrganizationId> reachable) {
    return claims.stream()
        .filter(LicenseClaim::live)
        .filter(claim -> !serves(scopeOf.apply(claim.pool()), reachable))
        .sorted(BY_PRODUCT)
        .collect(ImmutableList.toImmutableList());
  }
}
