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
 * reads only what is still due.
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
    params.add(tenant.value());
    after.ifPresent(id -> params.add(id.value()));
    params.add(tenant.value());
    params.add(bound);
    params.add(limit);
    return sql.list(select + " AND expires_at <= ?"
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
