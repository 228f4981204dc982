package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.policy.InputRules;
import org.licensekit.core.spi.CatalogStore;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.ReconciliationStore;

/** The reconciliation finders in Java over the in-memory tables, under the store lock. */
final class InMemoryReconciliationStore implements ReconciliationStore {

  private static final Comparator<LicenseClaim> OLDEST_FIRST =
      Comparator.comparing(LicenseClaim::assignedAt).thenComparing(LicenseClaim::id);

  private final InMemoryTransactions tx;
  private final InMemoryClaimStore claims;
  private final InMemoryPoolStore pools;
  private final DirectoryStore directory;
  private final CatalogStore catalog;

  InMemoryReconciliationStore(InMemoryTransactions tx, InMemoryClaimStore claims, InMemoryPoolStore pools, DirectoryStore directory, CatalogStore catalog) {
    this.tx = tx;
    this.claims = claims;
    this.pools = pools;
    this.directory = directory;
    this.catalog = catalog;
  }

  @Override
  public List<LicenseClaim> liveClaimsOfUsers(TenantId tenant, Set<AccountStatus> statuses, int limit) {
    return live(tenant, limit, (claim, rows) -> rows.user(claim.user()).map(UserAccount::status).filter(statuses::contains).isPresent());
  }

  @Override
  public List<LicenseClaim> liveClaimsPastExpiry(TenantId tenant, Instant now, int limit) {
    return live(tenant, limit, (claim, rows) -> claim.expiredAt(now)
        || pools.find(tenant, claim.pool()).filter(p -> p.pool().term().endedAt(now)).isPresent());
  }

  @Override
  public List<LicenseClaim> liveClaimsWithoutGrant(TenantId tenant, int limit) {
    return tx.read(() -> {
      Map<RoleId, Role> roles = new HashMap<>();
      catalog.listRoles(tenant).forEach(r -> roles.put(r.id(), r));
      return live(tenant, limit, (claim, rows) -> !claim.direct() && rows.memberships(claim.user()).stream()
          .flatMap(m -> m.roles().stream())
          .map(roles::get)
          .noneMatch(role -> role != null && role.grants().contains(claim.product())));
    });
  }

  @Override
  public List<LicenseClaim> liveClaimsSharingEmail(TenantId tenant, int limit) {
    return tx.read(() -> {
      ReportRows rows = new ReportRows(directory, tenant);
      Map<String, Set<org.licensekit.core.domain.UserId>> usersByKey = new HashMap<>();
      List<LicenseClaim> live = claims.all(tenant).stream().filter(LicenseClaim::live).toList();
      for (LicenseClaim claim : live) {
        key(claim, rows).ifPresent(k -> usersByKey.computeIfAbsent(k, x -> new HashSet<>()).add(claim.user()));
      }
      Comparator<LicenseClaim> order = Comparator.<LicenseClaim, String>comparing(c -> email(c, rows).orElse(""))
          .thenComparing(LicenseClaim::product)
          .thenComparing(OLDEST_FIRST);
      return live.stream()
          .filter(c -> key(c, rows).map(k -> usersByKey.get(k).size() > 1).orElse(false))
          .sorted(order)
          .limit(limit)
          .collect(ImmutableList.toImmutableList());
    });
  }

  @Override
  public boolean correctSeatsInUse(TenantId tenant, PoolId pool, int expected, int corrected) {
    return pools.correctSeatsInUse(tenant, pool, expected, corrected);
  }

  private List<LicenseClaim> live(TenantId tenant, int limit, BiPredicate<LicenseClaim, ReportRows> test) {
    return tx.read(() -> {
      ReportRows rows = new ReportRows(directory, tenant);
      return claims.all(tenant).stream()
          .filter(LicenseClaim::live)
          .filter(c -> test.test(c, rows))
          .sorted(OLDEST_FIRST)
          .limit(limit)
          .collect(ImmutableList.toImmutableList());
    });
  }

  private static Optional<String> email(LicenseClaim claim, ReportRows rows) {
    return rows.user(claim.user()).map(u -> InputRules.email(u.email()));
  }

  private static Optional<String> key(LicenseClaim claim, ReportRows rows) {
    return email(claim, rows).map(e -> e + "\n" + claim.product().value());
  }
}
