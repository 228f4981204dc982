package org.licensekit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.InputRules;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.SettingsStore;

/** Organizations, user accounts, and memberships with their roles. */
final class JdbcDirectoryStore implements DirectoryStore {

  private static final String USER_COLUMNS = "id, name, email, job_profile_id, status, end_date, created_at, version";
  /** The columns {@link #insertUsers} writes, with their types, for {@link BulkInsert}. */
  private static final List<BulkInsert.Column> USER_ROW = List.of(new BulkInsert.Column("tenant_id", "varchar"),
      new BulkInsert.Column("id", "varchar"), new BulkInsert.Column("name", "text"), new BulkInsert.Column("email", "text"),
      new BulkInsert.Column("job_profile_id", "varchar"), new BulkInsert.Column("status", "varchar"),
      new BulkInsert.Column("end_date", "date"), new BulkInsert.Column("created_at", "timestamptz"),
      new BulkInsert.Column("version", "bigint"), new BulkInsert.Column("email_key", "varchar"),
      new BulkInsert.Column("name_key", "varchar"));
  private static final List<BulkInsert.Column> MEMBERSHIP_ROW = List.of(new BulkInsert.Column("tenant_id", "varchar"),
      new BulkInsert.Column("user_id", "varchar"), new BulkInsert.Column("organization_id", "varchar"));
  private static final List<BulkInsert.Column> ROLE_ROW = List.of(new BulkInsert.Column("tenant_id", "varchar"),
      new BulkInsert.Column("user_id", "varchar"), new BulkInsert.Column("organization_id", "varchar"),
      new BulkInsert.Column("role_id", "varchar"));

  /** {@link #USER_COLUMNS} of the users table aliased {@code u}, for {@link #user(ResultSet)}. */
  static final String USER_COLUMNS_OF_U =
      "u.id, u.name, u.email, u.job_profile_id, u.status, u.end_date, u.created_at, u.version";

  /** The transaction-local setting under which the memberships' insert trigger re-keys no claim (schema version 32). */
  static final String NEW_ACCOUNTS_SETTING = "licensekit.members_of_new_accounts";

  private final Sql sql;
  private final Tables tables;
  private final JdbcSettingsStore settings;
  private final FirstImportStatistics firstImport;
  private final String selectMemberships;
  private final String lockUserHoldingSettings;

  JdbcDirectoryStore(Sql sql, Tables tables, JdbcSettingsStore settings) {
    this.sql = sql;
    this.tables = tables;
    this.settings = settings;
    this.firstImport = new FirstImportStatistics(sql, tables);
    this.lockUserHoldingSettings = "SELECT " + USER_COLUMNS_OF_U + ", " + JdbcSettingsStore.COLUMNS_OF_S + " FROM " + tables.users()
        + " u JOIN " + tables.tenantSettings() + " s ON s.tenant_id = u.tenant_id WHERE u.tenant_id = ? AND u.id = ?"
        + " FOR UPDATE OF u FOR SHARE OF s";
    this.selectMemberships = "SELECT m.user_id, m.organization_id, r.role_id FROM " + tables.memberships() + " m LEFT JOIN "
        + tables.membershipRoles() + " r ON r.tenant_id = m.tenant_id AND r.user_id = m.user_id"
        + " AND r.organization_id = m.organization_id WHERE m.tenant_id = ? AND m.user_id = ?";
  }

  @Override
  public void saveOrganization(TenantId tenant, Organization organization) {
    // a new child waits for a move holding its parent (holdMembers), so the move's subtree cannot grow unseen
    organization.parent().ifPresent(parent -> holdForNewMembers(tenant, List.of(parent)));
    sql.upsert(tables.organizations(), List.of("tenant_id", "id"), List.of("name", "parent_id"),
        tenant.value(), organization.id().value(), organization.name(), organization.parent().map(OrganizationId::value));
  }

