package org.licensekit.testkit.store;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;

/**
 * Everything a store holds for one tenant, read through the ports, so a test can prove that a failed
 * command left the tenant exactly as it was: {@code assertThat(TenantSnapshot.take(...)).isEqualTo(before)}.
 * Records reachable only through a user (memberships, claims, training and its assignments) are read for every listed
 * user and for the {@code alsoUsers} a test names. Audit entries of refused calls
 * ({@code ACCESS_REFUSED}) record attempts, not the tenant's state, and are left out: a refused call
 * appends one, and tests of that read the trail itself.
 */
public record TenantSnapshot(
    List<Product> products,
    List<Role> roles,
    List<JobProfile> jobProfiles,
    List<Organization> organizations,
    List<UserAccount> users,
    Map<UserId, List<Membership>> memberships,
    List<PoolUsage> pools,
    Map<UserId, List<LicenseClaim>> claims,
    Map<PoolId, List<LicenseClaim>> liveClaims,
    Map<UserId, List<TrainingRecord>> training,
    Map<UserId, List<TrainingAssignment>> trainingAssignments,
    List<AuditEntry> audit,
    TenantSettings settings) {

  /** Reads the tenant's whole state from {@code store}. */
  public static TenantSnapshot take(LicenseStore store, TenantId tenant, Collection<UserId> alsoUsers) {
    List<UserAccount> users = store.directory().listUsers(tenant);
    SortedSet<UserId> userIds = new TreeSet<>(alsoUsers);
    users.forEach(u -> userIds.add(u.id()));
    List<PoolUsage> pools = store.pools().list(tenant);
    SortedSet<PoolId> poolIds = new TreeSet<>();
    pools.forEach(p -> poolIds.add(p.pool().id()));
    return new TenantSnapshot(
        store.catalog().listProducts(tenant),
        store.catalog().listRoles(tenant),
        store.catalog().listJobProfiles(tenant),
        store.directory().listOrganizations(tenant),
        users,
        byKey(userIds, u -> store.directory().membershipsOf(tenant, u)),
        pools,
        byKey(userIds, u -> store.claims().listForUser(tenant, u)),
        byKey(poolIds, p -> store.claims().listLiveForPool(tenant, p)),
        byKey(userIds, u -> store.training().listForUser(tenant, u)),
        byKey(userIds, u -> store.training().assignmentsOf(tenant, u)),
        store.audit().query(tenant, AuditQuery.builder().limit(10_000).build()).stream()
            .filter(entry -> entry.action() != org.licensekit.core.domain.ChangeType.ACCESS_REFUSED)
            .collect(java.util.stream.Collectors.toList()),
        store.settings().get(tenant));
  }

  private static <K extends Comparable<? super K>, V> Map<K, List<V>> byKey(
      SortedSet<K> keys, Function<K, List<V>> read) {
    SortedMap<K, List<V>> result = new TreeMap<>();
    keys.forEach(key -> result.put(key, List.copyOf(read.apply(key))));
    return Collections.unmodifiableSortedMap(result);
  }
}
