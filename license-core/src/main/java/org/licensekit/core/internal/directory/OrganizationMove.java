package org.licensekit.core.internal.directory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.spi.LicenseStore;

/**
 * An organization moved under another parent (a school re-parented to another district or area):
 * its members, and the members of its sub-organizations, no longer reach the old parent's chain, so
 * a seat they hold from a pool scoped there is given up, and the product assigned again from a pool
 * that serves them when a role or a direct assignment still justifies it — the rule a user leaving
 * an organization follows ({@link MembershipWriter#releaseSeatsOutsideScope}), applied to each of
 * them.
 */
final class OrganizationMove {

  private final LicenseStore store;
  private final TenantId tenant;
  private final ClaimWriter claims;

  OrganizationMove(LicenseStore store, TenantId tenant, ClaimWriter claims) {
    this.store = store;
    this.tenant = tenant;
    this.claims = claims;
  }

  /** Whether saving {@code after} over {@code before} moves it under another parent. */
  static boolean moves(Organization before, Organization after) {
    return !before.parent().equals(after.parent());
  }

  /**
   * Holds every account of the tenant, in id order, before the organization is saved: a command
   * giving one of its users a seat or a membership holds that user's account, so it either commits
   * before the move (and its seat is seen below) or waits for it and reads the new tree.
   */
  void holdAccounts() {
    store.directory().lockAllUsers(tenant);
  }

  /**
   * Releases, once {@code moved} is saved, the seats of its subtree's members that their pools no
   * longer serve; every release and reassignment is audited with the move as its reason.
   */
  void releaseSeatsOutsideScope(UnitOfWork changes, Organization moved) {
    List<PoolUsage> scoped = store.pools().list(tenant).stream().filter(usage -> usage.pool().scope().isPresent()).toList();
    if (scoped.isEmpty()) {
      return;
    }
    Set<UserId> holders = scoped.stream()
        .flatMap(usage -> store.claims().listLiveForPool(tenant, usage.pool().id()).stream())
        .map(LicenseClaim::user)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<OrganizationId> subtree = OrganizationTree.of(store.directory().listOrganizations(tenant)).subtree(moved.id());
    Map<UserId, List<Membership>> memberships = store.directory().membershipsOfUsers(tenant, holders);
    MembershipWriter writer = new MembershipWriter(store, tenant, claims);
    String reason = "organization " + moved.id() + " moved under " + moved.parent().map(OrganizationId::value).orElse("the top level");
    for (UserId user : holders) {
      if (memberships.getOrDefault(user, List.of()).stream().anyMatch(membership -> subtree.contains(membership.organization()))) {
        writer.releaseSeatsOutsideScope(changes, user, reason);
      }
    }
  }
}
