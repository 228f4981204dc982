package org.licensekit.core.internal.directory;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.ClaimWriter;
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
   * Holds, before {@code moving} is saved, the accounts of the members of its subtree — the only
   * users whose seats the move may release — and the subtree against new members
   * ({@link org.licensekit.core.spi.DirectoryStore#holdMembers}): a command giving one of them a seat
   * or a membership holds that user's account, and one adding a member holds the organization, so it
   * either commits before the move (and its seat is seen below) or waits for it and reads the new
   * tree. Users elsewhere in the tenant are not held: their commands go on while the move runs.
   * Waiting users a released seat goes to are locked when served, after these accounts, as a
   * command holding accounts locks them ({@code SeatWaitlist}).
   *
   * @return the subtree's members, held
   */
  Set<UserId> holdMembers(UnitOfWork changes, OrganizationId moving) {
    SortedSet<UserId> members = store.directory().holdMembers(tenant, moving);
    if (!members.isEmpty()) {
      changes.accountsHeldThrough(members.last());
    }
    return members;
  }

  /**
   * Releases, once {@code moved} is saved, the seats of its subtree's {@code members} that their
   * pools no longer serve; every release and reassignment is audited with the move as its reason.
   */
  void releaseSeatsOutsideScope(UnitOfWork changes, Organization moved, Set<UserId> members) {
    List<PoolUsage> scoped = store.pools().list(tenant).stream().filter(usage -> usage.pool().scope().isPresent()).toList();
    if (scoped.isEmpty() || members.isEmpty()) {
      return;
    }
    Set<UserId> holders = scoped.stream()
        .flatMap(usage -> store.claims().listLiveForPool(tenant, usage.pool().id()).stream())
        .map(LicenseClaim::user)
        .filter(members::contains)
        .collect(Collectors.toCollection(TreeSet::new));
    MembershipWriter writer = new MembershipWriter(store, tenant, claims);
    String reason = "organization " + moved.id() + " moved under " + moved.parent().map(OrganizationId::value).orElse("the top level");
    for (UserId user : holders) {
      writer.releaseSeatsOutsideScope(changes, user, reason);
    }
  }
}
