package org.licensekit.jdbc;

import com.google.common.collect.ImmutableList;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolSeats;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.ReportStore;
import org.licensekit.core.spi.report.AnalyticsSelection;
import org.licensekit.core.spi.report.ClaimsPosition;
import org.licensekit.core.spi.report.ClaimsSelection;
import org.licensekit.core.spi.report.CohortFigures;
import org.licensekit.core.spi.report.DailyActivity;
import org.licensekit.core.spi.report.EngagementFigures;
import org.licensekit.core.spi.report.PoolSeatsQuery;

/**
 * The report queries in SQL: per-pool claim counts as one aggregate joined to the pools, the
 * claims report as one keyset page ({@link ClaimsReportSql}) plus one query for the page's users'
 * organizations, and the analytics aggregates ({@link JdbcAnalytics}). No method reads more than a
 * page of rows or one row per pool or day.
 */
final class JdbcReportStore implements ReportStore {

  private final Sql sql;
  private final Tables tables;
  private final Dialect dialect;
  private final JdbcTransactions transactions;
  private final ClaimsReportSql claimsReport;
  private final ClaimPageReads pageReads;
  private final JdbcAnalytics analytics;

  JdbcReportStore(Sql sql, Tables tables, Dialect dialect, JdbcTransactions transactions) {
    this.sql = sql;
    this.tables = tables;
    this.dialect = dialect;
    this.transactions = transactions;
    this.claimsReport = new ClaimsReportSql(tables, dialect);
    this.pageReads = new ClaimPageReads(sql);
    this.analytics = new JdbcAnalytics(sql, tables, dialect);
  }

  /**
   * One row per selected pool. On PostgreSQL the pool row carries its PENDING and ACTIVE claim counts
   * (kept by the claims table's triggers, schema version 4); the pending claims before the cutoff are
   * the pending count minus those assigned since (few), and the oldest pending claim is the first
   * entry of the pool's pending-claims index, and the ended (EXPIRED, REVOKED) claims come from the
   * pool row's counters as well (kept by the same triggers since schema version 10.1). Elsewhere the claims are counted per pool:
   * {@code pools LEFT JOIN (claims GROUP BY pool_id)} with {@code FILTER}ed aggregates.
   */
  @Override
  public List<PoolSeats> poolSeats(TenantId tenant, PoolSeatsQuery query) {
    ReportSql.Where where = new ReportSql.Where().and("p.tenant_id = ?", tenant.value());
    query.scopes().ifPresent(scopes -> where.andIn("p.scope_organization_id",
        scopes.stream().map(OrganizationId::value).sorted().toList()));
    Object cutoff = ReportSql.ceilStored(dialect, query.pendingBefore());
    List<Object> params = new ArrayList<>();
    String select = dialect == Dialect.POSTGRESQL ? countedPools(cutoff, params) : aggregatedPools(tenant, cutoff, params);
    params.addAll(where.params());
    return sql.list(select + where + " ORDER BY p.product_id, p.term_end, p.id", JdbcReportStore::poolSeats, params.toArray());
  }

  private String countedPools(Object cutoff, List<Object> params) {
    params.add(cutoff);
    String ofPool = " FROM " + tables.claims() + " c WHERE c.tenant_id = p.tenant_id AND c.pool_id = p.id AND c.status = ";
    String pending = ofPool + "'PENDING'";
    return "SELECT " + JdbcPoolStore.COLUMNS + ", p.pending_claims AS pending, p.active_claims AS active,"
        + " p.pending_claims - (SELECT COUNT(*)" + pending + " AND c.assigned_at >= ?) AS pending_before,"
        + " (SELECT MIN(c.assigned_at)" + pending + ") AS oldest_pending,"
        + " p.expired_claims AS expired, p.revoked_claims AS revoked"
        + " FROM " + tables.pools() + " p";
  }

  private String aggregatedPools(TenantId tenant, Object cutoff, List<Object> params) {
    params.add(cutoff);
    params.add(tenant.value());
    // The pool columns are unqualified: the aggregate's other names (pool_id, pending, …) differ from them all.
    return "SELECT " + JdbcPoolStore.COLUMNS + ","
        + " COALESCE(k.pending, 0) AS pending, COALESCE(k.active, 0) AS active,"
        + " COALESCE(k.pending_before, 0) AS pending_before, k.oldest_pending,"
        + " COALESCE(k.expired, 0) AS expired, COALESCE(k.revoked, 0) AS revoked"
        + " FROM " + tables.pools() + " p LEFT JOIN ("
        + "SELECT tenant_id, pool_id,"
        + " COUNT(*) FILTER (WHERE status = 'PENDING') AS pending,"
        + " COUNT(*) FILTER (WHERE status = 'ACTIVE') AS active,"
        + " COUNT(*) FILTER (WHERE status = 'PENDING' AND assigned_at < ?) AS pending_before,"
        + " MIN(assigned_at) FILTER (WHERE status = 'PENDING') AS oldest_pending,"
        + " COUNT(*) FILTER (WHERE status = 'EXPIRED') AS expired,"
        + " COUNT(*) FILTER (WHERE status = 'REVOKED') AS revoked"
        + " FROM " + tables.claims() + " WHERE tenant_id = ? GROUP BY tenant_id, pool_id"
        + ") k ON k.tenant_id = p.tenant_id AND k.pool_id = p.id";
  }

