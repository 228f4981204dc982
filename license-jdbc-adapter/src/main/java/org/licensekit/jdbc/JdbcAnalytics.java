package org.licensekit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.report.AnalyticsSelection;
import org.licensekit.core.spi.report.CohortFigures;
import org.licensekit.core.spi.report.DailyActivity;
import org.licensekit.core.spi.report.EngagementFigures;

/**
 * The analytics aggregates of {@link org.licensekit.core.spi.ReportStore} in SQL, each one statement
 * returning one row (cohort, engagement) or one row per day (daily). Periods are whole UTC days:
 * claims compare their instants with midnight UTC, usage rows their {@code usage_day}.
 */
final class JdbcAnalytics {

  /** {@code claimedAt.epochSecond - assignedAt.epochSecond}: whole seconds, floored like {@code Instant.getEpochSecond}. */
  private static final String SECONDS_TO_CLAIM =
      "CAST(FLOOR(EXTRACT(EPOCH FROM c.claimed_at)) - FLOOR(EXTRACT(EPOCH FROM c.assigned_at)) AS BIGINT)";

  private final Sql sql;
  private final Tables tables;
  private final Dialect dialect;

  JdbcAnalytics(Sql sql, Tables tables, Dialect dialect) {
    this.sql = sql;
    this.tables = tables;
    this.dialect = dialect;
  }

  /**
   * Claims of the selection's products whose user is in its organizations (when given). On
   * PostgreSQL the four statuses are named: the claims indexes holding the instants are led by the
   * status (schema version 23), and a range of assignments or claim instants is then four ranges.
   */
  private ReportSql.Where claimsOf(TenantId tenant, AnalyticsSelection s) {
    ReportSql.Where where = new ReportSql.Where().and("c.tenant_id = ?", tenant.value())
        .andIn("c.product_id", ReportSql.productIds(s.products()));
    if (dialect == Dialect.POSTGRESQL) {
      where.and("c.status IN ('ACTIVE', 'EXPIRED', 'PENDING', 'REVOKED')");
    }
    ReportSql.memberOf(where, tables, "c.tenant_id", "c.user_id", s.organizations());
    return where;
  }

  /**
   * The period's cohort: {@code COUNT}s, the sum of the seconds to claim (divided in Java, rounded
   * down) and their lower median, {@code PERCENTILE_DISC(0.5)} (NULLs of unclaimed claims ignored).
   */
  CohortFigures cohort(TenantId tenant, AnalyticsSelection s) {
    ReportSql.Where where = claimsOf(tenant, s)
        .and("c.assigned_at >= ?", ReportSql.ceilStored(dialect, s.fromInstant()))
        .and("c.assigned_at < ?", ReportSql.ceilStored(dialect, s.toInstant()));
    return sql.first("SELECT COUNT(*) AS assigned, COUNT(c.claimed_at) AS activated,"
            + " CAST(SUM(" + SECONDS_TO_CLAIM + ") AS BIGINT) AS total_seconds,"
            + " CAST(PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY " + SECONDS_TO_CLAIM + ") AS BIGINT) AS median_seconds"
            + " FROM " + tables.claims() + " c" + where,
        JdbcAnalytics::cohort, where.params().toArray()).orElseThrow();
  }

  private static CohortFigures cohort(ResultSet row) throws SQLException {
    int activated = row.getInt("activated");
    Optional<Long> total = optionalLong(row, "total_seconds");
    return new CohortFigures(row.getInt("assigned"), activated,
        total.filter(t -> activated > 0).map(t -> Math.floorDiv(t, (long) activated)), optionalLong(row, "median_seconds"));
  }

