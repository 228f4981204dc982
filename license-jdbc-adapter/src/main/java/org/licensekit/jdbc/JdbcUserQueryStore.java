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
 * ({@code id > ? ORDER BY id}), so the primary key {@code (tenant_id, id)} serves both the order and
 * the page boundary. On PostgreSQL the id columns use the {@code "C"} collation: bytewise order, as
 * {@link UserId#compareTo}.
 *
 * <p>Only the shape of the statement depends on the criteria (which conditions, how many markers in
 * an IN list); every value is bound.
 */
final class JdbcUserQueryStore implements UserQueryStore {

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
    ReportSql.Where where = where(tenant, criteria, after);
    where.params().add(limit);
    return sql.list("SELECT u.id FROM " + tables.users() + " u" + where + " ORDER BY u.id FETCH FIRST ? ROWS ONLY",
        row -> UserId.of(row.getString(1)), where.params().toArray());
  }

  @Override
  public List<UserAccount> findUsers(TenantId tenant, UserCriteria criteria, Optional<UserId> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    ReportSql.Where where = where(tenant, criteria, after);
    where.params().add(limit);
    return sql.list("SELECT " + JdbcDirectoryStore.USER_COLUMNS_OF_U + " FROM " + tables.users() + " u" + where
        + " ORDER BY u.id FETCH FIRST ? ROWS ONLY", JdbcDirectoryStore::user, where.params().toArray());
  }

  @Override
  public long countUsers(TenantId tenant, UserCriteria criteria) {
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
    after.ifPresent(id -> where.and("u.id > ?", id.value()));
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
    if (c.role().isPresent()) {
      holdsRole(where, c.role().get(), c.organizations(), after);
    } else {
      c.organizations().ifPresent(orgs -> memberOf(where, orgs, after));
    }
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
