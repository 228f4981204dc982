package org.licensekit.core.internal.directory;

import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Grants;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.internal.claims.ScopedSeats;
import org.licensekit.core.policy.AccountLifecycle;
import org.licensekit.core.spi.LicenseStore;

/**
 * Every membership write — of single commands, bulk and lifecycle work alike — each difference
 * audited; which products roles grant, with the role catalogue read at most once per writer (one
 * command, or one bulk run); and the revocation of claims no remaining role justifies.
 */
public final class MembershipWriter {

  private final LicenseStore store;
  private final TenantId tenant;
  private final ClaimWriter claims;
  private final Supplier<Grants> grants;

  public MembershipWriter(LicenseStore store, TenantId tenant, ClaimWriter claims) {
    this.store = store;
    this.tenant = tenant;
    this.claims = claims;
    this.grants = Suppliers.memoize(() -> Grants.load(store, tenant));
  }

  /** The products the given roles grant. */
  public Set<ProductId> productsOf(Collection<RoleId> roleIds) {
    return grants.get().productsOf(roleIds);
  }

  /** The products the user's memberships grant now. */
  public Set<ProductId> productsOf(UserId user) {
    return productsOf(Grants.rolesOf(store.directory().membershipsOf(tenant, user)));
  }

  /** The user's memberships by organization. */
  public Map<OrganizationId, Membership> membershipsOf(UserId user) {
    return store.directory().membershipsOf(tenant, user).stream()
        .collect(ImmutableMap.toImmutableMap(Membership::organization, Function.identity()));
  }

  /** A new user's membership: one entry for the membership, whose roles are in its record. */
  public void enrol(UnitOfWork changes, UserId user, OrganizationId organization, Set<RoleId> roleIds) {
    Membership membership = Membership.of(user, organization, roleIds);
    store.directory().saveMembership(tenant, membership);
    recordEnrolled(changes, membership);
  }

  /** A new user's membership's audit entry (the membership's roles are in its record). */
  public static void recordEnrolled(UnitOfWork changes, Membership membership) {
    changes.record(ChangeType.MEMBERSHIP_ADDED, "membership", membership.user() + "@" + membership.organization())
        .user(membership.user()).after(membership).done();
  }

  /** Adds {@code roleIds} to the user's membership of {@code organization}, adding the membership if needed. */
  public void grant(UnitOfWork changes, UserId user, OrganizationId organization, Set<RoleId> roleIds, Optional<String> reason) {
    holdUnarchived(changes, user);
    Optional<Membership> before = Optional.ofNullable(membershipsOf(user).get(organization));
    Set<RoleId> merged = ImmutableSet.<RoleId>builder()
        .addAll(before.map(Membership::roles).orElse(Set.of())).addAll(roleIds).build();
    if (before.map(m -> !m.roles().equals(merged)).orElse(true)) {
      write(changes, user, organization, before, merged, reason);
    }
  }

  /**
   * Saves the user's membership of {@code organization} with exactly {@code roleIds}, auditing each
   * difference. {@code before} is the membership the caller read: if it changed since (under the
   * user's lock), the command is refused with a conflict the JDBC store retries.
   */
  public void save(UnitOfWork changes, UserId user, OrganizationId organization, Optional<Membership> before, Set<RoleId> roleIds,
      Optional<String> reason) {
    Set<RoleId> held = before.map(Membership::roles).orElse(Set.of());
    if (held.containsAll(roleIds)) {
      lock(changes, user);
    } else {
      holdUnarchived(changes, user);
    }
    requireUnchanged(user, organization, before);
    write(changes, user, organization, before, roleIds, reason);
  }

  private void write(UnitOfWork changes, UserId user, OrganizationId organization, Optional<Membership> before, Set<RoleId> roleIds,
      Optional<String> reason) {
    Membership after = Membership.of(user, organization, roleIds);
    Set<RoleId> held = before.map(Membership::roles).orElse(Set.of());
    // only the differences are written, so a concurrent change of another role is not undone
    store.directory().changeRoles(tenant, user, organization,
        ImmutableSet.copyOf(com.google.common.collect.Sets.difference(roleIds, held)),
        ImmutableSet.copyOf(com.google.common.collect.Sets.difference(held, roleIds)));
    String subject = user + "@" + organization;
    if (before.isEmpty()) {
      changes.record(ChangeType.MEMBERSHIP_ADDED, "membership", subject).user(user).after(after).reason(reason).done();
      serveQueuesOf(changes, user);
    }
    Set<RoleId> had = before.map(Membership::roles).orElse(Set.of());
    for (RoleId role : ImmutableList.sortedCopyOf(roleIds)) {
      if (!had.contains(role)) {
        changes.record(ChangeType.ROLE_GRANTED, "membership", subject).user(user).before(before).after(after)
            .reason(reason).attributes(Map.of("role", role.value())).done();
      }
    }
    for (RoleId role : ImmutableList.sortedCopyOf(had)) {
      if (!roleIds.contains(role)) {
        changes.record(ChangeType.ROLE_REVOKED, "membership", subject).user(user).before(before).after(after)
            .reason(reason).attributes(Map.of("role", role.value())).done();
      }
    }
  }

  /**
   * A waiting user who joins an organization may now be inside the scope of a pool with a free
   * seat nobody ahead of them could use: each queue they wait in is served, in queue order, in this
   * transaction.
   */
  private void serveQueuesOf(UnitOfWork changes, UserId user) {
    store.waitlist().positionsOf(tenant, user).keySet().forEach(product -> claims.waitlist().fill(changes, product));
  }

