package org.licensekit.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.ReconciliationStore;

/**
 * The discrepancy finders as single SELECTs over the live claims ({@code status IN ('PENDING',
 * 'ACTIVE')}, literals so PostgreSQL's partial indexes apply), each a condition on the claim's user,
 * pool or grants, returning at most {@code limit} claims oldest first; and the seat counter's
 * compare-and-set.
 */
final class JdbcReconciliationStore implements ReconciliationStore {

  private static final String OLDEST_FIRST = " ORDER BY c.assigned_at, c.id FETCH FIRST ? ROWS ONLY";

  private final Sql sql;
  private final Tables tables;
  private final Dialect dialect;

  JdbcReconciliationStore(Sql sql, Tables tables, Dialect dialect) {
    this.sql = sql;
    this.tables = tables;
    this.dialect = dialect;
  }

  /** {@code SELECT c.<claim columns>} of the tenant's live claims, to be followed by conditions. */
  private String liveClaims(String join) {
    return "SELECT " + qualifiedClaimColumns() + " FROM " + tables.claims() + " c" + join
        + " WHERE c.tenant_id = ? AND c." + JdbcClaimStore.LIVE;
  }

  private static String qualifiedClaimColumns() {
    return "c." + JdbcClaimStore.COLUMNS.replace(", ", ", c.");
  }

  private String joinUsers() {
    return " JOIN " + tables.users() + " u ON u.tenant_id = c.tenant_id AND u.id = c.user_id";
  }

  @Override
  public List<LicenseClaim> liveClaimsOfUsers(TenantId tenant, Set<AccountStatus> statuses, int limit) {
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    statuses.stream().map(Enum::name).sorted().forEach(params::add);
    params.add(limit);
    return sql.list(liveClaims(joinUsers()) + " AND " + ReportSql.in("u.status", statuses.size()) + OLDEST_FIRST,
        JdbcClaimStore::claim, params.toArray());
  }

  /** Past its own expiry, or its pool's term has ended; both bounds inclusive ({@code <=}). */
  @Override
  public List<LicenseClaim> liveClaimsPastExpiry(TenantId tenant, Instant now, int limit) {
    Instant bound = dialect.atOrBefore(now);
    return sql.list(liveClaims("") + " AND (c.expires_at <= ? OR EXISTS (SELECT 1 FROM " + tables.pools() + " p"
            + " WHERE p.tenant_id = c.tenant_id AND p.id = c.pool_id AND p.term_end <= ?))" + OLDEST_FIRST,
        JdbcClaimStore::claim, tenant.value(), bound, bound, limit);
  }

  /** Not direct, and no role of any of the user's memberships grants the product. */
  @Override
  public List<LicenseClaim> liveClaimsWithoutGrant(TenantId tenant, int limit) {
    return sql.list(liveClaims("") + " AND c.direct = FALSE AND NOT EXISTS (SELECT 1 FROM " + tables.membershipRoles() + " r"
            + " JOIN " + tables.roleGrants() + " g ON g.tenant_id = r.tenant_id AND g.role_id = r.role_id"
            + " WHERE r.tenant_id = c.tenant_id AND r.user_id = c.user_id AND g.product_id = c.product_id)" + OLDEST_FIRST,
        JdbcClaimStore::claim, tenant.value(), limit);
  }

  /** The user's e-mail key as the store wrote it in Java ({@code InputRules.email}). */
  private static final String EMAIL_KEY = "COALESCE(u.email_key, LOWER(u.email))";

  /**
   * Live claims of a product another account with the same e-mail key (stripped, NFC, lower case
   * by {@code Locale.ROOT}, computed in Java) also holds live; ordered by that key (code point order
   * on PostgreSQL), product, assignment, id.
   */
  @Override
  public List<LicenseClaim> liveClaimsSharingEmail(TenantId tenant, int limit) {
    String sharing = dialect == Dialect.POSTGRESQL
        ? "(" + otherHolder("u2.email COLLATE \"C\" = " + EMAIL_KEY + " AND u2.email_key = u2.email")
            + " OR " + otherHolder(EMAIL_KEY.replace("u.", "u2.") + " = " + EMAIL_KEY + " AND u2.email_key IS DISTINCT FROM u2.email") + ")"
        : otherHolder(EMAIL_KEY.replace("u.", "u2.") + " = " + EMAIL_KEY);
    String emailOrder = dialect == Dialect.POSTGRESQL ? EMAIL_KEY + " COLLATE \"C\"" : EMAIL_KEY;
    return sql.list(liveClaims(joinUsers()) + " AND " + sharing
            + " ORDER BY " + emailOrder + ", c.product_id, c.assigned_at, c.id FETCH FIRST ? ROWS ONLY",
        JdbcClaimStore::claim, tenant.value(), limit);
  }

  /**
   * {@code EXISTS} a live claim of the same product held by another account {@code u2} meeting
   * {@code condition}. On PostgreSQL (version 36) the e-mail key is split in two conditions, each
   * looked up in its own index: an account whose key is its stored address (every account
   * LicenseKit wrote) by {@code users_email_idx}, any other by {@code users_email_legacy_key_idx},
   * which indexes only those; every account meets exactly one, so the two together match the key
   * {@code COALESCE(email_key, LOWER(email))} as one condition did.
   */
  private String otherHolder(String condition) {
    return "EXISTS (SELECT 1 FROM " + tables.claims() + " c2"
        + " JOIN " + tables.users() + " u2 ON u2.tenant_id = c2.tenant_id AND u2.id = c2.user_id"
        + " WHERE c2.tenant_id = c.tenant_id AND c2.product_id = c.product_id AND c2." + JdbcClaimStore.LIVE
        + " AND c2.user_id <> c.user_id AND " + condition + ")";
  }

  /**
   * {@code UPDATE … SET seats_in_use = corrected WHERE seats_in_use = expected}. A correction outside
   * {@code 0..seats} is refused ({@code false}): the schema's seat check forbids such a counter.
   */
  @Override
  public boolean correctSeatsInUse(TenantId tenant, PoolId pool, int expected, int corrected) {
    if (corrected < 0) {
      return false;
    }
    return sql.update("UPDATE " + tables.pools() + " SET seats_in_use = ?"
            + " WHERE tenant_id = ? AND id = ? AND seats_in_use = ? AND seats >= ?",
        corrected, tenant.value(), pool.value(), expected, corrected) == 1;
  }
}
