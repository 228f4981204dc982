package org.licensekit.core.cache;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.cache.Scope.Area;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.DirectoryStore;

/**
 * A user's account and memberships cached per tenant × user, organizations per tenant. The list of
 * every user is not cached: any user write would have to invalidate it.
 */
final class CachingDirectoryStore implements DirectoryStore {

  private final DirectoryStore delegate;
  private final CachingTransactions tx;

  CachingDirectoryStore(DirectoryStore delegate, CachingTransactions tx) {
    this.delegate = delegate;
    this.tx = tx;
  }

  private static Scope organizations(TenantId tenant) {
    return Scope.shared(tenant, Area.ORGANIZATIONS);
  }

  @Override
  public void saveOrganization(TenantId tenant, Organization organization) {
    tx.perform(organizations(tenant), () -> delegate.saveOrganization(tenant, organization));
  }

  @Override
  public Optional<Organization> findOrganization(TenantId tenant, OrganizationId id) {
    return tx.read(organizations(tenant), Query.of("findOrganization", id), () -> delegate.findOrganization(tenant, id));
  }

  @Override
  public List<Organization> listOrganizations(TenantId tenant) {
    return tx.read(organizations(tenant), Query.of("listOrganizations"),
        () -> ImmutableList.copyOf(delegate.listOrganizations(tenant)));
  }

  @Override
  public void insertUser(TenantId tenant, UserAccount user) {
    tx.perform(Scope.user(tenant, user.id()), () -> delegate.insertUser(tenant, user));
  }

  @Override
  public void insertUsers(TenantId tenant, java.util.Collection<UserAccount> users) {
    tx.performAll(users.stream().map(user -> Scope.user(tenant, user.id())).distinct().toList(),
        () -> delegate.insertUsers(tenant, users));
  }

  @Override
  public boolean updateUser(TenantId tenant, UserAccount user) {
    return tx.write(Scope.user(tenant, user.id()), () -> delegate.updateUser(tenant, user));
  }

  @Override
  public Optional<UserAccount> lockUser(TenantId tenant, UserId id) {
    return delegate.lockUser(tenant, id);
  }

  /** Locks, so never from the cache. */
  @Override
  public Optional<HeldAccount> lockUserHoldingSettings(TenantId tenant, UserId id, org.licensekit.core.spi.SettingsStore settings) {
    return delegate.lockUserHoldingSettings(tenant, id, settings);
  }

  @Override
  public Optional<UserAccount> findUser(TenantId tenant, UserId id) {
    return tx.read(Scope.user(tenant, id), Query.of("findUser"), () -> delegate.findUser(tenant, id));
  }

  @Override
  public List<UserAccount> listUsers(TenantId tenant) {
    return delegate.listUsers(tenant);
  }

  @Override
  public void saveMembership(TenantId tenant, Membership membership) {
    tx.perform(Scope.user(tenant, membership.user()), () -> delegate.saveMembership(tenant, membership));
  }

  /** Locks, so never from the cache. */
  @Override
  public java.util.Map<UserId, UserAccount> lockUsers(TenantId tenant, java.util.Collection<UserId> ids) {
    return delegate.lockUsers(tenant, ids);
  }

  /** Locks, so never from the cache. */
  @Override
  public boolean tryLockUsers(TenantId tenant, java.util.Collection<UserId> ids) {
    return delegate.tryLockUsers(tenant, ids);
  }

  /** The delegate's one query (a batch of a waitlist's users), not one cached read per id. */
  @Override
  public java.util.Map<UserId, UserAccount> findUsers(TenantId tenant, java.util.Collection<UserId> ids) {
    return delegate.findUsers(tenant, ids);
  }

  /** The delegate's one query (a bulk import's chunk), not one cached read per id. */
  @Override
  public java.util.Set<UserId> existingUsers(TenantId tenant, java.util.Collection<UserId> ids) {
    return delegate.existingUsers(tenant, ids);
  }

  /** Locks, so never from the cache. */
  @Override
  public void lockAllUsers(TenantId tenant) {
    delegate.lockAllUsers(tenant);
  }

  /** Locks, so never from the cache. */
  @Override
  public java.util.SortedSet<UserId> holdMembers(TenantId tenant, OrganizationId root) {
    return delegate.holdMembers(tenant, root);
  }

  /** Read by bulk runs inside their transaction, so never from the cache. */
  @Override
  public java.util.Map<UserId, List<Membership>> membershipsOfUsers(TenantId tenant, java.util.Collection<UserId> users) {
    return delegate.membershipsOfUsers(tenant, users);
  }

  @Override
  public void grantRoles(TenantId tenant, java.util.Collection<Membership> grants) {
    tx.performAll(grants.stream().map(m -> Scope.user(tenant, m.user())).distinct().toList(),
        () -> delegate.grantRoles(tenant, grants));
  }

  @Override
  public void enrollNewAccounts(TenantId tenant, java.util.Collection<Membership> memberships) {
    tx.performAll(memberships.stream().map(m -> Scope.user(tenant, m.user())).distinct().toList(),
        () -> delegate.enrollNewAccounts(tenant, memberships));
  }

  @Override
  public void changeRoles(TenantId tenant, UserId user, OrganizationId organization, Set<RoleId> granted, Set<RoleId> revoked) {
    tx.perform(Scope.user(tenant, user), () -> delegate.changeRoles(tenant, user, organization, granted, revoked));
  }

  @Override
  public boolean deleteMembership(TenantId tenant, UserId user, OrganizationId organization) {
    return tx.write(Scope.user(tenant, user), () -> delegate.deleteMembership(tenant, user, organization));
  }

  @Override
  public List<Membership> membershipsOf(TenantId tenant, UserId user) {
    return tx.read(Scope.user(tenant, user), Query.of("membershipsOf"), () -> ImmutableList.copyOf(delegate.membershipsOf(tenant, user)));
  }
}
