package org.licensekit.core.internal;

import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;

/**
 * Membership writes of bulk and lifecycle work, each audited, with the role catalog read once per
 * run instead of once per user; and the revocation of claims no remaining role justifies.
 */
final class MembershipWriter {

  private final LicenseStore store;
  private final TenantId tenant;
  private final ClaimWriter claims;
  private final Map<RoleId, Role> roles;

  MembershipWriter(LicenseStore store, TenantId tenant, ClaimWriter claims, Map<RoleId, Role> roles) {
    this.store = store;
    this.tenant = tenant;
    this.claims = claims;
    this.roles = roles;
  }

  /** The products the given roles grant. */
  Set<ProductId> productsOf(Collection<RoleId> roleIds) {
    return roleIds.stream().map(roles::get).filter(Objects::nonNull)
        .flatMap(role -> role.grants().stream()).collect(ImmutableSet.toImmutableSet());
  }

  /** The products the user's memberships grant now. */
  Set<ProductId> productsOf(UserId user) {
    return productsOf(Grants.rolesOf(store.directory().membershipsOf(tenant, user)));
  }

  /** Saves the user's membership of {@code organization} with exactly {@code roleIds}, auditing each difference. */
  void save(Changes changes, UserId user, OrganizationId organization, Optional<Membership> before, Set<RoleId> roleIds, String reason) {
    Membership after = Membership.of(user, organization, roleIds);
    store.directory().saveMembership(tenant, after);
    String subject = user + "@" + organization;
    if (before.isEmpty()) {
      changes.record(ChangeType.MEMBERSHIP_ADDED, "membership", subject).user(user).after(after).reason(Optional.of(reason)).done();
    }
    Set<RoleId> had = before.map(Membership::roles).orElse(Set.of());
    for (RoleId role : com.google.common.collect.ImmutableList.sortedCopyOf(roleIds)) {
      if (!had.contains(role)) {
        changes.record(ChangeType.ROLE_GRANTED, "membership", subject).user(user).before(before).after(after)
            .reason(Optional.of(reason)).attributes(Map.of("role", role.value())).done();
      }
    }
    for (RoleId role : com.google.common.collect.ImmutableList.sortedCopyOf(had)) {
      if (!roleIds.contains(role)) {
        changes.record(ChangeType.ROLE_REVOKED, "membership", subject).user(user).before(before).after(after)
            .reason(Optional.of(reason)).attributes(Map.of("role", role.value())).done();
      }
    }
  }

  /** Removes the membership. */
  void remove(Changes changes, Membership before, String reason) {
    store.directory().deleteMembership(tenant, before.user(), before.organization());
    changes.record(ChangeType.MEMBERSHIP_REMOVED, "membership", before.user() + "@" + before.organization())
        .user(before.user()).before(before).reason(Optional.of(reason)).done();
  }

  /**
   * Revokes the user's live, role-granted claims of {@code products} that no remaining role
   * justifies; direct assignments stay.
   *
   * @return the products whose claims were revoked
   */
  List<ProductId> revokeUnjustified(Changes changes, UserId user, Set<ProductId> products, String reason, SeatTally tally) {
    Set<ProductId> stillGranted = productsOf(user);
    ImmutableSet.Builder<ProductId> revoked = ImmutableSet.builder();
    for (ProductId product : com.google.common.collect.ImmutableList.sortedCopyOf(products)) {
      if (!stillGranted.contains(product)) {
        store.claims().findLive(tenant, user, product).filter(claim -> !claim.direct()).ifPresent(claim -> {
          claims.revoke(changes, claim, reason);
          tally.release(product);
          revoked.add(product);
        });
      }
    }
    return revoked.build().asList();
  }
}
