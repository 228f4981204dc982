package org.licensekit.core.internal.directory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.Assignments;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.CommandCombiner;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.Lookups;
import org.licensekit.core.internal.Target;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.AssignmentBatch;
import org.licensekit.core.internal.claims.ClaimWriter;
import org.licensekit.core.policy.Operation;

public final class AssignmentService implements Assignments {

  private final Context context;
  private final Lookups lookups;
  private final ClaimWriter claims;

  public AssignmentService(Context context) {
    this.context = context;
    this.lookups = new Lookups(context.store(), context.tenant());
    this.claims = new ClaimWriter(context.store(), context.tenant());
  }

  /** One writer per command: it reads the role catalogue at most once. */
  /** A membership change touches the user and acts in the organization. */
  private static Target inOrganization(UserId user, OrganizationId organization) {
    return Target.user(user).and(Target.organizations(Set.of(organization)));
  }

  private MembershipWriter memberships() {
    return new MembershipWriter(context.store(), context.tenant(), claims);
  }

  @Override
  public AssignmentResult addToOrganization(UserId user, OrganizationId organization, Set<RoleId> roles) {
    return context.command(Operation.ASSIGN, inOrganization(user, organization), changes -> grantRoles(changes, user, organization, roles));
  }

  @Override
  public AssignmentResult assignRole(UserId user, OrganizationId organization, RoleId role) {
    return context.command(Operation.ASSIGN, inOrganization(user, organization), changes -> grantRoles(changes, user, organization, Set.of(role)));
  }

  private AssignmentResult grantRoles(UnitOfWork changes, UserId user, OrganizationId organization, Set<RoleId> roles) {
    lookups.assignableUser(changes, user);
    lookups.organization(organization);
    // the roles named are read once: what they grant needs no read of the whole catalogue
    Set<ProductId> granted = roles.stream().map(lookups::role).flatMap(found -> found.grants().stream())
        .collect(ImmutableSet.toImmutableSet());
    memberships().grant(changes, user, organization, roles, Optional.empty());
    return claims.assign(changes, user, granted, false, Optional.of("role granted in " + organization));
  }

  @Override
  public List<LicenseClaim> removeFromOrganization(UserId user, OrganizationId organization, String reason) {
    return context.command(Operation.ASSIGN, inOrganization(user, organization), () -> Context.requireReason(reason), changes -> {
      // the waiting users the seats it frees go to, with the user, in id order (accounts, then pools)
      claims.waitlist().holdWithQueuesOf(changes, user);
      MembershipWriter memberships = memberships();
      Membership before = Optional.ofNullable(memberships.membershipsOf(user).get(organization))
          .orElseThrow(() -> new ConflictException(ErrorCode.NOT_A_MEMBER, "User " + user + " is not in organization " + organization));
      memberships.remove(changes, before, reason);
      List<LicenseClaim> revoked = memberships.revokeUnjustified(changes, user, memberships.productsOf(before.roles()), reason);
      return ImmutableList.<LicenseClaim>builder().addAll(revoked)
          .addAll(memberships.releaseSeatsOutsideScope(changes, user, reason).released()).build();
    });
  }

  @Override
  public List<LicenseClaim> revokeRole(UserId user, OrganizationId organization, RoleId role, String reason) {
    return context.command(Operation.ASSIGN, inOrganization(user, organization), () -> Context.requireReason(reason), changes -> {
      claims.waitlist().holdWithQueuesOf(changes, user);
      MembershipWriter memberships = memberships();
      Membership before = Optional.ofNullable(memberships.membershipsOf(user).get(organization))
          .filter(m -> m.roles().contains(role))
          .orElseThrow(() -> new ConflictException(ErrorCode.ROLE_NOT_HELD, "User " + user + " does not hold " + role + " in " + organization));
      memberships.save(changes, user, organization, Optional.of(before), before.withoutRole(role).roles(), Optional.of(reason));
      return memberships.revokeUnjustified(changes, user, memberships.productsOf(Set.of(role)), reason);
    });
  }

  @Override
  public AssignmentResult assignProduct(UserId user, ProductId product, String reason) {
    // assignments of one product contend for the same pools' rows: concurrent ones may share a transaction
    // while users wait for the product an assignment may serve them, locking their accounts after the pool's row: not combined then
    // a batch of them runs set-based where it can: one read of the product, its pools and live claims, one insert, one seat change
    Optional<CommandCombiner.SetBasedCommand> setBased = Optional.of(new CommandCombiner.SetBasedCommand(
        new AssignmentBatch(context.store(), context.tenant(), product), new AssignmentBatch.Ask(user, reason)));
    return context.combinedCommand(Operation.ASSIGN, user, () -> Context.requireReason(reason), new ProductLane(context.tenant(), product),
        () -> !context.store().waitlist().anyWaiting(context.tenant(), product), setBased, changes -> {
      lookups.assignableUser(changes, user);
      lookups.product(changes, product);
      return claims.assign(changes, user, product, true, Optional.of(reason));
    });
  }

  @Override
  public List<LicenseClaim> revokeProduct(UserId user, ProductId product, String reason) {
    return context.command(Operation.ASSIGN, Optional.of(user), () -> Context.requireReason(reason), changes -> {
      lookups.user(user);
      lookups.product(product);
      return context.store().claims().findLive(context.tenant(), user, product)
          .map(claim -> List.of(claims.revoke(changes, claim, reason)))
          .orElse(List.of());
    });
  }

  /** The lane of {@link CommandCombiner} a product's single assignments queue in. */
  private record ProductLane(org.licensekit.core.domain.TenantId tenant, ProductId product) {}
}
