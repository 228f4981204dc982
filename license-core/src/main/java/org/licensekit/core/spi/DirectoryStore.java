package org.licensekit.core.spi;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/** Organizations, user accounts and memberships. Lists are ordered by id. */
public interface DirectoryStore {

  /** Inserts or replaces the organization. */
  void saveOrganization(TenantId tenant, Organization organization);

  Optional<Organization> findOrganization(TenantId tenant, OrganizationId id);

  List<Organization> listOrganizations(TenantId tenant);

  /**
   * Inserts a new user account.
   *
   * @throws org.licensekit.core.ConflictException with code {@code DUPLICATE_USER} when the id is taken
   */
  void insertUser(TenantId tenant, UserAccount user);

  /**
   * Replaces an existing user account if its stored {@link UserAccount#version() version} still
   * equals {@code user.version()} (the version of the account the change was made from); the stored
   * version becomes {@code user.version() + 1}. Atomic across JVMs.
   *
   * @return false, writing nothing, when there is no account with that id or it changed meanwhile
   */
  boolean updateUser(TenantId tenant, UserAccount user);

  Optional<UserAccount> findUser(TenantId tenant, UserId id);

  /**
   * {@link #findUser} for many users at once, locking nothing: the users waiting for a product
   * that a freed seat may go to, read a batch of the queue at a time. A store answers it with one
   * query for the whole collection.
   *
   * @return the accounts that exist, by id
   */
  default Map<UserId, UserAccount> findUsers(TenantId tenant, Collection<UserId> ids) {
    Map<UserId, UserAccount> found = new LinkedHashMap<>();
    ids.stream().distinct().forEach(id -> findUser(tenant, id).ifPresent(user -> found.put(id, user)));
    return found;
  }

  /**
   * Reads a user account and holds it until the current transaction ends, so that a concurrent
   * change of the account (an archive, a suspension, an offboarding) waits for this transaction,
   * and this read sees the newest committed account. Called before a user is given a seat and
   * before an offboarding lists what the user holds: without it, an assignment that read the
   * account as active could commit its claim after the offboarding had released the user's claims
   * (a write skew that the row version cannot see, since an assignment does not write the user).
   * A store whose transactions run one at a time may simply read.
   */
  default Optional<UserAccount> lockUser(TenantId tenant, UserId id) {
    return findUser(tenant, id);
  }

  /**
   * {@link #lockUser}, and the tenant's settings read and held against a change until the current
   * transaction ends: what a command whose outcome depends on the settings (an assignment, a
   * suspension, a seat from the waitlist) reads first. A settings change
   * ({@link SettingsStore#lockForChange}) then waits for this transaction, or this read waits for the
   * change to commit and sees its result, so the audit trail's order is the order in which each
   * command saw the settings. A store that can reads both in one statement; by default the account
   * is locked first and the settings read after ({@link #lockAllUsers} of a settings change in
   * flight is then waited for).
   *
   * @param settings the settings port of the same store and transaction
   * @return the held account with the settings in force, or empty when there is no such user
   */
  default Optional<HeldAccount> lockUserHoldingSettings(TenantId tenant, UserId id, SettingsStore settings) {
    // the account first: a settings change holding every account makes this wait, and then read its settings
    return lockUser(tenant, id).map(account -> new HeldAccount(account, settings.hold(tenant)));
  }

  /**
   * An account held by {@link #lockUserHoldingSettings} with the tenant settings read with it.
   *
   * @param account the account as it is now, locked until the transaction ends
   * @param settings the tenant's settings, which no change can replace until the transaction ends
   */
  record HeldAccount(UserAccount account, TenantSettings settings) {
    public HeldAccount {
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(settings, "settings");
    }
  }

  /**
   * {@link #lockUser} for many users at once (a bulk run's chunk): reads the accounts that exist and
   * holds them until the transaction ends, taking the locks in ascending id order so two runs never
   * deadlock on each other.
   *
   * @return the accounts found, by id
   */
  default Map<UserId, UserAccount> lockUsers(TenantId tenant, Collection<UserId> ids) {
    Map<UserId, UserAccount> found = new LinkedHashMap<>();
    ids.stream().distinct().sorted().forEach(id -> lockUser(tenant, id).ifPresent(user -> found.put(id, user)));
    return found;
  }

  /**
   * {@link #lockUsers} without waiting: holds the accounts of {@code ids} that exist and answers
   * true when no other transaction holds any of them, and answers false otherwise. A command that
   * already holds an account takes the accounts with lower ids this way, so that it never waits for
   * an account while holding a later one: two such commands cannot wait for each other in a cycle.
   * After false the transaction may only be rolled back (PostgreSQL has failed it); the caller ends
   * its attempt with a conflict and the command runs again holding those accounts first. A store
   * whose transactions cannot wait for each other in a cycle (they run one at a time) may wait as
   * {@link #lockUsers} does and answer true; that is the default.
   *
   * @return whether the accounts are held now
   */
  default boolean tryLockUsers(TenantId tenant, Collection<UserId> ids) {
    lockUsers(tenant, ids);
    return true;
  }

  /**
   * Which of {@code ids} have an account in the tenant, read without locking anything (a bulk
   * import's chunk asks it of the ids it is about to register: there is no row to lock for an id
   * that is free, and a free id taken meanwhile by another writer fails the insert of the chunk's
   * accounts). A store answers it with one query for the whole collection.
   *
   * @return the ids that have an account, in no particular order
   */
  default Set<UserId> existingUsers(TenantId tenant, Collection<UserId> ids) {
    Set<UserId> found = new HashSet<>();
    ids.stream().distinct().forEach(id -> findUser(tenant, id).ifPresent(user -> found.add(id)));
    return found;
  }