  /** Removes the membership. */
  public void remove(UnitOfWork changes, Membership before, String reason) {
    lock(changes, before.user());
    requireUnchanged(before.user(), before.organization(), Optional.of(before));
    store.directory().deleteMembership(tenant, before.user(), before.organization());
    changes.record(ChangeType.MEMBERSHIP_REMOVED, "membership", before.user() + "@" + before.organization())
        .user(before.user()).before(before).reason(Optional.of(reason)).done();
  }

  /** Refuses a write made from a membership that another command changed or removed since it was read. */
  private void requireUnchanged(UserId user, OrganizationId organization, Optional<Membership> before) {
    Optional<Membership> now = Optional.ofNullable(membershipsOf(user).get(organization));
    if (!now.equals(before)) {
      throw new ConflictException(ErrorCode.USER_CHANGED_CONCURRENTLY,
          "The membership of " + user + " in " + organization + " changed while this command ran");
    }
  }

  /**
   * Holds the user's account until the transaction ends (every membership write takes this lock,
   * and so does an offboarding before it lists the memberships) and refuses to give roles to an
   * account archived since the caller read it. Without the lock a grant that found the membership
   * could write its role after a concurrent offboarding deleted that membership: a foreign-key
   * failure, or, had the grant re-added the membership, a role left on an archived user. The
   * refusal is a conflict the JDBC store retries, where the caller's own check then refuses.
   */
  private void holdUnarchived(UnitOfWork changes, UserId user) {
    lock(changes, user)
        .filter(account -> account.status() == AccountStatus.ARCHIVED)
        .ifPresent(account -> {
          throw new ConflictException(ErrorCode.USER_CHANGED_CONCURRENTLY,
              "User " + user + " was archived while this command ran");
        });
  }

  /** Locks the user's account, unless the command holds it already ({@link Lookups#assignableUser}). */
  private Optional<UserAccount> lock(UnitOfWork changes, UserId user) {
    Optional<UserAccount> held = changes.heldAccount(user);
    return held.isPresent() ? held : store.directory().lockUser(tenant, user);
  }

  /**
   * After the user left an organization, a seat from a pool scoped to it (or to an ancestor the
   * user no longer reaches through any membership) is no longer theirs to hold: each such live
   * claim is revoked, audited with {@code reason}, and the product assigned again from a pool that
   * serves the user when a role or a direct assignment still justifies it and the account may be
   * given seats. Every path that takes a user out of an organization calls this once the
   * memberships are written, and reconciliation's fix for
   * {@link org.licensekit.core.api.report.DiscrepancyKind#CLAIM_OUTSIDE_POOL_SCOPE} calls it too.
   *
   * @return the claims revoked and the claims assigned in their place
   */
  public ScopeMoves releaseSeatsOutsideScope(UnitOfWork changes, UserId user, String reason) {
    List<LicenseClaim> outside = new ScopedSeats(store, tenant).outsideScope(user);
    if (outside.isEmpty()) {
      return ScopeMoves.NONE;
    }
    // the account and the settings before any pool row the revocations lock (accounts, settings, pools)
    boolean assignable = Lookups.held(store, changes, user)
        .filter(account -> AccountLifecycle.assignable(account, changes.heldSettings().orElseThrow()).isEmpty())
        .isPresent();
    Set<ProductId> granted = productsOf(user);
    ImmutableList.Builder<LicenseClaim> released = ImmutableList.builder();
    ImmutableList.Builder<LicenseClaim> reassigned = ImmutableList.builder();
    for (LicenseClaim claim : outside) {
      released.add(claims.revoke(changes, claim, reason + " (outside the pool's organization)"));
      if (assignable && (claim.direct() || granted.contains(claim.product()))) {
        reassigned.addAll(claims.assign(changes, user, claim.product(), claim.direct(),
            Optional.of(reason + " (seat moved to a pool serving the user)")).assigned());
      }
    }
    return new ScopeMoves(released.build(), reassigned.build());
  }

  /**
   * What {@link #releaseSeatsOutsideScope} did.
   *
   * @param released the claims revoked because their pool no longer serves the user, in product order
   * @param reassigned the claims assigned in their place from pools that do
   */
  public record ScopeMoves(List<LicenseClaim> released, List<LicenseClaim> reassigned) {
    static final ScopeMoves NONE = new ScopeMoves(List.of(), List.of());

    public ScopeMoves {
      released = List.copyOf(released);
      reassigned = List.copyOf(reassigned);
    }
  }

  /**
   * Revokes the user's live, role-granted claims of {@code products} that no remaining role
   * justifies; direct assignments stay.
   *
   * @return the revoked claims, in product order
   */
  public List<LicenseClaim> revokeUnjustified(UnitOfWork changes, UserId user, Set<ProductId> products, String reason) {
    Set<ProductId> stillGranted = productsOf(user);
    ImmutableList.Builder<LicenseClaim> revoked = ImmutableList.builder();
    for (ProductId product : ImmutableList.sortedCopyOf(products)) {
      if (!stillGranted.contains(product)) {
        store.claims().findLive(tenant, user, product)
            .filter(claim -> !claim.direct())
            .ifPresent(claim -> revoked.add(claims.revoke(changes, claim, reason)));
      }
    }
    return revoked.build();
  }
}