  private static PoolSeats poolSeats(ResultSet row) throws SQLException {
    PoolUsage usage = JdbcPoolStore.usage(row);
    return new PoolSeats(usage.pool(), usage.seatsInUse(), row.getInt("pending"), row.getInt("active"),
        row.getInt("pending_before"), Rows.optionalInstant(row, "oldest_pending"), row.getInt("expired"), row.getInt("revoked"));
  }

  /**
   * The page's rows (from the statements of {@link ClaimsReportSql#page}, each run while the page
   * has room; on PostgreSQL with a role filter, after reading the role's holders when there are at
   * most {@value ClaimsReportSql#ROLE_HOLDERS} ({@link ClaimsReportSql#roleHoldersStatement}), or
   * counting them sorted by assignment ({@link ClaimsReportSql#roleHoldersCount}); with an
   * organization filter sorted by status, product or assignment, after counting its memberships up to
   * {@value ClaimsReportSql#MANY_MEMBERS} + 1, {@link ClaimsReportSql#membersStatement}), then its
   * users' organizations in one more query; all in one transaction. On
   * PostgreSQL that transaction first turns off parallel workers and generic plans for itself
   * ({@code SET LOCAL}): a page is found by walking an index in page order and stopping after
   * {@code limit} rows, which a parallel plan's workers do not do (each scans on until the leader
   * stops), and a prepared statement's generic plan, blind to how many users the organization
   * filter keeps, may start from the users instead. Joined to a longer transaction of the host,
   * the two settings last until that transaction ends.
   */
  @Override
  public List<ClaimRow> claims(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after, int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1");
    }
    return transactions.inTransaction(() -> {
      ClaimFilters.UserTest tested = ClaimFilters.UserTest.PER_CLAIM;
      boolean manyMembers = false;
      if (dialect == Dialect.POSTGRESQL) {
        sql.update("SET LOCAL max_parallel_workers_per_gather = 0");
        sql.update("SET LOCAL plan_cache_mode = force_custom_plan");
        boolean hashes = ClaimsReportSql.hashesIfFewUsers(selection);
        if (selection.role().isPresent() && hashes) {
          if (count(claimsReport.roleHoldersCount(tenant, selection)) <= ClaimsReportSql.ROLE_HOLDERS) {
            tested = ClaimFilters.UserTest.HASHED_SET;
          }
        } else if (selection.role().isPresent()) {
          ClaimsReportSql.Statement read = claimsReport.roleHoldersStatement(tenant, selection);
          List<String> holders = sql.list(read.sql(), row -> row.getString(1), read.params());
          if (holders.size() <= ClaimsReportSql.ROLE_HOLDERS) {
            tested = ClaimFilters.UserTest.holders(holders);
          }
        } else if (ClaimsReportSql.walksIfManyMembers(selection) || hashes) {
          manyMembers = count(claimsReport.membersStatement(tenant, selection)) > ClaimsReportSql.MANY_MEMBERS;
          if (!manyMembers && hashes) {
            tested = ClaimFilters.UserTest.HASHED_SET;
          }
        }
      }
      List<ClaimsReportSql.Part> parts = claimsReport.page(tenant, selection, after, tested, manyMembers);
      List<ClaimPageReads.Line> lines = pageReads.read(parts, limit);
      Map<String, List<OrganizationId>> organizations = organizationsOf(tenant, lines);
      return lines.stream()
          .map(line -> line.row(organizations.getOrDefault(line.user().value(), List.of())))
          .collect(ImmutableList.toImmutableList());
    });
  }

  private long count(ClaimsReportSql.Statement count) {
    return sql.list(count.sql(), row -> row.getLong(1), count.params()).get(0);
  }

  /** Rows fetched at a time by {@link #forEachClaim}. */
  static final int EXPORT_FETCH = 1_000;

  /**
   * One statement for every row ({@link ClaimsReportSql#all}), read through a forward-only cursor
   * {@value #EXPORT_FETCH} rows at a time in one transaction, each row handed to {@code sink} as it
   * is read: the heap holds one fetch, and the database reads the table once instead of one
   * keyset page (and one organizations query) per thousand rows.
   */
  @Override
  public long forEachClaim(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after, Consumer<ClaimRow> sink) {
    ClaimsReportSql.Statement all = claimsReport.all(tenant, selection, after);
    ExportRows rows = new ExportRows(dialect == Dialect.POSTGRESQL);
    return transactions.inTransaction(() -> sql.forEach(all.sql(), EXPORT_FETCH, row -> sink.accept(rows.read(row)), all.params()));
  }

  /**
   * Reads the rows of {@link ClaimsReportSql#all} by column position, keeping the ids that repeat
   * from row to row (products, pools, organizations and their lists: a tenant has few) so that a
   * million rows do not build and check them a million times. Bounded: past {@value #KEPT} values
   * of a kind, new ones are built each time.
   */
  private static final class ExportRows {
    private static final int KEPT = 10_000;
    private final Map<String, ProductId> products = new HashMap<>();
    private final Map<String, PoolId> pools = new HashMap<>();
    private final Map<String, List<OrganizationId>> organizations = new HashMap<>();
    private final boolean binary;

    /** {@code binary}: whether the instants may come in PostgreSQL's binary form. */
    ExportRows(boolean binary) {
      this.binary = binary;
    }

    ClaimRow read(ResultSet row) throws SQLException {
      // the columns of ClaimsReportSql.COLUMNS, then the organizations
      return new ClaimRow(ClaimId.of(row.getString(1)), UserId.of(row.getString(2)), row.getString(3), row.getString(4),
          kept(products, row.getString(5), ProductId::of),
          kept(organizations, Optional.ofNullable(row.getString(11)).orElse(""), JdbcReportStore::organizations),
          Enum.valueOf(ClaimStatus.class, row.getString(6)), kept(pools, row.getString(7), PoolId::of),
          instant(row, 8).orElseThrow(() -> new SQLException("Column assigned_at is NULL but must not be")),
          instant(row, 9), instant(row, 10));
    }

    private static <T> T kept(Map<String, T> values, String key, java.util.function.Function<String, T> make) {
      T value = values.get(key);
      if (value == null) {
        value = make.apply(key);
        if (values.size() < KEPT) {
          values.put(key, value);
        }
      }
      return value;
    }

    /**
     * The instant in {@code column}: from PostgreSQL's binary form when the driver received one
     * ({@link Sql#forEach} asks for it: 8 bytes, microseconds since 2000-01-01 UTC, big-endian),
     * without the driver's {@code OffsetDateTime} and its zone rules; otherwise (text, or another
     * database) through the driver.
     */
    private Optional<Instant> instant(ResultSet row, int column) throws SQLException {
      if (binary) {
        byte[] bytes = row.getBytes(column);
        if (bytes == null) {
          return Optional.empty();
        }
        Optional<Instant> instant = PostgresInstants.fromBinary(bytes);
        if (instant.isPresent()) {
          return instant;
        }
      }
      return Optional.ofNullable(row.getObject(column, java.time.OffsetDateTime.class)).map(java.time.OffsetDateTime::toInstant);
    }
  }

  private static List<OrganizationId> organizations(String joined) {
    if (joined == null || joined.isEmpty()) {
      return List.of();
    }
    List<OrganizationId> organizations = new ArrayList<>();
    int start = 0;
    while (start <= joined.length()) {
      int end = joined.indexOf(';', start);
      end = end < 0 ? joined.length() : end;
      organizations.add(OrganizationId.of(joined.substring(start, end)));
      start = end + 1;
    }
    return ImmutableList.sortedCopyOf(organizations);
  }

  private Map<String, List<OrganizationId>> organizationsOf(TenantId tenant, List<ClaimPageReads.Line> lines) {
    Set<String> users = new LinkedHashSet<>();
    lines.forEach(line -> users.add(line.user().value()));
    Map<String, List<OrganizationId>> organizations = new HashMap<>();
    if (users.isEmpty()) {
      return organizations;
    }
    ReportSql.Where where = new ReportSql.Where().and("tenant_id = ?", tenant.value()).andIn("user_id", users);
    sql.list("SELECT user_id, organization_id FROM " + tables.memberships() + where,
            row -> Map.entry(row.getString("user_id"), OrganizationId.of(row.getString("organization_id"))),
            where.params().toArray())
        .forEach(m -> organizations.computeIfAbsent(m.getKey(), u -> new ArrayList<>()).add(m.getValue()));
    return organizations;
  }

  @Override
  public CohortFigures cohort(TenantId tenant, AnalyticsSelection selection) {
    return analytics.cohort(tenant, selection);
  }

  @Override
  public EngagementFigures engagement(TenantId tenant, AnalyticsSelection selection, int highAtLeast, int mediumAtLeast) {
    return analytics.engagement(tenant, selection, highAtLeast, mediumAtLeast);
  }

  @Override
  public List<DailyActivity> daily(TenantId tenant, AnalyticsSelection selection) {
    return analytics.daily(tenant, selection);
  }
}
