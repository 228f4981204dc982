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
    List<String> products = List.of(); // sorted by another instant than the assignment: pending claims have neither
    String v = value.expression();
    List<ClaimsReportSql.Part> parts = new ArrayList<>();
    if (after.isEmpty() || !after.get().emptyValue()) {
      Function<Optional<String>, ReportSql.Where> present = status -> {
        ReportSql.Where withValue = filters.of(tenant, selection, tested, status).and(v + " IS NOT NULL");
        after.ifPresent(position -> value.keyset(withValue, selection.direction(), position, true));
        return withValue;
      };
      if (selection.direction() == SortDirection.ASCENDING) {
        parts.add(merged(products, selection, tested, present, " ORDER BY " + v + " ASC, c.id", v, " ORDER BY b.v ASC, b.id", Optional.empty()));
      } else {
        Function<Instant, ClaimsReportSql.Part> group = instant -> merged(products, selection, tested, status -> {
          ReportSql.Where tie = filters.of(tenant, selection, tested, status).and(v + " = ?", instant);
          after.filter(position -> position.instantValue().equals(Optional.of(instant)))
              .ifPresent(position -> tie.and("c.id > ?", position.claim().value()));
          return tie;
        }, " ORDER BY c.id", "c.id", " ORDER BY b.id", Optional.empty());
        ClaimsReportSql.Part sorted = ClaimsReportSql.part(tables, present.apply(Optional.empty()), " ORDER BY " + v + " DESC, c.id",
            Optional.empty());
        parts.add(merged(products, selection, tested, present, " ORDER BY " + v + " DESC, c.id DESC", v, " ORDER BY b.v DESC, b.id DESC",
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
      ClaimFilters.UserTest tested, Function<Optional<String>, ReportSql.Where> where, List<String> products) {
    Function<Instant, ClaimsReportSql.Part> group = instant -> merged(products, selection, tested, status -> {
      ReportSql.Where tie = filters.of(tenant, selection, tested, status).and("c.assigned_at = ?", instant);
      after.filter(position -> position.instantValue().equals(Optional.of(instant)))
          .ifPresent(position -> tie.and("c.id > ?", position.claim().value()));
      return tie;
    }, " ORDER BY c.id", "c.id", " ORDER BY b.id", Optional.empty());
    ClaimsReportSql.Part sorted = ClaimsReportSql.part(tables, where.apply(Optional.empty()), " ORDER BY c.assigned_at DESC, c.id",
        Optional.empty());
    return merged(products, selection, tested, where, " ORDER BY c.assigned_at DESC, c.id DESC", "c.assigned_at", " ORDER BY b.v DESC, b.id DESC",
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
  ClaimsReportSql.Part merged(List<String> products, ClaimsSelection selection, ClaimFilters.UserTest tested,
      Function<Optional<String>, ReportSql.Where> where, String order, String value, String outer, Optional<ClaimsReportSql.Groups> groups) {
    List<String> statuses = (selection.statuses().isEmpty() ? Arrays.stream(ClaimStatus.values()) : selection.statuses().stream())
        .map(Enum::name).sorted().toList();
    boolean rangeOfTheSort = selection.dateField() == ClaimDateField.ASSIGNED ? selection.sortBy() == ClaimSortKey.ASSIGNED_AT
        : selection.sortBy() == ClaimSortKey.CLAIMED_AT;
    boolean otherRange = (selection.from().isPresent() || selection.to().isPresent()) && !rangeOfTheSort;
    boolean pendingPerProduct = dialect == Dialect.POSTGRESQL && pendingByProduct(selection);
    if (dialect != Dialect.POSTGRESQL || otherRange || (statuses.size() < 2 && !pendingPerProduct)) {
      return ClaimsReportSql.part(tables, where.apply(Optional.empty()), order, groups);
    }
    String users = ClaimsReportSql.users(tables);
    List<String> branches = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    List<String> ranged = statuses.stream().filter(status -> !pendingPerProduct || !status.equals(PENDING)).toList();
    if (selection.role().isPresent() && (tested.hashedSet() || tested.holders().isPresent())) {
      if (!ranged.isEmpty()) {
        branches.add(lateral(ranged, where.apply(Optional.empty()), order, value, outer, params));
      }
      if (pendingPerProduct && !products.isEmpty()) {
        branches.add(lateralPerProduct(products, where.apply(Optional.of(PENDING)), order, value, outer, params));
      }
    } else {
      for (String status : ranged) {
        branches.add(branch(where.apply(Optional.of(status)), order, value, params));
      }
      // Since schema version 34 claims_status_idx holds no pending claim: one range of claims_product_status_idx per product
      for (String product : pendingPerProduct ? products : List.<String>of()) {
        branches.add(branch(where.apply(Optional.of(PENDING)).and("c.product_id = ?", product), order, value, params));
      }
    }
    if (branches.isEmpty()) {
      // only pending claims asked for, and no claim at all: a statement returning nothing
      branches.add(branch(where.apply(Optional.of(PENDING)).and("1 = 0"), order, value, params));
    }
    params.add(ClaimsReportSql.ROWS);
    return new ClaimsReportSql.Part("SELECT " + ClaimsReportSql.COLUMNS + " FROM (SELECT b.tenant_id, b.id FROM ("
        + String.join(" UNION ALL ", branches) + ") b" + outer + " FETCH FIRST ? ROWS ONLY) k"
        + " JOIN " + tables.claims() + " c ON c.tenant_id = k.tenant_id AND c.id = k.id" + users + order,
        params.toArray(), groups);
  }

  private static final String PENDING = ClaimStatus.PENDING.name();

  /**
   * Whether a page of the selection on PostgreSQL reads its pending claims one product at a time:
   * sorted by assignment, showing pending claims, without a product or user filter. Since schema
   * version 34 {@code claims_status_idx} holds only the claims past {@code PENDING} (a new claim
   * writes one index entry fewer), and {@code claims_product_status_idx} (tenant, product, status,
   * assigned_at, id) holds the pending claims in the same order within each product; the page
   * first reads the tenant's products ({@link ClaimsReportSql#productsStatement}).
   */
  static boolean pendingByProduct(ClaimsSelection s) {
    return (s.statuses().isEmpty() || s.statuses().contains(ClaimStatus.PENDING)) && s.product().isEmpty() && s.user().isEmpty()
        && s.sortBy() == ClaimSortKey.ASSIGNED_AT;
  }

  /** One range of an index in {@code order}, at most the rows wanted: a branch of {@link #merged}'s merge. */
  private String branch(ReportSql.Where where, String order, String value, List<Object> params) {
    params.addAll(where.params());
    params.add(ClaimsReportSql.ROWS);
    return "(SELECT c.tenant_id, c.id, " + value + " AS v FROM " + tables.claims() + " c" + ClaimsReportSql.users(tables) + where + order
        + " FETCH FIRST ? ROWS ONLY)";
  }

  /**
   * {@link #lateral} for the pending claims of a role's page (schema version 34): one run per
   * product, each a range of {@code claims_product_status_idx}, the role's set planned and built
   * once for the statement as in {@link #lateral}.
   */
  private String lateralPerProduct(List<String> products, ReportSql.Where pending, String order, String value, String outer,
      List<Object> params) {
    params.addAll(products);
    pending.and("c.product_id = pr.product_id");
    params.addAll(pending.params());
    params.add(ClaimsReportSql.ROWS);
    params.add(ClaimsReportSql.ROWS);
    String values = String.join(", ", java.util.Collections.nCopies(products.size(), "(CAST(? AS VARCHAR(128)))"));
    return "(SELECT b.tenant_id, b.id, b.v FROM (VALUES " + values + ") pr(product_id) CROSS JOIN LATERAL (SELECT c.tenant_id, c.id, "
        + value + " AS v FROM " + tables.claims() + " c" + ClaimsReportSql.users(tables) + pending + order + " FETCH FIRST ? ROWS ONLY) b"
        + outer + " FETCH FIRST ? ROWS ONLY)";
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
  private String lateral(List<String> statuses, ReportSql.Where where, String order, String value, String outer, List<Object> params) {
    String users = ClaimsReportSql.users(tables);
    params.addAll(statuses);
    // The statuses as literals as well: claims_status_idx holds only the claims past PENDING (schema version 34),
    // and the planner uses it for a run only when the statement's own conditions say the claim is one of them.
    where.and("c.status = s.status").and("c.status IN ('" + String.join("', '", statuses) + "')");
    params.addAll(where.params());
    params.add(ClaimsReportSql.ROWS);
    params.add(ClaimsReportSql.ROWS);
    String values = String.join(", ", java.util.Collections.nCopies(statuses.size(), "(CAST(? AS VARCHAR(32)))"));
    return "(SELECT b.tenant_id, b.id, b.v FROM (VALUES " + values + ") s(status) CROSS JOIN LATERAL (SELECT c.tenant_id, c.id, "
        + value + " AS v FROM " + tables.claims() + " c" + users + where + order + " FETCH FIRST ? ROWS ONLY) b" + outer
        + " FETCH FIRST ? ROWS ONLY)";
  }
}