  /**
   * Holds every account of the tenant until the current transaction ends, as {@link #lockUser} holds
   * one. Taken by a settings change that makes suspended users give up their seats: a suspension or
   * an assignment that holds its account (and reads the settings after) then either commits before
   * the change, or waits for it and reads the new setting, so no suspended user keeps a seat that the
   * setting in force when their change committed forbade. Locks in ascending id order, as
   * {@link #lockUsers} does.
   */
  default void lockAllUsers(TenantId tenant) {
    lockUsers(tenant, listUsers(tenant).stream().map(UserAccount::id).toList());
  }

  /**
   * Holds, until the current transaction ends, what moving {@code root} under another parent must
   * hold so that no command changes whose seats the move may release: the accounts of every member
   * of {@code root} and of the organizations below it, in ascending id order, and the subtree
   * itself against new members, so a membership added to it by a command in flight either commits
   * before this returns (its user is then among the held members) or waits for the move to end and
   * then reads the new tree. Accounts of users outside the subtree are not held, so commands on
   * other organizations go on meanwhile.
   *
   * <p>The default holds every account of the tenant ({@link #lockAllUsers}): a membership is only
   * ever added by a command holding its user's account, so that is enough for any store, at the
   * price of making every command of the tenant wait for the move. A store whose membership writes
   * can wait for a held organization overrides it.
   *
   * @return the members of the subtree, all held, in id order
   * @throws org.licensekit.core.ConflictException with code {@code USER_CHANGED_CONCURRENTLY} when a
   *     user who joined the subtree meanwhile is held by another command; the caller's transaction
   *     may then only be rolled back, and the command is run again
   */
  default SortedSet<UserId> holdMembers(TenantId tenant, OrganizationId root) {
    lockAllUsers(tenant);
    Set<OrganizationId> subtree = org.licensekit.core.policy.OrganizationTree.of(listOrganizations(tenant)).subtree(root);
    SortedSet<UserId> members = new TreeSet<>();
    membershipsOfUsers(tenant, listUsers(tenant).stream().map(UserAccount::id).toList()).forEach((user, memberships) -> {
      if (memberships.stream().anyMatch(membership -> subtree.contains(membership.organization()))) {
        members.add(user);
      }
    });
    return members;
  }

  List<UserAccount> listUsers(TenantId tenant);

  /**
   * New user accounts for many users at once (a bulk registration's chunk), as batches.
   *
   * @throws org.licensekit.core.ConflictException with code {@code DUPLICATE_USER} when an id is
   *     taken; nothing of the batch is then kept once the caller's transaction rolls back
   */
  default void insertUsers(TenantId tenant, Collection<UserAccount> users) {
    users.forEach(user -> insertUser(tenant, user));
  }

  /**
   * Inserts or replaces the membership of its user in its organization. Roles are written one by
   * one (the ones not named removed, the missing ones added, one already there left alone), so two
   * concurrent writes never fail on a duplicate role.
   */
  void saveMembership(TenantId tenant, Membership membership);

  /**
   * Adds {@code granted} and removes {@code revoked} roles of the user's membership of
   * {@code organization}, adding the membership when there is none; roles neither named stay as they
   * are, so concurrent grants of different roles both survive. Granting a role held already, or
   * revoking one not held, changes nothing.
   */
  void changeRoles(TenantId tenant, UserId user, OrganizationId organization, Set<RoleId> granted, Set<RoleId> revoked);

  /** Removes the membership; returns false when there was none. */
  boolean deleteMembership(TenantId tenant, UserId user, OrganizationId organization);

  /** The user's memberships, ordered by organization id. */
  List<Membership> membershipsOf(TenantId tenant, UserId user);

  /**
   * {@link #membershipsOf(TenantId, UserId)} for many users at once (a bulk run's chunk).
   *
   * @return each user's memberships, ordered by organization id; a user with none maps to an empty list
   */
  default Map<UserId, List<Membership>> membershipsOfUsers(TenantId tenant, Collection<UserId> users) {
    Map<UserId, List<Membership>> found = new LinkedHashMap<>();
    users.forEach(user -> found.put(user, membershipsOf(tenant, user)));
    return found;
  }

  /**
   * Adds each membership's roles to its user's membership of its organization, adding the
   * membership when there is none — {@link #changeRoles} with nothing revoked, for many users at
   * once, as batches.
   */
  default void grantRoles(TenantId tenant, Collection<Membership> grants) {
    grants.forEach(m -> changeRoles(tenant, m.user(), m.organization(), m.roles(), Set.of()));
  }

  /**
   * Writes the memberships, with their roles, of accounts this transaction has just inserted
   * ({@link #insertUsers}): a bulk new-user setup's chunk. The caller guarantees that each account
   * was inserted by the running transaction and has no membership and no claim yet, and that each
   * user and organization appears at most once, so a store may skip what {@link #grantRoles} does
   * for existing users (merging with memberships already there, re-keying the users' claims).
   * By default {@link #grantRoles}.
   */
  default void enrollNewAccounts(TenantId tenant, Collection<Membership> memberships) {
    grantRoles(tenant, memberships);
  }
}