  @Override
  public Optional<Organization> findOrganization(TenantId tenant, OrganizationId id) {
    return sql.first("SELECT id, name, parent_id FROM " + tables.organizations() + " WHERE tenant_id = ? AND id = ?",
        JdbcDirectoryStore::organization, tenant.value(), id.value());
  }

  @Override
  public List<Organization> listOrganizations(TenantId tenant) {
    return sql.list("SELECT id, name, parent_id FROM " + tables.organizations() + " WHERE tenant_id = ? ORDER BY id",
        JdbcDirectoryStore::organization, tenant.value());
  }

  private static Organization organization(ResultSet row) throws SQLException {
    return new Organization(OrganizationId.of(row.getString("id")), row.getString("name"),
        Rows.optionalString(row, "parent_id").map(OrganizationId::of));
  }

  @Override
  public void insertUser(TenantId tenant, UserAccount user) {
    boolean inserted = sql.insertUnlessDuplicate(
        "INSERT INTO " + tables.users() + " (tenant_id, " + USER_COLUMNS + ", email_key, name_key) VALUES (" + Dialect.placeholders(11) + ")",
        "(tenant_id, id)",
        tenant.value(), user.id().value(), user.name(), user.email(), user.jobProfile().map(JobProfileId::value),
        user.status(), user.endDate(), user.createdAt(), user.version(), InputRules.email(user.email()), InputRules.searchKey(user.name()));
    if (!inserted) {
      throw new ConflictException(ErrorCode.DUPLICATE_USER, "A user with id '" + user.id() + "' exists already in this tenant");
    }
  }

  /**
   * One write for the whole collection ({@link BulkInsert#insert}: {@code COPY} on PostgreSQL where
   * allowed, else one {@code INSERT … SELECT FROM unnest}; a JDBC batch on H2); an id taken meanwhile
   * fails it whole. At the store's second chunk, gives tables never analyzed their first statistics
   * ({@link FirstImportStatistics}).
   */
  @Override
  public void insertUsers(TenantId tenant, Collection<UserAccount> users) {
    try {
      sql.bulk().insert(tables.users(), USER_ROW, users.stream().map(user -> new Object[] {
              tenant.value(), user.id().value(), user.name(), user.email(), user.jobProfile().map(JobProfileId::value),
              user.status(), user.endDate(), user.createdAt(), user.version(), InputRules.email(user.email()),
              InputRules.searchKey(user.name())}).toList());
      firstImport.afterAccountsWritten();
    } catch (SqlFailure failure) {
      if (failure.kind() == SqlFailure.Kind.DUPLICATE) {
        throw new ConflictException(ErrorCode.DUPLICATE_USER, "A user of the batch of " + users.size()
            + " has an id taken meanwhile in this tenant");
      }
      throw failure;
    }
  }

  @Override
  public boolean updateUser(TenantId tenant, UserAccount user) {
    return sql.update("UPDATE " + tables.users()
            + " SET name = ?, email = ?, job_profile_id = ?, status = ?, end_date = ?, created_at = ?, email_key = ?, name_key = ?, version = ?"
            + " WHERE tenant_id = ? AND id = ? AND version = ?",
        user.name(), user.email(), user.jobProfile().map(JobProfileId::value), user.status(), user.endDate(),
        user.createdAt(), InputRules.email(user.email()), InputRules.searchKey(user.name()), user.version() + 1,
        tenant.value(), user.id().value(), user.version()) == 1;
  }

  @Override
  public Optional<UserAccount> findUser(TenantId tenant, UserId id) {
    return sql.first("SELECT " + USER_COLUMNS + " FROM " + tables.users() + " WHERE tenant_id = ? AND id = ?",
        JdbcDirectoryStore::user, tenant.value(), id.value());
  }

  @Override
  public Optional<UserAccount> lockUser(TenantId tenant, UserId id) {
    return sql.first("SELECT " + USER_COLUMNS + " FROM " + tables.users() + " WHERE tenant_id = ? AND id = ? FOR UPDATE",
        JdbcDirectoryStore::user, tenant.value(), id.value());
  }