  /**
   * Claimants ({@code SELECT DISTINCT user_id, product_id} of the claims active at the period's end)
   * {@code LEFT JOIN} their usage rows by the usage key, aggregated per claimant with {@code FILTER}s
   * for the period, the last 7 and 30 days and the progress before the end; banded with the
   * thresholds; then summed into one row.
   */
  EngagementFigures engagement(TenantId tenant, AnalyticsSelection s, int highAtLeast, int mediumAtLeast) {
    ReportSql.Where claimants = claimsOf(tenant, s)
        .and("c.claimed_at < ?", ReportSql.ceilStored(dialect, s.toInstant()))
        .and("(c.ended_at IS NULL OR c.ended_at >= ?)", ReportSql.ceilStored(dialect, s.toInstant()));
    LocalDate to = s.to();
    List<Object> params = new ArrayList<>(List.of(highAtLeast, mediumAtLeast,
        s.from(), to, to.minusDays(7), to, to.minusDays(30), to, to));
    params.addAll(claimants.params());
    String perClaimant = "SELECT k.user_id, k.product_id,"
        + " COALESCE(SUM(d.launches) FILTER (WHERE d.usage_day >= ? AND d.usage_day < ?), 0) AS launches,"
        + " COUNT(*) FILTER (WHERE d.launches > 0 AND d.usage_day >= ? AND d.usage_day < ?) AS recent7,"
        + " COUNT(*) FILTER (WHERE d.launches > 0 AND d.usage_day >= ? AND d.usage_day < ?) AS recent30,"
        + " COALESCE(MAX(d.progress) FILTER (WHERE d.usage_day < ?), 0) AS progress"
        + " FROM (SELECT DISTINCT c.tenant_id, c.user_id, c.product_id FROM " + tables.claims() + " c" + claimants + ") k"
        + " LEFT JOIN " + tables.usageDays() + " d"
        + " ON d.tenant_id = k.tenant_id AND d.user_id = k.user_id AND d.product_id = k.product_id"
        + " GROUP BY k.user_id, k.product_id";
    // The bands as EngagementBand.of draws them: HIGH at or above high, else MEDIUM at or above medium, else LOW if any.
    String banded = "SELECT b.launches, b.recent7, b.recent30, b.progress,"
        + " CASE WHEN b.launches >= ? THEN 'HIGH' WHEN b.launches >= ? THEN 'MEDIUM' WHEN b.launches > 0 THEN 'LOW' ELSE 'NONE' END AS band"
        + " FROM (" + perClaimant + ") b";
    return sql.first("SELECT COUNT(*) AS claimants,"
            + " COUNT(*) FILTER (WHERE e.recent7 > 0) AS used7, COUNT(*) FILTER (WHERE e.recent30 > 0) AS used30,"
            + " CAST(COALESCE(SUM(e.launches), 0) AS BIGINT) AS launches,"
            + " COUNT(*) FILTER (WHERE e.band = 'HIGH') AS band_high, COUNT(*) FILTER (WHERE e.band = 'MEDIUM') AS band_medium,"
            + " COUNT(*) FILTER (WHERE e.band = 'LOW') AS band_low, COUNT(*) FILTER (WHERE e.band = 'NONE') AS band_none,"
            + " CAST(COALESCE(SUM(e.progress), 0) AS BIGINT) AS progress_sum,"
            + " COUNT(*) FILTER (WHERE e.progress = 100) AS completed"
            + " FROM (" + banded + ") e",
        row -> new EngagementFigures(row.getInt("claimants"), row.getInt("used7"), row.getInt("used30"), row.getLong("launches"),
            row.getInt("band_high"), row.getInt("band_medium"), row.getInt("band_low"), row.getInt("band_none"), row.getLong("progress_sum"),
            row.getInt("completed")),
        params.toArray()).orElseThrow();
  }

  /**
   * Per UTC day: assignments, activations and usage each grouped by day, {@code UNION ALL}, summed
   * per day; days with nothing to show are left out ({@code HAVING}).
   */
  List<DailyActivity> daily(TenantId tenant, AnalyticsSelection s) {
    ReportSql.Where assigned = claimsOf(tenant, s)
        .and("c.assigned_at >= ?", ReportSql.ceilStored(dialect, s.fromInstant()))
        .and("c.assigned_at < ?", ReportSql.ceilStored(dialect, s.toInstant()));
    ReportSql.Where activated = claimsOf(tenant, s)
        .and("c.claimed_at >= ?", ReportSql.ceilStored(dialect, s.fromInstant()))
        .and("c.claimed_at < ?", ReportSql.ceilStored(dialect, s.toInstant()));
    ReportSql.Where used = new ReportSql.Where().and("d.tenant_id = ?", tenant.value())
        .andIn("d.product_id", ReportSql.productIds(s.products()))
        .and("d.usage_day >= ?", s.from())
        .and("d.usage_day < ?", s.to());
    ReportSql.memberOf(used, tables, "d.tenant_id", "d.user_id", s.organizations());
    List<Object> params = new ArrayList<>(assigned.params());
    params.addAll(activated.params());
    params.addAll(used.params());
    String assignedDay = ReportSql.utcDay("c.assigned_at");
    String claimedDay = ReportSql.utcDay("c.claimed_at");
    String zero = "CAST(0 AS BIGINT)";
    return sql.list("SELECT x.activity_day, SUM(x.assignments) AS assignments, SUM(x.activations) AS activations,"
            + " SUM(x.launches) AS launches, SUM(x.user_days) AS user_days FROM ("
            + "SELECT " + assignedDay + " AS activity_day, CAST(COUNT(*) AS BIGINT) AS assignments, " + zero + " AS activations, "
            + zero + " AS launches, " + zero + " AS user_days FROM " + tables.claims() + " c" + assigned + " GROUP BY " + assignedDay
            + " UNION ALL SELECT " + claimedDay + ", " + zero + ", CAST(COUNT(*) AS BIGINT), " + zero + ", " + zero
            + " FROM " + tables.claims() + " c" + activated + " GROUP BY " + claimedDay
            + " UNION ALL SELECT d.usage_day, " + zero + ", " + zero + ", CAST(SUM(d.launches) AS BIGINT),"
            + " CAST(COUNT(*) FILTER (WHERE d.launches > 0) AS BIGINT) FROM " + tables.usageDays() + " d" + used + " GROUP BY d.usage_day"
            + ") x GROUP BY x.activity_day"
            + " HAVING SUM(x.assignments) + SUM(x.activations) + SUM(x.launches) + SUM(x.user_days) > 0"
            + " ORDER BY x.activity_day",
        row -> new DailyActivity(row.getObject("activity_day", LocalDate.class), row.getInt("assignments"),
            row.getInt("activations"), row.getLong("launches"), row.getInt("user_days")),
        params.toArray());
  }

  private static Optional<Long> optionalLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? Optional.empty() : Optional.of(value);
  }
}
