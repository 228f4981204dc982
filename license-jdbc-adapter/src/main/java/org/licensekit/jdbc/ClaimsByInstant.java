package org.licensekit.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.report.ClaimsPosition;
import org.licensekit.core.spi.report.ClaimsSelection;

/**
 * The statements of a claims page sorted by an instant: the assignment (never empty), and the
 * claim instant or the expiry, which may be empty ({@link #split}). On PostgreSQL an index per
 * status holds each instant's order ({@link #merged}).
 */
final class ClaimsByInstant {

  private final Tables tables;
  private final Dialect dialect;
  private final ClaimFilters filters;

  ClaimsByInstant(Tables tables, Dialect dialect, ClaimFilters filters) {
    this.tables = tables;
    this.dialect = dialect;
    this.filters = filters;
  }

  /**
   * The parts of a page sorted by an instant that may be empty (claimed, expiry): the rows with the
   * instant come first, from the instant's index (tenant, status, instant, id), and the rows without
   * it after them, by claim id, so that neither part sorts the empty values into place. Oldest
   * first is the index's order. Newest first the index is read backwards, which puts the ties of an
   * instant (claims ending at one term end share it) in descending id order; that part is
   * {@link ClaimsReportSql.Groups read by groups}. A position among the empty values leaves only the
   * second part.
   */
  List<ClaimsReportSql.Part> split(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after,
      ClaimFilters.UserTest tested, ClaimSortValue value) {
    String v = value.expression();
    List<ClaimsReportSql.Part> parts = new ArrayList<>();
    if (after.isEmpty() || !after.get().emptyValue()) {
      Function<Optional<String>, ReportSql.Where> present = status -> {
        ReportSql.Where withValue = filters.of(tenant, selection, tested, status).and(v + " IS NOT NULL");
        after.ifPresent(position -> value.keyset(withValue, selection.direction(), position, true));
        return withValue;
      };
      if (selection.direction() == SortDirection.ASCENDING) {
        parts.add(merged(selection, tested, present, " ORDER BY " + v + " ASC, c.id", v, " ORDER BY b.v ASC, b.id", Optional.empty()));
      } else {
        Function<Instant, ClaimsReportSql.Part> group = instant -> merged(selection, tested, status -> {
          ReportSql.Where tie = filters.of(tenant, selection, tested, status).and(v + " = ?", instant);
          after.filter(position -> position.instantValue().equals(Optional.of(instant)))
              .ifPresent(position -> tie.and("c.id > ?", position.claim().value()));
          return tie;
        }, " ORDER BY c.id", "c.id", " ORDER BY b.id", Optional.empty());
        ClaimsReportSql.Part sorted = ClaimsReportSql.part(tables, present.apply(Optional.empty()), " ORDER BY " + v + " DESC, c.id",
            Optional.empty());
        parts.add(merged(selection, tested, present, " ORDER BY " + v + " DESC, c.id DESC", v, " ORDER BY b.v DESC, b.id DESC",
            Optional.of(new ClaimsReportSql.Groups(selection.sortBy(), group, sorted))));
      }
    }
    ReportSql.Where empty = filters.of(tenant, selection, tested).and(v + " IS NULL");
    after.filter(ClaimsPosition::emptyValue).ifPresent(position -> empty.and("c.id > ?", position.claim().value()));
    parts.add(ClaimsReportSql.part(tables, empty, " ORDER BY c.id", Optional.empty()));
    return List.copyOf(parts);
  }

  /**
   * The part of a page sorted by assignment newest first on PostgreSQL, {@code where} choosing the
   * page's claims of one status (or of the selection's statuses): each status's range of {@code
   * claims_status_idx} read backwards, in its order (assignment and id descending), merged, and
   * {@link ClaimsReportSql.Groups read by groups} into the report's order (ties by ascending id).
   * Ordering each range by ascending id within an instant instead needs an incremental sort, which
   * takes at least 32 rows from each range before the merge sees the range's first row: with a
   * selective filter, a status whose claims all sort after the page (the ended claims, newest first)
   * was read for 32 of the filter's claims instead of one (11,000 claims rows for a role inside an
   * area at 1,000,000 claims; 4,100 in the index's order).
   */
  ClaimsReportSql.Part assignedNewestFirst(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after,
      ClaimFilters.UserTest tested, Function<Optional<String>, ReportSql.Where> where) {
    Function<Instant, ClaimsReportSql.Part> group = instant -> merged(selection, tested, status -> {
      ReportSql.Where tie = filters.of(tenant, selection, tested, status).and("c.assigned_at = ?", instant);
      after.filter(position -> position.instantValue().equals(Optional.of(instant)))
          .ifPresent(position -> tie.and("c.id > ?", position.claim().value()));
      return tie;
    }, " ORDER BY c.id", "c.id", " ORDER BY b.id", Optional.empty());
    ClaimsReportSql.Part sorted = ClaimsReportSql.part(tables, where.apply(Optional.empty()), " ORDER BY c.assigned_at DESC, c.id",
        Optional.empty());
    return merged(selection, tested, where, " ORDER BY c.assigned_at DESC, c.id DESC", "c.assigned_at", " ORDER BY b.v DESC, b.id DESC",
        Optional.of(new ClaimsReportSql.Groups(ClaimSortKey.ASSIGNED_AT, group, sorted)));
  }

