package org.licensekit.core.internal;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.ConflictException;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.Assignments;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.Operation;

final class AssignmentService implements Assignments {

  private final Context context;
  private final Records records;
  private final ClaimWriter claims;
  private final Grants grants;

  AssignmentService(Context context) {
    this.context = context;
    this.records = new Records(context.store(), context.tenant());
    this.claims = new ClaimWriter(context.store(), context.tenant());
    this.grants = new Grants(context.store(), context.tenant());
  }

  @Override
  public AssignmentResult addToOrganization(UserId user, OrganizationId organization, Set<RoleId> roles) {
    context.authorize(Operation.ASSIGN, Optional.of(user));
    return context.run(changes -> grantRoles(changes, user, organization, roles));
  }

  @Override
  public AssignmentResult assignRole(UserId user, OrganizationId organization, RoleId role) {
    context.authorize(Operation.ASSIGN, Optional.of(user));
    return context.run(changes -> grantRoles(changes, user, organization, Set.of(role)));
  }

  private AssignmentResult grantRoles(Changes changes, UserId user, OrganizationId organization, Set<RoleId> roles) {
    records.assignableUser(user);
    records.organization(organization);
    roles.forEach(records::role);
    Optional<Membership> before = membership(user, organization);
    Membership after = Membership.of(user, organization,
        ImmutableSet.<RoleId>builder().addAll(before.map(Membership::roles).orElse(Set.of())).addAll(roles).build());
    context.store().directory().saveMembership(context.tenant(), after);
    if (before.isEmpty()) {
      changes.record(ChangeType.MEMBERSHIP_ADDED, "membership", user + "@" + organization).user(user).after(after).done();
    }
    for (RoleId role : roles) {
      if (before.map(m -> !m.roles().contains(role)).orElse(true)) {
        changes.record(ChangeType.ROLE_GRANTED, "membership", user + "@" + organization)
            .user(user).before(before).after(after).attributes(java.util.Map.of("role", role.value())).done();
      }
    }
    return claims.assign(changes, user, grants.productsOf(roles), false, Optional.of("role granted in " + organization));
  }

  @Override
  public List<LicenseClaim> removeFromOrganization(UserId user, OrganizationId organization, String reason) {
    context.authorize(Operation.ASSIGN, Optional.of(user));
    Context.requireReason(reason);
    return context.run(changes -> {
      Membership before = membership(user, organization)
          .orElseThrow(() -> new ConflictException("NOT_A_MEMBER", "User " + user + " is not in organization " + organization));
      context.store().directory().deleteMembership(context.tenant(), user, organization);
      changes.record(ChangeType.MEMBERSHIP_REMOVED, "membership", user + "@" + organization)
          .user(user).before(before).reason(Optional.of(reason)).done();
      List<LicenseClaim> revoked = revokeUnjustified(changes, user, grants.productsOf(before.roles()), reason);
      return ImmutableList.<LicenseClaim>builder().addAll(revoked).addAll(moveOutOfScopeSeats(changes, user, reason)).build();
    });
  }

  /**
   * After the user left an organization, a seat from a pool scoped to it (or to one of its
   * ancestors the user no longer reaches) is no longer theirs to hold: it is released, and the
   * product reassigned from a pool that does serve the user when a role or direct assignment still
   * justifies it. Returns the released claims.
   */
  private List<LicenseClaim> moveOutOfScopeSeats(Changes changes, UserId user, String reason) {
    Set<OrganizationId> reachable = claims.organizationsOf(user);
    Set<ProductId> granted = grants.productsOf(user);
    ImmutableList.Builder<LicenseClaim> released = ImmutableList.builder();
    for (LicenseClaim claim : context.store().claims().listForUser(context.tenant(), user)) {
      boolean outOfScope = claim.live() && context.store().pools().find(context.tenant(), claim.pool())
          .flatMap(usage -> usage.pool().scope())
          .filter(scope -> !reachable.contains(scope))
          .isPresent();
      if (outOfScope) {
        released.add(claims.revoke(changes, claim, reason + " (left the pool's organization)"));
        if (claim.direct() || granted.contains(claim.product())) {
          claims.assign(changes, user, claim.product(), claim.direct(), Optional.of(reason + " (seat moved to a pool serving the user)"));
        }
      }
    }
    return released.build();
  }

  @Override
  public List<LicenseClaim> revokeRole(UserId user, OrganizationId organization, RoleId role, String reason) {
    context.authorize(Operation.ASSIGN, Optional.of(user));
    Context.requireReason(reason);
    return context.run(changes -> {
      Membership before = membership(user, organization)
          .filter(m -> m.roles().contains(role))
          .orElseThrow(() -> new ConflictException("ROLE_NOT_HELD", "User " + user + " does not hold " + role + " in " + organization));
      Membership after = before.withoutRole(role);
      context.store().directory().saveMembership(context.tenant(), after);
      changes.record(ChangeType.ROLE_REVOKED, "membership", user + "@" + organization)
          .user(user).before(before).after(after).reason(Optional.of(reason))
          .attributes(java.util.Map.of("role", role.value())).done();
      return revokeUnjustified(changes, user, grants.productsOf(Set.of(role)), reason);
    });
  }

  /** Revokes the live claims of {@code products} that neither a remaining role nor a direct assignment justifies. */
  private List<LicenseClaim> revokeUnjustified(Changes changes, UserId user, Set<ProductId> products, String reason) {
    Set<ProductId> stillGranted = grants.productsOf(user);
    ImmutableList.Builder<LicenseClaim> revoked = ImmutableList.builder();
    for (ProductId product : products) {
      if (stillGranted.contains(product)) {
        continue;
      }
      context.store().claims().findLive(context.tenant(), user, product)
          .filter(claim -> !claim.direct())
          .ifPresent(claim -> revoked.add(claims.revoke(changes, claim, reason)));
    }
    return revoked.build();
  }

  @Override
  public AssignmentResult assignProduct(UserId user, ProductId product, String reason) {
    context.authorize(Operation.ASSIGN, Optional.of(user));
    Context.requireReason(reason);
    return context.run(changes -> {
      records.assignableUser(user);
      records.product(product);
      return claims.assign(changes, user, product, true, Optional.of(reason));
    });
  }

  @Override
  public List<LicenseClaim> revokeProduct(UserId user, ProductId product, String reason) {
    context.authorize(Operation.ASSIGN, Optional.of(user));
    Context.requireReason(reason);
    return context.run(changes -> {
      records.user(user);
      records.product(product);
      return context.store().claims().findLive(context.tenant(), user, product)
          .map(claim -> List.of(claims.revoke(changes, claim, reason)))
          .orElse(List.of());
    });
  }

  private Optional<Membership> membership(UserId user, OrganizationId organization) {
    return context.store().directory().membershipsOf(context.tenant(), user).stream()
        .filter(m -> m.organization().equals(organization))
        .findFirst();
  }
}
