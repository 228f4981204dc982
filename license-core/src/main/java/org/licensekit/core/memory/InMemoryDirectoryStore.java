package org.licensekit.core.memory;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.DirectoryStore;

/** Organizations, user accounts and memberships in memory. */
final class InMemoryDirectoryStore implements DirectoryStore {

  private final InMemoryTransactions tx;
  private final TenantTable<OrganizationId, Organization> organizations;
  private final TenantTable<UserId, UserAccount> users;
  /** A user's memberships by organization; a user has few, so each change copies the small map. */
  private final TenantTable<UserId, ImmutableSortedMap<OrganizationId, Membership>> memberships;

  InMemoryDirectoryStore(InMemoryTransactions tx) {
    this.tx = tx;
    this.organizations = new TenantTable<>(tx);
    this.users = new TenantTable<>(tx);
    this.memberships = new TenantTable<>(tx);
  }

  @Override
  public void saveOrganization(TenantId tenant, Organization organization) {
    tx.write(() -> organizations.put(tenant, organization.id(), organization));
  }

  @Override
  public Optional<Organization> findOrganization(TenantId tenant, OrganizationId id) {
    return tx.read(() -> organizations.get(tenant, id));
  }

  @Override
  public List<Organization> listOrganizations(TenantId tenant) {
    return tx.read(() -> organizations.values(tenant));
  }

  @Override
  public void insertUser(TenantId tenant, UserAccount user) {
    tx.write(() -> {
      if (users.contains(tenant, user.id())) {
        throw new ConflictException(ErrorCode.DUPLICATE_USER, "A user with id '" + user.id() + "' exists already");
      }
      return users.put(tenant, user.id(), user);
    });
  }

  @Override
  public boolean updateUser(TenantId tenant, UserAccount user) {
    return tx.write(() -> {
      Optional<UserAccount> stored = users.get(tenant, user.id());
      if (stored.isEmpty() || stored.get().version() != user.version()) {
        return false;
      }
      return users.put(tenant, user.id(), user.nextVersion()).isPresent();
    });
  }

  @Override
  public Optional<UserAccount> findUser(TenantId tenant, UserId id) {
    return tx.read(() -> users.get(tenant, id));
  }

  @Override
  public List<UserAccount> listUsers(TenantId tenant) {
    return tx.read(() -> users.values(tenant));
  }

  /** The tenant's accounts after {@code after} in id order; for a reader holding the store lock. */
  java.util.stream.Stream<UserAccount> usersAfter(TenantId tenant, Optional<UserId> after) {
    return users.streamAfter(tenant, after);
  }

  @Override
  public void saveMembership(TenantId tenant, Membership membership) {
    tx.write(() -> {
      ImmutableSortedMap<OrganizationId, Membership> current = membershipMap(tenant, membership.user());
      return memberships.put(tenant, membership.user(), SortedMaps.with(current, membership.organization(), membership));
    });
  }

  @Override
  public void changeRoles(TenantId tenant, UserId user, OrganizationId organization, Set<RoleId> granted, Set<RoleId> revoked) {
    tx.write(() -> {
      ImmutableSortedMap<OrganizationId, Membership> current = membershipMap(tenant, user);
      Set<RoleId> roles = new HashSet<>(Optional.ofNullable(current.get(organization)).map(Membership::roles).orElse(Set.of()));
      roles.removeAll(revoked);
      roles.addAll(granted);
      Membership changed = Membership.of(user, organization, roles);
      return memberships.put(tenant, user, SortedMaps.with(current, organization, changed));
    });
  }

  @Override
  public boolean deleteMembership(TenantId tenant, UserId user, OrganizationId organization) {
    return tx.write(() -> {
      ImmutableSortedMap<OrganizationId, Membership> current = membershipMap(tenant, user);
      if (!current.containsKey(organization)) {
        return false;
      }
      ImmutableSortedMap<OrganizationId, Membership> remaining = SortedMaps.without(current, organization);
      if (remaining.isEmpty()) {
        memberships.remove(tenant, user);
      } else {
        memberships.put(tenant, user, remaining);
      }
      return true;
    });
  }

  @Override
  public List<Membership> membershipsOf(TenantId tenant, UserId user) {
    return tx.read(() -> ImmutableList.copyOf(membershipMap(tenant, user).values()));
  }

  private ImmutableSortedMap<OrganizationId, Membership> membershipMap(TenantId tenant, UserId user) {
    return memberships.get(tenant, user).orElse(ImmutableSortedMap.of());
  }
}
