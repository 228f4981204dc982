package org.licensekit.core.internal.bulk;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.internal.claims.ClaimWriter;

/** What a {@link ChunkGrant} chunk writes, gathered while its users are decided and written as batches at the end. */
final class GrantWrites {
  private final RunScope scope;
  private final Set<RoleId> roles;
  private final List<Membership> grants = new ArrayList<>();
  private final List<LicenseClaim> claims = new ArrayList<>();
  /** Per user of {@link #claims}, the smallest organization id of their memberships after the grant. */
  private final Map<UserId, OrganizationId> firstOrganizations = new HashMap<>();

  /** @param roles the roles the chunk's users are granted */
  GrantWrites(RunScope scope, Set<RoleId> roles) {
    this.scope = scope;
    this.roles = roles;
  }

  /** Adds the roles to the user's membership of {@code org}, auditing as {@code MembershipWriter.save} does. */
  void grant(UnitOfWork changes, UserId user, Optional<Membership> before, OrganizationId org, String reason) {
    Set<RoleId> had = before.map(Membership::roles).orElse(Set.of());
    Set<RoleId> merged = ImmutableSet.<RoleId>builder().addAll(had).addAll(roles).build();
    if (before.isPresent() && had.equals(merged)) {
      return;
    }
    Membership after = Membership.of(user, org, merged);
    grants.add(Membership.of(user, org, Sets.difference(merged, had).immutableCopy()));
    String subject = user + "@" + org;
    if (before.isEmpty()) {
      changes.record(ChangeType.MEMBERSHIP_ADDED, "membership", subject).user(user).after(after)
          .reason(Optional.of(reason)).done();
    }
    for (RoleId role : ImmutableList.sortedCopyOf(merged)) {
      if (!had.contains(role)) {
        changes.record(ChangeType.ROLE_GRANTED, "membership", subject).user(user).before(before).after(after)
            .reason(Optional.of(reason)).attributes(Map.of("role", role.value())).done();
      }
    }
  }

  /** A pending claim of the product in the pool, audited as {@code ClaimWriter.assign} does. */
  void assign(UnitOfWork changes, UserId user, OrganizationId firstOrganization, ProductId product, LicensePool pool,
      String reason) {
    LicenseClaim claim = ClaimWriter.pending(changes, user, product, pool.id(), false).reason(reason).build();
    claims.add(claim);
    firstOrganizations.put(user, firstOrganization);
    ClaimWriter.recordAssigned(changes, claim);
  }

  /**
   * Role rows, then claims, then the seats — last, so each pool's row is held only from there to
   * the commit; what was written is forgotten (a chunk writes early when a user must queue). The
   * role rows are the chunk's users' own, written before its turn (see {@link ChunkTurn}).
   */
  void write(UnitOfWork changes, ChunkSeats seats) {
    if (!grants.isEmpty()) {
      scope.store().directory().grantRoles(scope.tenant(), grants);
      grants.clear();
    }
    scope.awaitTurn(); // a claim's insert updates its pool's counters: after the chunk before committed
    if (!claims.isEmpty()) {
      scope.store().claims().insertLive(scope.tenant(), claims, Map.copyOf(firstOrganizations));
      claims.clear();
      firstOrganizations.clear();
    }
    seats.takeFromStore();
  }
}
