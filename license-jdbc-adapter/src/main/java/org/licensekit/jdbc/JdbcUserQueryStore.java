package org.licensekit.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.api.ClaimCondition;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.UserCriteria;
import org.licensekit.core.spi.UserQueryStore;

/**
 * User filters evaluated in SQL: one SELECT over the users table whose conditions are the
 * criteria, with EXISTS subqueries for memberships, roles and claims, returning ids in keyset pages
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
    Where where = where(tenant, criteria);
    after.ifPresent(id -> where.and("u.id > ?", id.value()));
    where.params.add(limit);
    return sql.list("SELECT u.id FROM " + tables.users() + " u" + where + " ORDER BY u.id FETCH FIRST ? ROWS ONLY",
        row -> UserId.of(row.getString(1)), where.params.toArray());
  }

  @Override
  public long countUsers(TenantId tenant, UserCriteria criteria) {
    Where where = where(tenant, criteria);
    return sql.first("SELECT COUNT(*) FROM " + tables.users() + " u" + where, row -> row.getLong(1), where.params.toArray())
        .orElse(0L);
  }

  private Where where(TenantId tenant, UserCriteria c) {
    Where where = new Where();
    where.and("u.tenant_id = ?", tenant.value());
    if (!c.statuses().isEmpty()) {
      where.and("u.status IN (" + Dialect.placeholders(c.statuses().size()) + ")", c.statuses().toArray());
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
      membershipRole(where, c.role().get(), c.organizations());
    } else {
      c.organizations().ifPresent(organizations -> membership(where, organizations));
    }
    c.claim().ifPresent(condition -> claim(where, condition));
    return where;
  }

  /** A membership in one of the organizations. */
  private void membership(Where where, Set<OrganizationId> organizations) {
    where.and("EXISTS (SELECT 1 FROM " + tables.memberships() + " m WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id"
        + " AND " + in("m.organization_id", organizations.size()) + ")", ids(organizations));
  }

  /** The role, held in one of the organizations when they are given: one row of membership_roles has both. */
  private void membershipRole(Where where, RoleId role, Optional<Set<OrganizationId>> organizations) {
    String inOrganizations = organizations.map(orgs -> " AND " + in("r.organization_id", orgs.size())).orElse("");
    where.and("EXISTS (SELECT 1 FROM " + tables.membershipRoles() + " r WHERE r.tenant_id = u.tenant_id AND r.user_id = u.id"
        + " AND r.role_id = ?" + inOrganizations + ")", role.value());
    organizations.ifPresent(orgs -> where.params.addAll(List.of(ids(orgs))));
  }

  /** The condition on the user's claims of one product; at most one of them is live (a unique index). */
  private void claim(Where where, ClaimCondition condition) {
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

  /** {@code column IN (?, …)}; an empty set matches nothing, as no membership is in it. */
  private static String in(String column, int size) {
    return size == 0 ? "1 = 0" : column + " IN (" + Dialect.placeholders(size) + ")";
  }

  private static Object[] ids(Set<OrganizationId> organizations) {
    return organizations.stream().map(OrganizationId::value).sorted().toArray();
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

  /** A WHERE clause of ANDed conditions and the parameters they bind, in order. */
  private static final class Where {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    void and(String condition, Object... values) {
      text.append(text.length() == 0 ? " WHERE " : " AND ").append(condition);
      params.addAll(List.of(values));
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