  /**
   * One statement of a page whose order one index per status holds on PostgreSQL: {@code
   * claims_status_idx} (tenant, status, assigned_at, id), {@code claims_claimed_idx} and {@code
   * claims_expires_idx} (tenant, status, instant, id) — schema version 23 leads them with the status
   * instead of keeping an index per instant. With more than one status to show (none selected: all
   * four), each status's ids are chosen by {@code where} of that status alone in {@code order} (a
   * range of the index in its order, at most the rows wanted), and the statuses' lists are merged
   * ({@code UNION ALL}, ordered by {@code outer} over their {@code b.v}, which is {@code value},
   * and {@code b.id}: a Merge Append); with one status, or on H2, one statement choosing the page's
   * ids in {@code order} ({@link ClaimsReportSql#part}). Also that one statement with a date range on
   * another instant than the sort's: a status with no claim in the range would walk its whole range
   * of the sort's index (assigned in the last 30 days, by claim instant newest first: every expired
   * claim's entry), where one statement reads the date range (an index range per status) and sorts it.
   * With a role filter tested from a set ({@code tested}) and more than one status, {@link #lateral}
   * instead of the merge.
   */
  ClaimsReportSql.Part merged(ClaimsSelection selection, ClaimFilters.UserTest tested, Function<Optional<String>, ReportSql.Where> where,
      String order, String value, String outer, Optional<ClaimsReportSql.Groups> groups) {
    List<String> statuses = (selection.statuses().isEmpty() ? Arrays.stream(ClaimStatus.values()) : selection.statuses().stream())
        .map(Enum::name).sorted().toList();
    boolean rangeOfTheSort = selection.dateField() == ClaimDateField.ASSIGNED ? selection.sortBy() == ClaimSortKey.ASSIGNED_AT
        : selection.sortBy() == ClaimSortKey.CLAIMED_AT;
    boolean otherRange = (selection.from().isPresent() || selection.to().isPresent()) && !rangeOfTheSort;
    if (dialect != Dialect.POSTGRESQL || statuses.size() < 2 || otherRange) {
      return ClaimsReportSql.part(tables, where.apply(Optional.empty()), order, groups);
    }
    if (selection.role().isPresent() && (tested.hashedSet() || tested.holders().isPresent())) {
      return lateral(statuses, where.apply(Optional.empty()), order, value, outer, groups);
    }
    String users = ClaimsReportSql.users(tables);
    List<String> branches = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (String status : statuses) {
      ReportSql.Where branch = where.apply(Optional.of(status));
      branches.add("(SELECT c.tenant_id, c.id, " + value + " AS v FROM " + tables.claims() + " c" + users + branch + order
          + " FETCH FIRST ? ROWS ONLY)");
      params.addAll(branch.params());
      params.add(ClaimsReportSql.ROWS);
    }
    params.add(ClaimsReportSql.ROWS);
    return new ClaimsReportSql.Part("SELECT " + ClaimsReportSql.COLUMNS + " FROM (SELECT b.tenant_id, b.id FROM ("
        + String.join(" UNION ALL ", branches) + ") b" + outer + " FETCH FIRST ? ROWS ONLY) k"
        + " JOIN " + tables.claims() + " c ON c.tenant_id = k.tenant_id AND c.id = k.id" + users + order,
        params.toArray(), groups);
  }

  /**
   * {@link #merged}'s statement with a role filter tested from a set: one subquery run once per
   * status ({@code CROSS JOIN LATERAL} over the statuses' values), each run a range of the status's
   * index in {@code order} (at most the rows wanted), the runs' rows sorted together by {@code
   * outer}, instead of a branch per status merged. The role's test is then planned once and its set
   * of holders hashed once for the statement ({@link ClaimFilters.UserTest}), not once per branch:
   * with a branch per status the holders were planned (bound as an array) or read (as a hashed set)
   * four times, which cost more than the page's walk. Each run reads up to the page's rows of its
   * own status, where the merge stopped each branch at the page: more claims rows read (a role
   * inside an area newest first at 1,000,000 claims: 4,127 → 15,852), less server CPU (15.4 → 7.4
   * ms per page; docs/benchmarks.md, sixth day). A role tested per claim ({@code EXISTS}, more than
   * {@link ClaimsReportSql#ROLE_HOLDERS} holders) keeps the merge: there is nothing to plan or build
   * once, and each run would probe the memberships for the page's rows of its status.
   */
  private ClaimsReportSql.Part lateral(List<String> statuses, ReportSql.Where where, String order, String value, String outer,
      Optional<ClaimsReportSql.Groups> groups) {
    String users = ClaimsReportSql.users(tables);
    List<Object> params = new ArrayList<>(statuses);
    where.and("c.status = s.status");
    params.addAll(where.params());
    params.add(ClaimsReportSql.ROWS);
    params.add(ClaimsReportSql.ROWS);
    String values = String.join(", ", java.util.Collections.nCopies(statuses.size(), "(CAST(? AS VARCHAR(32)))"));
    return new ClaimsReportSql.Part("SELECT " + ClaimsReportSql.COLUMNS + " FROM (SELECT b.tenant_id, b.id FROM (VALUES " + values
        + ") s(status) CROSS JOIN LATERAL (SELECT c.tenant_id, c.id, " + value + " AS v FROM " + tables.claims() + " c" + users + where
        + order + " FETCH FIRST ? ROWS ONLY) b" + outer + " FETCH FIRST ? ROWS ONLY) k"
        + " JOIN " + tables.claims() + " c ON c.tenant_id = k.tenant_id AND c.id = k.id" + users + order, params.toArray(), groups);
  }
}
