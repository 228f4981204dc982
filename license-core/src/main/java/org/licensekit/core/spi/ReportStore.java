package org.licensekit.core.spi;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.report.AnalyticsSelection;
import org.licensekit.core.spi.report.ClaimsPosition;
import org.licensekit.core.spi.report.ClaimsSelection;
import org.licensekit.core.spi.report.CohortFigures;
import org.licensekit.core.spi.report.DailyActivity;
import org.licensekit.core.spi.report.EngagementFigures;
import org.licensekit.core.domain.PoolSeats;
import org.licensekit.core.spi.report.PoolSeatsQuery;

/**
 * Read-only report queries, shaped so a database answers each with aggregates and keyset paging
 * and returns at most a page of rows or one row per pool or day — never every claim. The in-memory
 * store answers the same questions in Java; both run the testkit's report suites on the same
 * seeded data and must agree exactly, so every method states what it counts.
 *
 * <p>Common terms: a claim is <em>live</em> when its status is {@code PENDING} or {@code ACTIVE}.
 * Instants compare as instants (stores keep at least millisecond precision; suites use whole
 * seconds). A UTC day of an instant is its date at offset zero. Nothing crosses tenants.
 */
public interface ReportStore {

  /**
   * Every pool the query selects with claim counts taken from the claims themselves (not the pool's
   * counter), ordered by product id, term end, then pool id. One row per pool, whatever its term;
   * counts are zero for a pool without claims. Pending and active count the pool's live claims;
   * expired and revoked its ended ones (every claim keeps the pool it held).
   *
   * <p>SQL shape: {@code pool LEFT JOIN claim ON claim.pool = pool.id GROUP BY pool} with
   * {@code count(*) FILTER (WHERE status = 'PENDING')} and so on.
   */
  List<PoolSeats> poolSeats(TenantId tenant, PoolSeatsQuery query);

  /**
   * Up to {@code limit} rows of the claims report that pass {@code selection}'s filters, in its order,
   * starting strictly after {@code after} when present.
   *
   * <p>Order: by the sort key's value in the selection's direction; text compares by Unicode code
   * point (binary: {@code COLLATE "C"} on PostgreSQL), status by its name; rows without a value
   * (claimedAt/expiresAt empty, or a user without organizations for {@code ORGANIZATION}, whose
   * value is the smallest organization id among the user's memberships) come after all rows with
   * one, in both directions ({@code NULLS LAST}); equal values are ordered by claim id ascending.
   * {@code after} names the previous page's last row by its sort value and claim id: a row follows
   * it when it sorts after that (value, id) pair in this order.
   *
   * <p>Each row carries the user's name and e-mail and the user's organizations (every membership's
   * organization id) as they are now. A claim whose user account does not exist yields no row (an
   * inner join), and is not counted against {@code limit}.
   */
  List<ClaimRow> claims(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after, int limit);

  /** How many rows the default {@link #forEachClaim} asks {@link #claims} for at a time. */
  int EXPORT_PAGE = 1_000;

  /**
   * Hands {@code sink} every row {@link #claims} would return for {@code selection} after
   * {@code after}, over all its pages, in the same order; for an export of the whole report. The
   * default reads keyset pages of {@value #EXPORT_PAGE} rows through {@link #claims}; a store that
   * can stream one query (a database cursor) should, holding no more than a fetch's rows at once.
   * {@code sink} may run inside the store's transaction: it must not call the store.
   *
   * @param tenant the tenant
   * @param selection the filters and order
   * @param after the position to start after, empty for the first row
   * @param sink receives each row, in order
   * @return how many rows {@code sink} received
   */
  default long forEachClaim(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after, Consumer<ClaimRow> sink) {
    long count = 0;
    Optional<ClaimsPosition> position = after;
    while (true) {
      List<ClaimRow> rows = claims(tenant, selection, position, EXPORT_PAGE);
      for (ClaimRow row : rows) {
        sink.accept(row);
      }
      count += rows.size();
      if (rows.size() < EXPORT_PAGE) {
        return count;
      }
      position = Optional.of(ClaimsPosition.of(rows.get(rows.size() - 1), selection.sortBy()));
    }
  }

  /**
   * Activation of the claims assigned in the period: claims of the selected products with
   * {@code fromInstant() <= assignedAt < toInstant()}, whose user is in the selected organizations
   * (when given), in any status. See {@link CohortFigures} for the exact arithmetic.
   */
  CohortFigures cohort(TenantId tenant, AnalyticsSelection selection);

  /**
   * Engagement of the claimants at the end of the period. A claimant is a distinct user × product
   * (product among the selected, user in the selected organizations when given) with a claim whose
   * {@code claimedAt} is present and before {@code toInstant()} and whose {@code endedAt} is empty
   * or not before {@code toInstant()}. Launches count only the claimant's own usage rows for that
   * product; bands use the thresholds given, on launches in [from, to). See
   * {@link EngagementFigures}.
   */
  EngagementFigures engagement(TenantId tenant, AnalyticsSelection selection, int highAtLeast, int mediumAtLeast);

  /**
   * Per UTC day in [from, to), ascending, the day's activity in the selection: assignments and
   * activations count claims of the selected products whose user is in the selected organizations;
   * launches and user-days count usage rows of the selected products whose user is in them. Days
   * where all four figures are zero are left out.
   */
  List<DailyActivity> daily(TenantId tenant, AnalyticsSelection selection);
}
