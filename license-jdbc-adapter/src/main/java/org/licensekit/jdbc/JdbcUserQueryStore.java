package org.licensekit.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.ClaimCondition;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.UserCriteria;
import org.licensekit.core.spi.UserQueryStore;

/**
 * User filters evaluated in SQL: one SELECT over the users table whose conditions are the
 * criteria, with EXISTS subqueries for memberships, roles, claims and training, returning ids in keyset pages
 * ({@code id > ? ORDER BY tenant_id, id}, see {@link #BY_ID}), so the primary key {@code (tenant_id, id)}
 * serves both the order and the page boundary. On PostgreSQL the id columns use the {@code "C"} collation: bytewise order, as
 * {@link UserId#compareTo}. A page of ids of an organization filter on PostgreSQL is read the other way
 * round, from the memberships, in a shape that does not depend on the statistics (see
 * {@code idsByMemberships}); so are a page of accounts and the count of such a filter.
 *
 * <p>Only the shape of the statement depends on the criteria (which conditions, how many markers in
 * an IN list); every value is bound.
 */
final class JdbcUserQueryStore implements UserQueryStore {

  /**
   * A page's order: by id within the tenant, spelled as the primary key's columns. The tenant is
   * fixed by the WHERE clause, so this is the id order; but H2 credits an index with the ORDER BY
   * only when the index's leading columns are the ORDER BY's, and for {@code ORDER BY u.id} it
   * credited none: it chose by the filters alone (a job-profile or status index, even for no
   * filter), read every matching user of the tenant and sorted them for each page of 50 (20,000
   * rows a page with 20,000 users, never analyzed). Ordered by the key's columns it walks the
   * primary key from the page's boundary and stops at the page's end. PostgreSQL treats the fixed
   * tenant column as redundant and plans as before. On H2 a first page is bounded too
   * ({@code u.id > ''}, true of every id): with the boundary's range on the key's second column, H2
   * prefers the key to a status or job-profile index (two equalities) as it does for later pages.
   */
  private static final String BY_ID = " ORDER BY u.tenant_id, u.id";

  /** The escape character of LIKE patterns; not a backslash, whose meaning in literals varies. */
  private static final char ESCAPE = '!';

  private final Sql sql;
  private final Tables tables;

  JdbcUserQueryStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
  }

  @Override
  public List<UserId> findUserIds(TenantId tenant, UserCriteria criteria, Optional<UserId> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    if (fromMemberships(criteria)) {
      return idsByMemberships(tenant, criteria, after, limit);
    }
    ReportSql.Where where = where(tenant, criteria, after);
    where.params().add(limit);
    return sql.list("SELECT u.id FROM " + tables.users() + " u" + where + BY_ID + " FETCH FIRST ? ROWS ONLY",
        row -> UserId.of(row.getString(1)), where.params().toArray());
  }

  /**
   * A page of the users of some organizations (holding a role there, if the criteria name one), on
   * PostgreSQL, read in a shape whose cost does not depend on the statistics. One ordered branch per
   * organization, each starting at the page's boundary on the membership's (or role row's) index
   * and merged in id order; each candidate's account is then checked by its primary key inside a
   * {@code LATERAL} subquery that {@code OFFSET 0} keeps from being flattened, so the planner can only
   * probe it per candidate. The page therefore reads about its own rows wherever it is in the run.
   * In one statement over the whole id range instead, the planner's choice depends on how many users
   * it thinks lie past the boundary; on a fresh install, whose first statistics saw only the first
   * chunk, it thinks none and probed the organization's members from the boundary to the match for
   * every account — a page's square in rows. A user in two of the organizations comes once per
   * membership, adjacently; the repeats are dropped here, and the page read on from its last id if
   * that left it short.
   */
  private List<UserId> idsByMemberships(TenantId tenant, UserCriteria criteria, Optional<UserId> after, int limit) {
    return pageByMemberships(tenant, criteria, after, limit, "1", row -> UserId.of(row.getString(1)), id -> id);
  }

  /**
   * {@link #idsByMemberships}, each row read by {@code columns} of the account {@code u} (in the
   * {@code LATERAL} probe) and {@code mapper}; {@code idOf} names the user of a row.
   */
  private <R> List<R> pageByMemberships(TenantId tenant, UserCriteria criteria, Optional<UserId> after, int limit, String columns,
      Sql.RowMapper<R> mapper, java.util.function.Function<R, UserId> idOf) {
    List<R> page = new ArrayList<>(limit);
    Optional<UserId> from = after;
    while (page.size() < limit) {
      List<Object> params = new ArrayList<>();
      String candidates = candidates(tenant, criteria, from, columns, params);
      params.add(limit);
      List<R> rows = sql.list("SELECT c.user_id, a.* " + candidates + " ORDER BY c.user_id FETCH FIRST ? ROWS ONLY", mapper,
          params.toArray());
      for (R row : rows) {
        if (page.size() < limit && (page.isEmpty() || !idOf.apply(page.get(page.size() - 1)).equals(idOf.apply(row)))) {
          page.add(row);
        }
      }
      if (rows.size() < limit) {
        break;
      }
      from = Optional.of(idOf.apply(rows.get(rows.size() - 1)));
    }
    return List.copyOf(page);
  }

  /**
   * {@code FROM} the members of the criteria's organizations (one ordered branch per organization,
   * from {@code from} on), each checked against the account's conditions by a primary-key probe of
   * its account that {@code OFFSET 0} keeps the planner from flattening ({@link #idsByMemberships}).
   */
  private String candidates(TenantId tenant, UserCriteria criteria, Optional<UserId> from, String columns, List<Object> params) {
    List<String> organizations = criteria.organizations().orElseThrow().stream().map(OrganizationId::value).sorted().toList();
    StringBuilder branches = new StringBuilder();
    for (String organization : organizations) {
      branches.append(branches.length() == 0 ? "" : " UNION ALL ").append(branch(tenant, criteria.role(), organization, from, params));
    }
    ReportSql.Where account = accountConditions(new ReportSql.Where().and("u.tenant_id = ?", tenant.value())
        .and("u.id = c.user_id"), criteria);
    params.addAll(account.params());
    return "FROM (" + branches + ") c (user_id) CROSS JOIN LATERAL (SELECT " + columns + " FROM " + tables.users() + " u" + account
        + " OFFSET 0) a";
  }

  /** Whether the criteria filter by organization and PostgreSQL reads them from the memberships' side. */
  private boolean fromMemberships(UserCriteria criteria) {
    return sql.postgres() && criteria.organizations().filter(orgs -> !orgs.isEmpty()).isPresent();
  }

  /** The ids of one organization's members (holding the role there, if present), from the boundary on. */
  private String branch(TenantId tenant, Optional<RoleId> role, String organization, Optional<UserId> from, List<Object> params) {
    params.add(tenant.value());
    String branch;
    if (role.isPresent()) {
      params.add(role.get().value());
      branch = "(SELECT r.user_id FROM " + tables.membershipRoles() + " r WHERE r.tenant_id = ? AND r.role_id = ?"
          + " AND r.organization_id = ?" + (from.isPresent() ? " AND r.user_id > ?" : "") + " ORDER BY r.user_id)";
    } else {
      branch = "(SELECT m.user_id FROM " + tables.memberships() + " m WHERE m.tenant_id = ? AND m.organization_id = ?"
          + (from.isPresent() ? " AND m.user_id > ?" : "") + " ORDER BY m.user_id)";
    }
    params.add(organization);
    from.ifPresent(id -> params.add(id.value()));
    return branch;
  }

  @Override
  public List<UserAccount> findUsers(TenantId tenant, UserCriteria criteria, Optional<UserId> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    if (fromMemberships(criteria)) {
      return pageByMemberships(tenant, criteria, after, limit, JdbcDirectoryStore.USER_COLUMNS_OF_U, JdbcDirectoryStore::user,
          UserAccount::id);
    }
    ReportSql.Where where = where(tenant, criteria, after);
    where.params().add(limit);
    return sql.list("SELECT " + JdbcDirectoryStore.USER_COLUMNS_OF_U + " FROM " + tables.users() + " u" + where
        + BY_ID + " FETCH FIRST ? ROWS ONLY", JdbcDirectoryStore::user, where.params().toArray());
  }

  @Override
  public long countUsers(TenantId tenant, UserCriteria criteria) {
    if (fromMemberships(criteria)) {
      // the members' ids in one merged order, each probed once: a shape the statistics cannot turn into a per-account walk
      List<Object> params = new ArrayList<>();
      String candidates = candidates(tenant, criteria, Optional.empty(), "1", params);
      return sql.first("SELECT COUNT(DISTINCT c.user_id) " + candidates, row -> row.getLong(1), params.toArray()).orElse(0L);
    }
    ReportSql.Where where = where(tenant, criteria, Optional.empty());
    return sql.first("SELECT COUNT(*) FROM " + tables.users() + " u" + where, row -> row.getLong(1), where.params().toArray())
        .orElse(0L);
  }

  /**
   * The criteria's conditions, and the page's boundary ({@code u.id > ?}) when {@code after} is
   * present. A membership or role condition then repeats the boundary on its own rows
   * ({@code m.user_id > ?}, implied by {@code m.user_id = u.id}): the planner does not carry an
   * inequality across the join, and without it a page read along the organization's (or role's)
   * index walks it from the first member, which makes a bulk run's pages quadratic in its users.
   */
  private ReportSql.Where where(TenantId tenant, UserCriteria c, Optional<UserId> after) {
    ReportSql.Where where = new ReportSql.Where().and("u.tenant_id = ?", tenant.value());
    if (after.isPresent()) {
      where.and("u.id > ?", after.get().value());
    } else if (!sql.postgres()) {
      // every id is longer than '': a first page bounded as a later one is, so H2 costs the primary key as it does there
      where.and("u.id > ?", "");
    }
    accountConditions(where, c);
    if (c.role().isPresent()) {
      holdsRole(where, c.role().get(), c.organizations(), after);
    } else {
      c.organizations().ifPresent(orgs -> memberOf(where, orgs, after));
    }
    return where;
  }

  /** The criteria's conditions other than organizations and role, on the account {@code u}. */
  private ReportSql.Where accountConditions(ReportSql.Where where, UserCriteria c) {
    if (!c.statuses().isEmpty()) {
      where.andIn("u.status", c.statuses());
    }
    c.jobProfile().ifPresent(profile -> where.and("u.job_profile_id = ?", profile.value()));
    c.endsBefore().ifPresent(date -> where.and("u.end_date < ?", date));
    c.text().ifPresent(text -> {
      String pattern = "%" + escapeLike(text) + "%";
      where.and("(COALESCE(u.name_key, LOWER(u.name)) LIKE ? ESCAPE '" + ESCAPE + "'"
              + " OR COALESCE(u.email_key, LOWER(u.email)) LIKE ? ESCAPE '" + ESCAPE + "')",
          pattern, pattern);
    });
    c.claim().ifPresent(condition -> claim(where, condition));
    c.training().ifPresent(criterion -> ReportSql.training(where, tables, "u.tenant_id", "u.id", criterion));
    return where;
  }

  /** As {@link ReportSql#memberOf}, with the page's boundary repeated on the membership. */
  private void memberOf(ReportSql.Where where, Set<OrganizationId> organizations, Optional<UserId> after) {
    List<Object> params = new ArrayList<>();
    organizations.stream().map(OrganizationId::value).sorted().forEach(params::add);
    after.ifPresent(id -> params.add(id.value()));
    where.and("EXISTS (SELECT 1 FROM " + tables.memberships() + " m WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id AND "
        + ReportSql.in("m.organization_id", organizations.size()) + (after.isPresent() ? " AND m.user_id > ?" : "") + ")",
        params.toArray());
  }

  /** As {@link ReportSql#holdsRole}, with the page's boundary repeated on the role row. */
  private void holdsRole(ReportSql.Where where, RoleId role, Optional<Set<OrganizationId>> organizations, Optional<UserId> after) {
    List<Object> params = new ArrayList<>();
    params.add(role.value());
    organizations.ifPresent(orgs -> orgs.stream().map(OrganizationId::value).sorted().forEach(params::add));
    after.ifPresent(id -> params.add(id.value()));
    where.and("EXISTS (SELECT 1 FROM " + tables.membershipRoles() + " r WHERE r.tenant_id = u.tenant_id AND r.user_id = u.id"
        + " AND r.role_id = ?" + organizations.map(orgs -> " AND " + ReportSql.in("r.organization_id", orgs.size())).orElse("")
        + (after.isPresent() ? " AND r.user_id > ?" : "") + ")", params.toArray());
  }

  /** The condition on the user's claims of one product; at most one of them is live (a unique index). */
  private void claim(ReportSql.Where where, ClaimCondition condition) {
    String statuses = switch (condition.status()) {
      case PENDING -> "c.status = 'PENDING'";
      case ACTIVE -> "c.status = 'ACTIVE'";
      case LIVE, NO_LIVE_CLAIM -> "c.status IN ('PENDING', 'ACTIVE')";
      case EXPIRED -> "c.status = 'EXPIRED'";
      case REVOKED -> "c.status = 'REVOKED'";
    };
    String exists = condition.status() == ClaimCondition.Status.NO_LIVE_CLAIM ? "NOT EXISTS" : "EXISTS";
    where.and(exists + " (SELECT 1 FROM " + tables.claims() + " c WHERE c.tenant_id = u.tenant_id AND c.user_id = u.id"
        + " AND c.product_id = ? AND " + statuses + ")", condition.product().value());
  }

  /** {@code text} as a LIKE pattern that matches only itself: the escape character, % and _ escaped. */
  static String escapeLike(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    for (char ch : text.toCharArray()) {
      if (ch == ESCAPE || ch == '%' || ch == '_') {
        escaped.append(ESCAPE);
      }
      escaped.append(ch);
    }
    return escaped.toString();
  }
}
