package org.licensekit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.ClaimStore;
import org.licensekit.core.spi.PoolStore;

/**
 * License claims. One live claim per tenant × user × product is a unique index (partial on
 * PostgreSQL, on a generated column on H2); every change is a compare-and-set UPDATE on
 * the status and the row version the caller read.
 */
final class JdbcClaimStore implements ClaimStore {

  /** The columns {@link #claim} reads, unqualified. */
  static final String COLUMNS = "id, user_id, product_id, pool_id, status, direct, assigned_at, assigned_by_kind,"
      + " assigned_by_id, claimed_at, expires_at, ended_at, ended_by_kind, ended_by_id, reason, version";
  /** The condition of a live claim, unqualified. */
  static final String LIVE = "status IN ('PENDING', 'ACTIVE')";

  /** {@code tenant_id} and {@link #COLUMNS} with their types, for {@link BulkInsert}. */
  private static final List<BulkInsert.Column> CLAIM_ROW = List.of(new BulkInsert.Column("tenant_id", "varchar"),
      new BulkInsert.Column("id", "varchar"), new BulkInsert.Column("user_id", "varchar"),
      new BulkInsert.Column("product_id", "varchar"), new BulkInsert.Column("pool_id", "varchar"),
      new BulkInsert.Column("status", "varchar"), new BulkInsert.Column("direct", "boolean"),
      new BulkInsert.Column("assigned_at", "timestamptz"), new BulkInsert.Column("assigned_by_kind", "varchar"),
      new BulkInsert.Column("assigned_by_id", "varchar"), new BulkInsert.Column("claimed_at", "timestamptz"),
      new BulkInsert.Column("expires_at", "timestamptz"), new BulkInsert.Column("ended_at", "timestamptz"),
      new BulkInsert.Column("ended_by_kind", "varchar"), new BulkInsert.Column("ended_by_id", "varchar"),
      new BulkInsert.Column("reason", "text"), new BulkInsert.Column("version", "bigint"));
  /** {@link #CLAIM_ROW} and the user's smallest organization (PostgreSQL, schema version 27). */
  private static final List<BulkInsert.Column> KEYED_CLAIM_ROW = java.util.stream.Stream.concat(CLAIM_ROW.stream(),
      java.util.stream.Stream.of(new BulkInsert.Column("organization_key", "varchar"))).toList();

  private final Sql sql;
  private final Tables tables;
  private final String seatedInsert;
  private final String findLive;

  JdbcClaimStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
    this.seatedInsert = seatedInsert(tables);
    this.findLive = findLive(tables, sql.postgres());
  }

  @Override
  public boolean insertIfNoLiveClaim(TenantId tenant, LicenseClaim claim) {
    boolean inserted;
    try {
      inserted = sql.insertUnlessDuplicate(
          "INSERT INTO " + tables.claims() + " (tenant_id, " + COLUMNS + ") VALUES (" + Dialect.placeholders(17) + ")",
          "(tenant_id, user_id, product_id) WHERE " + LIVE,
          tenant.value(), claim.id().value(), claim.user().value(), claim.product().value(), claim.pool().value(),
          claim.status(), claim.direct(), claim.assignedAt(), claim.assignedBy().kind(), claim.assignedBy().id(),
          claim.claimedAt(), claim.expiresAt(), claim.endedAt(), Rows.kindOf(claim.endedBy()), Rows.idOf(claim.endedBy()),
          claim.reason(), claim.version());
    } catch (SqlFailure failure) {
      if (failure.kind() == SqlFailure.Kind.DUPLICATE) {
        throw duplicateId(claim);
      }
      throw failure;
    }
    // H2 reports both unique keys alike; a refusal without a live claim was the claim id's.
    if (!inserted && findLive(tenant, claim.user(), claim.product()).isEmpty()) {
      throw duplicateId(claim);
    }
    return inserted;
  }

  /**
   * On PostgreSQL one statement takes the seat and inserts the claim (a data-modifying {@code WITH}:
   * the claim row is made from the seat update's row, so without a seat nothing is inserted); only
   * when a live claim exists already does a second statement give the seat back. The pool's row is
   * then held one round trip less than by the two steps, which matters when many assignments queue
   * on one pool. H2 takes the two steps.
   */
  @Override
  public SeatedInsert insertTakingSeat(TenantId tenant, LicenseClaim claim, PoolStore seats) {
    if (!sql.postgres()) {
      return ClaimStore.super.insertTakingSeat(tenant, claim, seats);
    }
    int[] done;
    try {
      done = sql.first(seatedInsert, row -> new int[] {row.getInt(1), row.getInt(2)},
          tenant.value(), claim.pool().value(),
          tenant.value(), claim.id().value(), claim.user().value(), claim.product().value(),
          claim.status(), claim.direct(), claim.assignedAt(), claim.assignedBy().kind(), claim.assignedBy().id(),
          claim.claimedAt(), claim.expiresAt(), claim.endedAt(), Rows.kindOf(claim.endedBy()), Rows.idOf(claim.endedBy()),
          claim.reason(), claim.version(), tenant.value(), claim.user().value()).orElseThrow();
    } catch (SqlFailure failure) {
      if (failure.kind() == SqlFailure.Kind.DUPLICATE) {
        throw duplicateId(claim);
      }
      throw failure;
    }
    if (done[0] == 0) {
      return SeatedInsert.NO_SEAT;
    }
    if (done[1] == 1) {
      return SeatedInsert.INSERTED;
    }
    if (!seats.releaseSeat(tenant, claim.pool())) {
      org.licensekit.core.SeatCounterDrift.recordReleaseAtZero(tenant, claim.pool());
    }
    return SeatedInsert.LIVE_CLAIM_EXISTS;
  }

  /**
   * The seat update and the claim insert of {@link #insertTakingSeat}: the seat's tenant and pool,
   * then the claim's columns without the pool (the seat's row gives it), each cast to its column's
   * type, since values selected rather than inserted as {@code VALUES} are not typed by their column,
   * then the tenant and user again for the claim's {@code organization_key}: the user's smallest
   * organization, read by the statement itself (one probe of {@code memberships_pk} inside its plan)
   * so that the claims' row trigger (schema version 28: only for rows without a key) is not called.
   * The caller holds the user's account, which every change of the user's memberships takes first, so
   * the statement's snapshot sees the memberships as they stay until the commit.
   */
  private static String seatedInsert(Tables tables) {
    return "WITH seat AS (UPDATE " + tables.pools() + " SET seats_in_use = seats_in_use + 1"
        + " WHERE tenant_id = ? AND id = ? AND seats_in_use < seats RETURNING id),"
        + " claim AS (INSERT INTO " + tables.claims() + " (tenant_id, " + COLUMNS + ", organization_key)"
        + " SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), seat.id,"
        + " CAST(? AS VARCHAR), CAST(? AS BOOLEAN), CAST(? AS TIMESTAMPTZ), CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
        + " CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), CAST(? AS TIMESTAMPTZ), CAST(? AS VARCHAR), CAST(? AS VARCHAR),"
        + " CAST(? AS TEXT), CAST(? AS BIGINT), (SELECT MIN(m.organization_id) FROM " + tables.memberships() + " m"
        + " WHERE m.tenant_id = CAST(? AS VARCHAR) AND m.user_id = CAST(? AS VARCHAR)) FROM seat"
        + " ON CONFLICT (tenant_id, user_id, product_id) WHERE " + LIVE + " DO NOTHING RETURNING 1)"
        + " SELECT (SELECT COUNT(*) FROM seat), (SELECT COUNT(*) FROM claim)";
  }

  /**
   * One write for the whole list ({@link BulkInsert#insert}: {@code COPY} on PostgreSQL where allowed,
   * else one {@code INSERT … SELECT FROM unnest}; a JDBC batch on H2). The caller holds the users and
   * has read their live claims, so a duplicate means another writer broke that rule: the write fails
   * whole and so does the caller's transaction.
   */
  @Override
  public void insertLive(TenantId tenant, List<LicenseClaim> claims) {
    insertLive(tenant, claims, Map.of());
  }

  /**
   * {@link #insertLive(TenantId, List)}; on PostgreSQL each claim is written with its
   * {@code organization_key} from {@code firstOrganizations}, so the claims' row trigger (schema
   * version 28: only for rows that arrive without a key) looks up only the users missing from it.
   * H2 computes the organization sort when reading and has no such column.
   */
  @Override
  public void insertLive(TenantId tenant, List<LicenseClaim> claims, Map<UserId, OrganizationId> firstOrganizations) {
    boolean keyed = sql.postgres() && !firstOrganizations.isEmpty();
    try {
      sql.bulk().insert(tables.claims(), keyed ? KEYED_CLAIM_ROW : CLAIM_ROW, claims.stream().map(claim -> {
        Object[] row = {tenant.value(), claim.id().value(), claim.user().value(), claim.product().value(), claim.pool().value(),
            claim.status(), claim.direct(), claim.assignedAt(), claim.assignedBy().kind(), claim.assignedBy().id(),
            claim.claimedAt(), claim.expiresAt(), claim.endedAt(), Rows.kindOf(claim.endedBy()), Rows.idOf(claim.endedBy()),
            claim.reason(), claim.version(), null};
        if (!keyed) {
          return java.util.Arrays.copyOf(row, CLAIM_ROW.size());
        }
        row[CLAIM_ROW.size()] = Optional.ofNullable(firstOrganizations.get(claim.user())).map(OrganizationId::value).orElse(null);
        return row;
      }).toList());
    } catch (SqlFailure failure) {
      if (failure.kind() == SqlFailure.Kind.DUPLICATE) {
        throw new ConflictException(ErrorCode.DUPLICATE_LIVE_CLAIM, "A claim of the batch of " + claims.size()
            + " duplicates a live claim (or a claim id) written meanwhile");
      }
      throw failure;
    }
  }

  @Override
  public List<LicenseClaim> findLiveOfUsers(TenantId tenant, java.util.Collection<UserId> users,
      java.util.Collection<ProductId> products) {
    if (users.isEmpty() || products.isEmpty()) {
      return List.of();
    }
    if (sql.postgres()) {
      // One probe of the user's claims (claims_user_idx) per user, fenced by OFFSET 0 so it runs per
      // user. The product and status tests are written so that no other index can take them: inside
      // a long bulk transaction the planner has no statistics of the rows it wrote, takes every index
      // led by tenant_id for a few rows, and would otherwise scan the tenant's growing live claims.
      return sql.list("SELECT c.* FROM unnest(?::varchar[]) AS u(id) CROSS JOIN LATERAL"
              + " (SELECT " + COLUMNS + " FROM " + tables.claims() + " k WHERE k.tenant_id = ? AND k.user_id = u.id COLLATE \"C\""
              + " AND (k.product_id || '') = ANY (?::text[]) AND (k.status || '') IN ('PENDING', 'ACTIVE') OFFSET 0) c",
          JdbcClaimStore::claim, users.stream().map(UserId::value).toArray(String[]::new), tenant.value(),
          products.stream().map(ProductId::value).toArray(String[]::new));
    }
    List<Object> params = new java.util.ArrayList<>();
    params.add(tenant.value());
    users.forEach(user -> params.add(user.value()));
    products.forEach(product -> params.add(product.value()));
    return sql.list("SELECT " + COLUMNS + " FROM " + tables.claims() + " WHERE tenant_id = ? AND user_id IN ("
            + Dialect.placeholders(users.size()) + ") AND product_id IN (" + Dialect.placeholders(products.size()) + ") AND " + LIVE,
        JdbcClaimStore::claim, params.toArray());
  }

  private static ConflictException duplicateId(LicenseClaim claim) {
    return new ConflictException(ErrorCode.DUPLICATE_CLAIM, "A claim with id '" + claim.id() + "' exists already in this tenant");
  }

  @Override
  public boolean compareAndSet(TenantId tenant, ClaimStatus expected, LicenseClaim updated) {
    try {
      return replace(tenant, expected, updated);
    } catch (SqlFailure failure) {
      if (failure.kind() == SqlFailure.Kind.DUPLICATE) {
        throw new ConflictException(ErrorCode.DUPLICATE_LIVE_CLAIM,
            "User '" + updated.user() + "' already holds a live claim for product '" + updated.product() + "'");
      }
      throw failure;
    }
  }

  private boolean replace(TenantId tenant, ClaimStatus expected, LicenseClaim updated) {
    return sql.update("UPDATE " + tables.claims() + " SET user_id = ?, product_id = ?, pool_id = ?, status = ?, direct = ?,"
            + " assigned_at = ?, assigned_by_kind = ?, assigned_by_id = ?, claimed_at = ?, expires_at = ?, ended_at = ?,"
            + " ended_by_kind = ?, ended_by_id = ?, reason = ?, version = ? WHERE tenant_id = ? AND id = ? AND status = ?"
            + " AND version = ?",
        updated.user().value(), updated.product().value(), updated.pool().value(), updated.status(), updated.direct(),
        updated.assignedAt(), updated.assignedBy().kind(), updated.assignedBy().id(), updated.claimedAt(),
        updated.expiresAt(), updated.endedAt(), Rows.kindOf(updated.endedBy()), Rows.idOf(updated.endedBy()),
        updated.reason(), updated.version() + 1, tenant.value(), updated.id().value(), expected, updated.version()) == 1;
  }

  @Override
  public Optional<LicenseClaim> find(TenantId tenant, ClaimId id) {
    return sql.first("SELECT " + COLUMNS + " FROM " + tables.claims() + " WHERE tenant_id = ? AND id = ?",
        JdbcClaimStore::claim, tenant.value(), id.value());
  }

  @Override
  public Optional<LicenseClaim> findLive(TenantId tenant, UserId user, ProductId product) {
    return sql.first(findLive, JdbcClaimStore::claim, tenant.value(), user.value(), product.value());
  }

  /**
   * One user's live claim of one product. On PostgreSQL the product and status tests are written so
   * that only an index led by the user can answer it: the driver prepares the statement on the server after a few
   * runs and PostgreSQL may then keep a generic plan, which — planned while the table was small or
   * before its statistics caught up — walked an index by product or by status through every live
   * claim, a cost that grew with each assignment (0.5–1.2 ms a call after a few thousand claims).
   */
  private static String findLive(Tables tables, boolean postgres) {
    return "SELECT " + COLUMNS + " FROM " + tables.claims() + " WHERE tenant_id = ? AND user_id = ? AND "
        + (postgres ? "(product_id || '') = ? AND (status || '') IN ('PENDING', 'ACTIVE')" : "product_id = ? AND " + LIVE);
  }

  @Override
  public List<LicenseClaim> listForUser(TenantId tenant, UserId user) {
    return sql.list("SELECT " + COLUMNS + " FROM " + tables.claims()
            + " WHERE tenant_id = ? AND user_id = ? ORDER BY assigned_at DESC, id",
        JdbcClaimStore::claim, tenant.value(), user.value());
  }

  @Override
  public List<LicenseClaim> listLiveForPool(TenantId tenant, PoolId pool) {
    return sql.list("SELECT " + COLUMNS + " FROM " + tables.claims()
            + " WHERE tenant_id = ? AND pool_id = ? AND " + LIVE + " ORDER BY assigned_at, id",
        JdbcClaimStore::claim, tenant.value(), pool.value());
  }

  @Override
  public List<LicenseClaim> liveForPool(TenantId tenant, PoolId pool, Optional<ClaimId> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    if (after.isEmpty()) {
      return sql.list("SELECT " + COLUMNS + " FROM " + tables.claims()
              + " WHERE tenant_id = ? AND pool_id = ? AND " + LIVE + " ORDER BY id FETCH FIRST ? ROWS ONLY",
          JdbcClaimStore::claim, tenant.value(), pool.value(), limit);
    }
    return sql.list("SELECT " + COLUMNS + " FROM " + tables.claims()
            + " WHERE tenant_id = ? AND pool_id = ? AND " + LIVE + " AND id > ? ORDER BY id FETCH FIRST ? ROWS ONLY",
        JdbcClaimStore::claim, tenant.value(), pool.value(), after.get().value(), limit);
  }

  /** Reads a claim selected with {@link #COLUMNS}. */
  static LicenseClaim claim(ResultSet row) throws SQLException {
    return LicenseClaim.builder()
        .id(ClaimId.of(row.getString("id")))
        .user(UserId.of(row.getString("user_id")))
        .product(ProductId.of(row.getString("product_id")))
        .pool(PoolId.of(row.getString("pool_id")))
        .status(Rows.enumValue(row, "status", ClaimStatus.class))
        .direct(row.getBoolean("direct"))
        .assignedAt(Rows.instant(row, "assigned_at"))
        .assignedBy(Rows.actor(row, "assigned_by_kind", "assigned_by_id"))
        .claimedAt(Rows.optionalInstant(row, "claimed_at"))
        .expiresAt(Rows.optionalInstant(row, "expires_at"))
        .endedAt(Rows.optionalInstant(row, "ended_at"))
        .endedBy(Rows.optionalActor(row, "ended_by_kind", "ended_by_id"))
        .reason(Rows.optionalString(row, "reason"))
        .version(row.getLong("version"))
        .build();
  }
}