  /**
   * On PostgreSQL one statement: the account {@code FOR UPDATE} joined with the tenant's settings
   * row {@code FOR SHARE}. No row means no such user, or a tenant without its settings row yet,
   * which is then added and the read repeated (once per tenant).
   */
  @Override
  public Optional<HeldAccount> lockUserHoldingSettings(TenantId tenant, UserId id, SettingsStore settingsPort) {
    if (!sql.postgres()) {
      return DirectoryStore.super.lockUserHoldingSettings(tenant, id, settingsPort);
    }
    Optional<HeldAccount> held = lockWithSettings(tenant, id);
    if (held.isPresent()) {
      return held;
    }
    settings.addRowIfMissing(tenant);
    return lockWithSettings(tenant, id);
  }

  private Optional<HeldAccount> lockWithSettings(TenantId tenant, UserId id) {
    return sql.first(lockUserHoldingSettings, row -> new HeldAccount(user(row), settings.settings(row)), tenant.value(), id.value());
  }

  /**
   * One {@code SELECT … FOR UPDATE} in id order for the whole chunk. On PostgreSQL one probe of the
   * primary key per id, in id order, over {@code unnest(?::varchar[])} behind {@code OFFSET 0}: a
   * bulk registration locks ids that do not exist yet, and inside its one transaction (no statistics
   * of the accounts it wrote) an {@code IN} list was planned as a scan of the tenant's growing
   * accounts. On H2 an {@code IN} list.
   */
  @Override
  public Map<UserId, UserAccount> lockUsers(TenantId tenant, Collection<UserId> ids) {
    Map<UserId, UserAccount> found = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    if (sql.postgres()) {
      lockInIdOrder(tenant, ids, "").forEach(user -> found.put(user.id(), user));
      return found;
    }
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    ids.forEach(id -> params.add(id.value()));
    sql.list("SELECT " + USER_COLUMNS + " FROM " + tables.users() + " WHERE tenant_id = ? AND id IN ("
            + Dialect.placeholders(ids.size()) + ") ORDER BY id FOR UPDATE", JdbcDirectoryStore::user, params.toArray())
        .forEach(user -> found.put(user.id(), user));
    return found;
  }

