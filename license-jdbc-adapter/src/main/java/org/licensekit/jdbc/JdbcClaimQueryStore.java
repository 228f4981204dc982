package org.licensekit.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.ClaimQueryStore;

/**
 * The lifecycle jobs' claim queries, set-based and in keyset pages by claim id. A due claim is found
 * through one of two indexes — its own expiry ({@code claims_live_expiry_idx}) or its pool's term end
 * ({@code pools_term_end_idx}, then the pool's live claims) — so the two conditions are a UNION
 * rather than an OR that no index serves. Claims the job expires drop out of both, so each page
 * reads only what is still due. On PostgreSQL the pools' part is a {@code LATERAL} page per ended
 * pool ({@code claims_pool_live_id_idx}, in id order, at most a page each): joined as a set, the
 * planner counts an ended pool's share of all claims as its share of the live ones and reads every
 * live claim of the tenant to find the few left in ended pools.
 */
final class JdbcClaimQueryStore implements ClaimQueryStore {

  private final Sql sql;
  private final Tables tables;
  private final Dialect dialect;

  JdbcClaimQueryStore(Sql sql, Tables tables, Dialect dialect) {
    this.sql = sql;
    this.tables = tables;
    this.dialect = dialect;
  }

  @Override
  public List<LicenseClaim> findDueForExpiry(TenantId tenant, Instant now, Optional<ClaimId> after, int limit) {
    checkLimit(limit);
    Instant bound = dialect.atOrBefore(now);
    String select = "SELECT " + JdbcClaimStore.COLUMNS + " FROM " + tables.claims()
        + " WHERE tenant_id = ? AND " + JdbcClaimStore.LIVE + after(after);
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    after.ifPresent(id -> params.add(id.value()));
    params.add(bound);
    String ownExpiry = select + " AND expires_at <= ?";
    if (dialect == Dialect.POSTGRESQL) {
      after.ifPresent(id -> params.add(id.value()));
      params.add(limit);
      params.add(tenant.value());
      params.add(bound);
      params.add(limit);
      return sql.list(ownExpiry + " UNION SELECT d.* FROM " + tables.pools() + " p CROSS JOIN LATERAL (" + select.replace(
              "WHERE tenant_id = ?", "WHERE tenant_id = p.tenant_id AND pool_id = p.id") + " ORDER BY id FETCH FIRST ? ROWS ONLY) d"
              + " WHERE p.tenant_id = ? AND p.term_end <= ? ORDER BY id FETCH FIRST ? ROWS ONLY",
          JdbcClaimStore::claim, params.toArray());
    }
    params.add(tenant.value());
    after.ifPresent(id -> params.add(id.value()));
    params.add(tenant.value());
    params.add(bound);
    params.add(limit);
    return sql.list(ownExpiry
            + " UNION " + select + " AND pool_id IN (SELECT id FROM " + tables.pools() + " WHERE tenant_id = ? AND term_end <= ?)"
            + " ORDER BY id FETCH FIRST ? ROWS ONLY",
        JdbcClaimStore::claim, params.toArray());
  }

  // Statuses are literals, never parameters: a generic plan could not use a partial index on them.
  @Override
  public List<LicenseClaim> findPendingAssignedBefore(TenantId tenant, Instant assignedAtOrBefore, Optional<ClaimId> after,
      int limit) {
    checkLimit(limit);
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    params.add(dialect.atOrBefore(assignedAtOrBefore));
    after.ifPresent(id -> params.add(id.value()));
    params.add(limit);
    return sql.list("SELECT " + JdbcClaimStore.COLUMNS + " FROM " + tables.claims()
            + " WHERE tenant_id = ? AND status = 'PENDING' AND assigned_at <= ?" + after(after) + " ORDER BY id FETCH FIRST ? ROWS ONLY",
        JdbcClaimStore::claim, params.toArray());
  }

  private static String after(Optional<ClaimId> after) {
    return after.isPresent() ? " AND id > ?" : "";
  }

  private static void checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
  }
}