  /**
   * On PostgreSQL the statement of {@link #lockUsers} with {@code NOWAIT}: a row another transaction
   * holds fails it at once (SQLSTATE 55P03) instead of waiting, which fails the transaction too; the
   * caller ends its attempt. H2 waits, as {@link #lockUsers} does.
   */
  @Override
  public boolean tryLockUsers(TenantId tenant, Collection<UserId> ids) {
    if (ids.isEmpty() || !sql.postgres()) {
      lockUsers(tenant, ids);
      return true;
    }
    try {
      lockInIdOrder(tenant, ids, " NOWAIT");
      return true;
    } catch (RuntimeException e) {
      SqlFailure failure = SqlFailure.find(e);
      if (failure != null && LOCK_NOT_AVAILABLE.equals(failure.sqlException().getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /** PostgreSQL's SQLSTATE for a row lock that {@code NOWAIT} did not get. */
  private static final String LOCK_NOT_AVAILABLE = "55P03";

  /** The accounts of {@code ids} locked one primary-key probe at a time, in id order ({@code wait}: "" or " NOWAIT"). */
  private List<UserAccount> lockInIdOrder(TenantId tenant, Collection<UserId> ids, String wait) {
    // sorted as the database orders these ids (COLLATE "C": by code point), so rows are locked in id order
    String[] sorted = ids.stream().map(UserId::value).distinct().sorted(java.util.Comparator.comparing(
        (String id) -> id.codePoints().toArray(), java.util.Arrays::compare)).toArray(String[]::new);
    return sql.list("SELECT x.* FROM unnest(?::varchar[]) WITH ORDINALITY AS k(id, n) CROSS JOIN LATERAL (SELECT " + USER_COLUMNS
            + " FROM " + tables.users() + " u WHERE u.tenant_id = ? AND u.id = k.id COLLATE \"C\" OFFSET 0 FOR UPDATE" + wait
            + ") x ORDER BY k.n", JdbcDirectoryStore::user, sorted, tenant.value());
  }

  /**
   * One query for the whole collection, locking nothing. On PostgreSQL one probe of the primary key
   * per id over {@code unnest(?::varchar[])} behind {@code OFFSET 0}, reading the key only, so the
   * plan does not depend on the statistics (a first import runs before any {@code ANALYZE} of the
   * accounts it writes); on H2 an {@code IN} list.
   */
  @Override
  public Set<UserId> existingUsers(TenantId tenant, Collection<UserId> ids) {
    Set<UserId> found = new java.util.HashSet<>();
    if (ids.isEmpty()) {
      return found;
    }
    if (sql.postgres()) {
      sql.list("SELECT x.id FROM unnest(?::varchar[]) AS k(id) CROSS JOIN LATERAL (SELECT u.id FROM " + tables.users()
              + " u WHERE u.tenant_id = ? AND u.id = k.id COLLATE \"C\" OFFSET 0) x",
          row -> UserId.of(row.getString(1)), ids.stream().map(UserId::value).distinct().toArray(String[]::new), tenant.value())
          .forEach(found::add);
      return found;
    }
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    List<String> distinct = ids.stream().map(UserId::value).distinct().toList();
    params.addAll(distinct);
    sql.list("SELECT id FROM " + tables.users() + " WHERE tenant_id = ? AND id IN (" + Dialect.placeholders(distinct.size()) + ")",
        row -> UserId.of(row.getString(1)), params.toArray()).forEach(found::add);
    return found;
  }

  /**
   * One query for the whole collection, locking nothing: on PostgreSQL one probe of the primary key
   * per id over {@code unnest(?::varchar[])} behind {@code OFFSET 0}, as {@link #existingUsers}; on H2
   * an {@code IN} list.
   */
  @Override
  public Map<UserId, UserAccount> findUsers(TenantId tenant, Collection<UserId> ids) {
    Map<UserId, UserAccount> found = new LinkedHashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    List<String> distinct = ids.stream().map(UserId::value).distinct().toList();
    List<UserAccount> accounts;
    if (sql.postgres()) {
      accounts = sql.list("SELECT x.* FROM unnest(?::varchar[]) AS k(id) CROSS JOIN LATERAL (SELECT " + USER_COLUMNS + " FROM "
          + tables.users() + " u WHERE u.tenant_id = ? AND u.id = k.id COLLATE \"C\" OFFSET 0) x",
          JdbcDirectoryStore::user, distinct.toArray(String[]::new), tenant.value());
    } else {
      List<Object> params = new ArrayList<>();
      params.add(tenant.value());
      params.addAll(distinct);
      accounts = sql.list("SELECT " + USER_COLUMNS + " FROM " + tables.users() + " WHERE tenant_id = ? AND id IN ("
          + Dialect.placeholders(distinct.size()) + ")", JdbcDirectoryStore::user, params.toArray());
    }
    accounts.forEach(user -> found.put(user.id(), user));
    return found;
  }

  /**
   * On PostgreSQL: the members' accounts first ({@link #lockUsers}, in id order: the lock order puts
   * accounts before organizations, as a command adding a membership holds its user's account before
   * the organization), then the subtree's organization rows {@code FOR UPDATE}, in id order, until
   * the subtree read after the lock holds nothing new. A membership added
   * ({@link #changeRoles}, {@link #grantRoles}) or a child defined ({@link #saveOrganization}) takes
   * its organization row {@code FOR KEY SHARE}, which conflicts with {@code FOR UPDATE}: one in
   * flight is waited for here, a later one waits for the move. Users who joined between the first
   * read of the members and the organizations' lock are then taken without waiting
   * ({@link #tryLockUsers}). H2 has no shared row lock to make such writes wait for each other only
   * when they meet, so it keeps the default: every account of the tenant.
   */
  @Override
  public java.util.SortedSet<UserId> holdMembers(TenantId tenant, OrganizationId root) {
    if (!sql.postgres()) {
      return DirectoryStore.super.holdMembers(tenant, root);
    }
    java.util.SortedSet<UserId> held = new java.util.TreeSet<>(lockUsers(tenant, membersOf(tenant, subtree(tenant, root))).keySet());
    Set<String> locked = new java.util.HashSet<>();
    for (List<String> fresh = subtree(tenant, root); !fresh.isEmpty();
        fresh = subtree(tenant, root).stream().filter(id -> !locked.contains(id)).toList()) {
      sql.list("SELECT id FROM " + tables.organizations() + " WHERE tenant_id = ? AND id = ANY(?::varchar[]) ORDER BY id FOR UPDATE",
          row -> row.getString(1), tenant.value(), fresh.toArray(String[]::new));
      locked.addAll(fresh);
    }
    java.util.SortedSet<UserId> members = new java.util.TreeSet<>(membersOf(tenant, locked));
    List<UserId> joined = members.stream().filter(user -> !held.contains(user)).toList();
    if (!joined.isEmpty() && !tryLockUsers(tenant, joined)) {
      throw new ConflictException(ErrorCode.USER_CHANGED_CONCURRENTLY,
          "A user who joined organization " + root + " while it moved is held by another command; the move runs again");
    }
    return members;
  }

  /** {@code root} and every organization below it, read without a lock (one recursive query). */
  private List<String> subtree(TenantId tenant, OrganizationId root) {
    return sql.list("WITH RECURSIVE t(id) AS (SELECT id FROM " + tables.organizations() + " WHERE tenant_id = ? AND id = ?"
            + " UNION SELECT o.id FROM " + tables.organizations() + " o JOIN t ON o.tenant_id = ? AND o.parent_id = t.id)"
            + " SELECT id FROM t", row -> row.getString(1), tenant.value(), root.value(), tenant.value());
  }

  /** The users with a membership of any of {@code organizations}, read without a lock. */
  private List<UserId> membersOf(TenantId tenant, Collection<String> organizations) {
    if (organizations.isEmpty()) {
      return List.of();
    }
    return sql.list("SELECT DISTINCT user_id FROM " + tables.memberships() + " WHERE tenant_id = ? AND organization_id = ANY(?::varchar[])",
        row -> UserId.of(row.getString(1)), tenant.value(), organizations.toArray(String[]::new));
  }

  /**
   * On PostgreSQL, {@code FOR KEY SHARE} of the organization rows a write is about to add members
   * or children to, in id order: many such writes share it, and a move holding the row
   * ({@link #holdMembers}) makes them wait until it ends. H2 takes nothing (see {@link #holdMembers}).
   */
  private void holdForNewMembers(TenantId tenant, Collection<OrganizationId> organizations) {
    if (sql.postgres() && !organizations.isEmpty()) {
      sql.list("SELECT id FROM " + tables.organizations() + " WHERE tenant_id = ? AND id = ANY(?::varchar[]) ORDER BY id FOR KEY SHARE",
          row -> row.getString(1), tenant.value(), organizations.stream().map(OrganizationId::value).distinct().toArray(String[]::new));
    }
  }

  /** One {@code SELECT id … FOR UPDATE} in id order; the accounts are not read. */
  @Override
  public void lockAllUsers(TenantId tenant) {
    sql.list("SELECT id FROM " + tables.users() + " WHERE tenant_id = ? ORDER BY id FOR UPDATE", row -> row.getString(1),
        tenant.value());
  }

  @Override
  public List<UserAccount> listUsers(TenantId tenant) {
    return sql.list("SELECT " + USER_COLUMNS + " FROM " + tables.users() + " WHERE tenant_id = ? ORDER BY id",
        JdbcDirectoryStore::user, tenant.value());
  }

  static UserAccount user(ResultSet row) throws SQLException {
    return UserAccount.builder()
        .id(UserId.of(row.getString("id")))
        .name(row.getString("name"))
        .email(row.getString("email"))
        .jobProfile(Rows.optionalString(row, "job_profile_id").map(JobProfileId::of))
        .status(Rows.enumValue(row, "status", AccountStatus.class))
        .endDate(Rows.optionalDate(row, "end_date"))
        .createdAt(Rows.instant(row, "created_at"))
        .version(row.getLong("version"))
        .build();
  }

  @Override
  public void saveMembership(TenantId tenant, Membership membership) {
    Set<RoleId> stored = membershipsOf(tenant, membership.user()).stream()
        .filter(m -> m.organization().equals(membership.organization()))
        .findFirst().map(Membership::roles).orElse(Set.of());
    changeRoles(tenant, membership.user(), membership.organization(), membership.roles(),
        stored.stream().filter(role -> !membership.roles().contains(role)).collect(Collectors.toSet()));
  }

  /**
   * Role rows are inserted and deleted one by one, never deleted and inserted again as a set: a
   * concurrent grant of another role survives, and one of the same role is no duplicate-key failure.
   */
  @Override
  public void changeRoles(TenantId tenant, UserId user, OrganizationId organization, Set<RoleId> granted, Set<RoleId> revoked) {
    if (sql.postgres() && revoked.isEmpty() && !granted.isEmpty()) {
      grantInOneStatement(tenant, user, organization, granted);
      return;
    }
    if (sql.postgres() && !granted.isEmpty()) {
      holdForNewMember(tenant, user, organization);
    }
    sql.insertUnlessDuplicate("INSERT INTO " + tables.memberships() + " (tenant_id, user_id, organization_id) VALUES (?, ?, ?)",
        "(tenant_id, user_id, organization_id)", tenant.value(), user.value(), organization.value());
    for (RoleId role : revoked.stream().sorted().toList()) {
      sql.update("DELETE FROM " + tables.membershipRoles() + " WHERE tenant_id = ? AND user_id = ? AND organization_id = ? AND role_id = ?",
          tenant.value(), user.value(), organization.value(), role.value());
    }
    for (RoleId role : granted.stream().sorted().toList()) {
      sql.insertUnlessDuplicate("INSERT INTO " + tables.membershipRoles() + " (tenant_id, user_id, organization_id, role_id) VALUES (?, ?, ?, ?)",
          "(tenant_id, user_id, organization_id, role_id)", tenant.value(), user.value(), organization.value(), role.value());
    }
  }

  /**
   * The organization row {@code FOR KEY SHARE} when the user is not a member yet (a member is held
   * by a move as a member: see {@link #holdMembers}); parameters: {@link #newMemberHoldParams}.
   */
  private static final String NEW_MEMBER_HOLD = "SELECT o.id FROM %1$s o WHERE o.tenant_id = ? AND o.id = ? AND NOT EXISTS"
      + " (SELECT 1 FROM %2$s m WHERE m.tenant_id = o.tenant_id AND m.user_id = ? AND m.organization_id = o.id) FOR KEY SHARE OF o";

  private static List<Object> newMemberHoldParams(TenantId tenant, UserId user, OrganizationId organization) {
    return List.of(tenant.value(), organization.value(), user.value());
  }

  /** {@link #NEW_MEMBER_HOLD} as a statement of its own. */
  private void holdForNewMember(TenantId tenant, UserId user, OrganizationId organization) {
    sql.list(NEW_MEMBER_HOLD.formatted(tables.organizations(), tables.memberships()), row -> row.getString(1),
        newMemberHoldParams(tenant, user, organization).toArray());
  }

  /**
   * A grant on PostgreSQL in one round trip: the membership, unless there, and each role row,
   * unless there, by one statement (the membership's insert in a data-modifying {@code WITH}, so
   * the role rows' membership check, a statement trigger since schema version 33, finds it).
   */
  private void grantInOneStatement(TenantId tenant, UserId user, OrganizationId organization, Set<RoleId> granted) {
    List<RoleId> roles = granted.stream().sorted().toList();
    List<Object> params = new ArrayList<>(newMemberHoldParams(tenant, user, organization));
    params.addAll(List.of(tenant.value(), user.value(), organization.value()));
    roles.forEach(role -> params.addAll(List.of(tenant.value(), user.value(), organization.value(), role.value())));
    // the organization row's FOR KEY SHARE is read by the membership's insert, so it is taken before it (holdMembers)
    sql.update("WITH organization AS (" + NEW_MEMBER_HOLD.formatted(tables.organizations(), tables.memberships()) + "),"
        + " membership AS (INSERT INTO " + tables.memberships() + " (tenant_id, user_id, organization_id)"
        + " SELECT ?, ?, ? FROM (SELECT count(*) FROM organization) held"
        + " ON CONFLICT (tenant_id, user_id, organization_id) DO NOTHING) INSERT INTO " + tables.membershipRoles()
        + " (tenant_id, user_id, organization_id, role_id) VALUES "
        + String.join(", ", java.util.Collections.nCopies(roles.size(), "(" + Dialect.placeholders(4) + ")"))
        + " ON CONFLICT (tenant_id, user_id, organization_id, role_id) DO NOTHING", params.toArray());
  }

  /**
   * Two writes ({@link BulkInsert#insertMissing}: one {@code INSERT … SELECT FROM unnest … ON
   * CONFLICT DO NOTHING} each on PostgreSQL, a JDBC batch of {@code MERGE} on H2): the memberships
   * missing, then the role rows missing.
   */
  @Override
  public void grantRoles(TenantId tenant, Collection<Membership> grants) {
    holdForNewMembers(tenant, grants.stream().map(Membership::organization).sorted().toList());
    sql.bulk().insertMissing(tables.memberships(), MEMBERSHIP_ROW, grants.stream()
        .map(m -> new Object[] {tenant.value(), m.user().value(), m.organization().value()}).toList());
    sql.bulk().insertMissing(tables.membershipRoles(), ROLE_ROW, grants.stream()
        .flatMap(m -> m.roles().stream().sorted().map(role -> new Object[] {
            tenant.value(), m.user().value(), m.organization().value(), role.value()}))
        .toList());
  }

  /**
   * On PostgreSQL: the organizations held as {@link #grantRoles} holds them, then the memberships and
   * their role rows copied in (the accounts are the transaction's own, so nothing can conflict),
   * with {@value #NEW_ACCOUNTS_SETTING} on for the two statements: the memberships' re-key trigger
   * (schema version 32) is not fired, since these users have no claim to re-key yet. H2: {@link
   * #grantRoles}.
   */
  @Override
  public void enrollNewAccounts(TenantId tenant, Collection<Membership> memberships) {
    if (!sql.postgres()) {
      grantRoles(tenant, memberships);
      return;
    }
    holdForNewMembers(tenant, memberships.stream().map(Membership::organization).sorted().toList());
    sql.list("SELECT set_config('" + NEW_ACCOUNTS_SETTING + "', 'on', true)", row -> row.getString(1));
    sql.bulk().insert(tables.memberships(), MEMBERSHIP_ROW, memberships.stream()
        .map(m -> new Object[] {tenant.value(), m.user().value(), m.organization().value()}).toList());
    sql.bulk().insert(tables.membershipRoles(), ROLE_ROW, memberships.stream()
        .flatMap(m -> m.roles().stream().sorted().map(role -> new Object[] {
            tenant.value(), m.user().value(), m.organization().value(), role.value()}))
        .toList());
    sql.list("SELECT set_config('" + NEW_ACCOUNTS_SETTING + "', 'off', true)", row -> row.getString(1));
  }

  @Override
  public boolean deleteMembership(TenantId tenant, UserId user, OrganizationId organization) {
    sql.update("DELETE FROM " + tables.membershipRoles() + " WHERE tenant_id = ? AND user_id = ? AND organization_id = ?",
        tenant.value(), user.value(), organization.value());
    return sql.update("DELETE FROM " + tables.memberships() + " WHERE tenant_id = ? AND user_id = ? AND organization_id = ?",
        tenant.value(), user.value(), organization.value()) == 1;
  }

  @Override
  public List<Membership> membershipsOf(TenantId tenant, UserId user) {
    List<JoinedRows.Row<Membership, RoleId>> rows = sql.list(selectMemberships + " ORDER BY m.organization_id, r.role_id",
        row -> new JoinedRows.Row<>(
            row.getString("organization_id"),
            Membership.of(UserId.of(row.getString("user_id")), OrganizationId.of(row.getString("organization_id")), Set.of()),
            Rows.optionalString(row, "role_id").map(RoleId::of)),
        tenant.value(), user.value());
    return JoinedRows.fold(rows, (membership, roles) -> Membership.of(membership.user(), membership.organization(), roles));
  }

  /** One query for the whole chunk. */
  @Override
  public Map<UserId, List<Membership>> membershipsOfUsers(TenantId tenant, Collection<UserId> users) {
    Map<UserId, List<Membership>> found = new LinkedHashMap<>();
    users.forEach(user -> found.put(user, new ArrayList<>()));
    if (users.isEmpty()) {
      return found;
    }
    List<Object> params = new ArrayList<>();
    String select;
    if (sql.postgres()) {
      // one probe per user, as in JdbcClaimStore.findLiveOfUsers: statistics go stale inside a bulk run
      params.add(users.stream().map(UserId::value).toArray(String[]::new));
      params.add(tenant.value());
      select = "SELECT m.user_id, m.organization_id, m.role_id FROM unnest(?::varchar[]) AS u(id) CROSS JOIN LATERAL"
          + " (SELECT m.user_id, m.organization_id, r.role_id FROM " + tables.memberships() + " m LEFT JOIN "
          + tables.membershipRoles() + " r ON r.tenant_id = m.tenant_id AND r.user_id = m.user_id"
          + " AND r.organization_id = m.organization_id WHERE m.tenant_id = ? AND m.user_id = u.id COLLATE \"C\" OFFSET 0) m"
          + " ORDER BY m.user_id, m.organization_id, m.role_id";
    } else {
      params.add(tenant.value());
      users.forEach(user -> params.add(user.value()));
      select = "SELECT m.user_id, m.organization_id, r.role_id FROM " + tables.memberships() + " m LEFT JOIN "
          + tables.membershipRoles() + " r ON r.tenant_id = m.tenant_id AND r.user_id = m.user_id"
          + " AND r.organization_id = m.organization_id WHERE m.tenant_id = ? AND m.user_id IN ("
          + Dialect.placeholders(users.size()) + ") ORDER BY m.user_id, m.organization_id, r.role_id";
    }
    List<JoinedRows.Row<Membership, RoleId>> rows = sql.list(select,
        row -> new JoinedRows.Row<>(
            row.getString("user_id") + "\n" + row.getString("organization_id"),
            Membership.of(UserId.of(row.getString("user_id")), OrganizationId.of(row.getString("organization_id")), Set.of()),
            Rows.optionalString(row, "role_id").map(RoleId::of)),
        params.toArray());
    JoinedRows.fold(rows, (membership, roles) -> Membership.of(membership.user(), membership.organization(), roles))
        .forEach(membership -> found.computeIfAbsent(membership.user(), u -> new ArrayList<>()).add(membership));
    return found;
  }
}
