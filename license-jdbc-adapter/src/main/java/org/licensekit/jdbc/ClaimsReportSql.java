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
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.report.ClaimsPosition;
import org.licensekit.core.spi.report.ClaimsSelection;

/**
 * The claims report's SELECT: claims inner-joined with their users, the selection's filters as
 * ANDed conditions, one page in keyset order. The page's claim ids are chosen first, in a subquery
 * that needs only indexed columns for the common filters (the indexes of schema version 4 hold the
 * sort value, the claim id and the user id), then only those rows are read and joined. The sort
 * expression comes from a fixed table of the {@link ClaimSortKey} constants and the direction is
 * one of two keywords; every value (filters, the cursor's position, the limit) is a bound parameter.
 *
 * <p>Order: {@code ORDER BY value ASC|DESC NULLS LAST, c.id}, without {@code NULLS LAST} for the
 * values that are never null (then a B-tree index read either way gives the order of the values,
 * and an incremental sort orders the ties by id). The claimed and expiry instants, which may be
 * empty, are read in two statements ({@link #page}): the rows with the instant, {@code ORDER BY
 * value ASC|DESC, c.id}, then the rows without it, {@code ORDER BY c.id} — the same order, each
 * part an index range in its order however the index is read. Text compares
 * by Unicode code point: {@code COLLATE "C"} on PostgreSQL (UTF-8 bytes), and on H2, whose strings
 * compare by UTF-16 unit, the value's UTF-8 bytes ({@code STRINGTOUTF8}, compared unsigned). A page
 * after (v, id) keeps the rows that sort after that pair: {@code value > v OR (value = v AND c.id >
 * id) OR value IS NULL} ({@code <} descending), or {@code value IS NULL AND c.id > id} when the last
 * row had no value; for a value that is never null, or in the part of the rows that have it,
 * {@code value >= v AND (value > v OR c.id > id)}, whose first part bounds an index range.
 */
final class ClaimsReportSql {

  /** A statement and its parameters, in order. */
  record Statement(String sql, Object[] params) {}

  /**
   * A statement of a page whose last parameter, the number of rows to fetch, is given by {@link
   * #limit}; with {@code groups} when it reads in descending order of value and id, the report's
   * order being descending value and ascending id.
   */
  record Part(String sql, Object[] params, Optional<Groups> groups) {

    /** The statement fetching at most {@code rows} rows: each {@link #ROWS} among the parameters becomes {@code rows}. */
    Statement limit(int rows) {
      return new Statement(sql, Arrays.stream(params).map(param -> param == ROWS ? rows : param).toArray());
    }
  }

  /** Stands among a {@link Part}'s parameters for the number of rows still wanted, bound by {@link Part#limit}. */
  static final Object ROWS = new Object();

  /**
   * How a part read newest first, ties by descending id, becomes the report's order (ties by
   * ascending id): of the rows it returned, every tie group but the last is whole (the read passed
   * each before going on) and is put in ascending id order; the last group may continue past the
   * rows read, so its first rows are read again by {@code lastGroup}: the rows with that value (after
   * the position's claim when the position has that value) by ascending id — an index range in its
   * order. At most twice the page's rows are read, however many rows share an instant. When the
   * second read finds fewer rows than the first saw (a concurrent change between the two statements
   * of a read-committed transaction), the part is read again by {@code sorted}: the same rows in
   * the report's order, sorted by the database.
   *
   * @param key the sort key, whose value each row has
   * @param lastGroup the statement reading one value's rows by ascending id
   * @param sorted the part's rows in the report's order in one statement
   */
  record Groups(ClaimSortKey key, Function<Instant, Part> lastGroup, Part sorted) {}

  /** The sort key's SQL: the value's expression and the marker its cursor value binds to. */
  private record SortValue(String expression, String marker, boolean text, boolean nullable, boolean split) {}

  /** The columns {@link JdbcReportStore} reads from each row. */
  static final String COLUMNS = "c.id, c.user_id, u.name AS user_name, u.email, c.product_id, c.status, c.pool_id,"
      + " c.assigned_at, c.claimed_at, c.expires_at";

  private final Tables tables;
  private final Dialect dialect;

  ClaimsReportSql(Tables tables, Dialect dialect) {
    this.tables = tables;
    this.dialect = dialect;
  }

  /**
   * The statements of one page, to run in order while the page has room: each takes the number of
   * rows still wanted ({@link Part#limit}). One statement, except for a sort by an instant that may
   * be empty (claimed, expiry): there the rows with the instant come first, from the instant's
   * index (tenant, instant, id), and the rows without it after them, by claim id (the same index's
   * range of empty instants), so that neither part sorts the empty values into place. Oldest first
   * is the index's order. Newest first the index is read backwards, which puts the ties of an
   * instant (claims ending at one term end share it) in descending id order; that part is
   * {@link Groups read by groups}. A position among the empty values leaves only the second part.
   */
  List<Part> page(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after, Optional<List<String>> roleHolders) {
    SortValue value = sortValue(selection.sortBy());
    boolean ascending = selection.direction() == SortDirection.ASCENDING;
    String direction = ascending ? " ASC" : " DESC";
    Optional<ValueGroups> groups = dialect == Dialect.POSTGRESQL ? ValueGroups.of(selection, tables) : Optional.empty();
    if (groups.isPresent()) {
      return grouped(tenant, selection, after, roleHolders, groups.get());
    }
    if (!value.split()) {
      Function<Optional<String>, ReportSql.Where> where = status -> {
        ReportSql.Where all = filters(tenant, selection, roleHolders, status);
        after.ifPresent(position -> keyset(all, value, selection.direction(), position, false));
        return all;
      };
      String order = " ORDER BY " + value.expression() + direction + (value.nullable() ? " NULLS LAST" : "") + ", c.id";
      return List.of(selection.sortBy() == ClaimSortKey.ASSIGNED_AT
          ? merged(selection, where, order, value.expression(), " ORDER BY b.v" + direction + ", b.id", Optional.empty())
          : part(where.apply(Optional.empty()), order, Optional.empty()));
    }
    String v = value.expression();
    List<Part> parts = new ArrayList<>();
    if (after.isEmpty() || !after.get().emptyValue()) {
      Function<Optional<String>, ReportSql.Where> present = status -> {
        ReportSql.Where withValue = filters(tenant, selection, roleHolders, status).and(v + " IS NOT NULL");
        after.ifPresent(position -> keyset(withValue, value, selection.direction(), position, true));
        return withValue;
      };
      if (ascending) {
        parts.add(merged(selection, present, " ORDER BY " + v + " ASC, c.id", v, " ORDER BY b.v ASC, b.id", Optional.empty()));
      } else {
        Function<Instant, Part> group = instant -> merged(selection, status -> {
          ReportSql.Where tie = filters(tenant, selection, roleHolders, status).and(v + " = ?", instant);
          after.filter(position -> position.instantValue().equals(Optional.of(instant)))
              .ifPresent(position -> tie.and("c.id > ?", position.claim().value()));
          return tie;
        }, " ORDER BY c.id", "c.id", " ORDER BY b.id", Optional.empty());
        Part sorted = part(present.apply(Optional.empty()), " ORDER BY " + v + " DESC, c.id", Optional.empty());
        parts.add(merged(selection, present, " ORDER BY " + v + " DESC, c.id DESC", v, " ORDER BY b.v DESC, b.id DESC",
            Optional.of(new Groups(selection.sortBy(), group, sorted))));
      }
    }
    ReportSql.Where empty = filters(tenant, selection, roleHolders).and(v + " IS NULL");
    after.filter(ClaimsPosition::emptyValue).ifPresent(position -> empty.and("c.id > ?", position.claim().value()));
    parts.add(part(empty, " ORDER BY c.id", Optional.empty()));
    return List.copyOf(parts);
  }

  /**
   * The parts of a page sorted by a value few claims tell apart ({@link ValueGroups}: status,
   * product, organization): one statement walking the values in the page's direction from the
   * position's, each value's claims by ascending id ({@code CROSS JOIN LATERAL}, at most the rows
   * wanted per value), the walk stopping once the page is full (an incremental sort on the values'
   * order, which the walk already has); then, for a value that may be empty, the claims without it by
   * id. Each value's claims come from whichever index the planner finds cheaper for the filters: the
   * primary key in id order, or the value's (or the filters') own range sorted.
   */
  private List<Part> grouped(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after,
      Optional<List<String>> roleHolders, ValueGroups groups) {
    boolean ascending = selection.direction() == SortDirection.ASCENDING;
    String direction = ascending ? " ASC" : " DESC";
    List<Part> parts = new ArrayList<>();
    if (after.isEmpty() || !after.get().emptyValue()) {
      Optional<String> from = after.map(position -> position.textValue()
          .orElseThrow(() -> new IllegalArgumentException("the position of a text sort needs a text value")));
      Statement source = groups.values(tenant, from, ascending);
      ReportSql.Where where = filters(tenant, selection, roleHolders)
          .and(groups.members().isPresent() ? "c.user_id = mg.user_id" : groups.condition());
      after.ifPresent(position -> where.and("(g.v <> ? OR c.id > ?)", from.get(), position.claim().value()));
      String users = " JOIN " + tables.users() + " u ON u.tenant_id = c.tenant_id AND u.id = c.user_id";
      List<Object> params = new ArrayList<>(Arrays.asList(source.params()));
      params.addAll(where.params());
      params.add(ROWS);
      String ofValue = "SELECT c.tenant_id, c.id FROM " + tables.claims() + " c" + users + where + " ORDER BY c.id FETCH FIRST ? ROWS ONLY";
      if (groups.members().isPresent()) {
        // The value's members (a range of the organization index), each one's claims by the user index, at most the rows wanted each.
        ReportSql.Where members = new ReportSql.Where().and("mg.tenant_id = ?", tenant.value()).and("mg.organization_id = g.v")
            .and(groups.members().get());
        roleHolders.filter(holders -> selection.role().isPresent())
            .ifPresent(holders -> members.and("mg.user_id = ANY (?::varchar[])", (Object) holders.toArray(String[]::new)));
        params.addAll(members.params());
        params.add(ROWS);
        ofValue = "SELECT c.tenant_id, c.id FROM " + tables.memberships() + " mg CROSS JOIN LATERAL ("
            + ofValue + ") c" + members
            + " ORDER BY c.id FETCH FIRST ? ROWS ONLY";
      }
      params.add(ROWS);
      parts.add(new Part("SELECT " + COLUMNS + " FROM (SELECT g.v, k.tenant_id, k.id FROM (" + source.sql() + ") g"
          + " CROSS JOIN LATERAL (" + ofValue + ") k ORDER BY g.v" + direction + ", k.id FETCH FIRST ? ROWS ONLY) k"
          + " JOIN " + tables.claims() + " c ON c.tenant_id = k.tenant_id AND c.id = k.id" + users
          + " ORDER BY k.v" + direction + ", c.id", params.toArray(), Optional.empty()));
    }
    groups.emptyCondition().ifPresent(empty -> {
      ReportSql.Where where = filters(tenant, selection, roleHolders).and(empty);
      after.filter(ClaimsPosition::emptyValue).ifPresent(position -> where.and("c.id > ?", position.claim().value()));
      parts.add(part(where, " ORDER BY c.id", Optional.empty()));
    });
    return List.copyOf(parts);
  }

  /**
   * One statement of a page whose order one index per status holds on PostgreSQL: {@code
   * claims_status_idx} (tenant, status, assigned_at, id), {@code claims_claimed_idx} and {@code
   * claims_expires_idx} (tenant, status, instant, id) — schema version 23 leads them with the status
   * instead of keeping an index per instant. With more than one status to show (none selected: all
   * four), each status's ids are chosen by {@code where} of that status alone in {@code order} (a
   * range of the index in its order, at most the rows wanted), and the statuses' lists are merged
   * ({@code UNION ALL}, ordered by {@code outer} over their {@code b.v}, which is {@code value},
   * and {@code b.id}: a Merge Append); with one status, or on H2, {@link #part}. Also {@link #part}
   * with a date range on another instant than the sort's: a status with no claim in the range would
   * walk its whole range of the sort's index (assigned in the last 30 days, by claim instant newest
   * first: every expired claim's entry), where one statement reads the date range (an index range
   * per status) and sorts it.
   */
  private Part merged(ClaimsSelection selection, Function<Optional<String>, ReportSql.Where> where, String order, String value,
      String outer, Optional<Groups> groups) {
    List<String> statuses = (selection.statuses().isEmpty() ? Arrays.stream(ClaimStatus.values()) : selection.statuses().stream())
        .map(Enum::name).sorted().toList();
    boolean rangeOfTheSort = selection.dateField() == ClaimDateField.ASSIGNED ? selection.sortBy() == ClaimSortKey.ASSIGNED_AT
        : selection.sortBy() == ClaimSortKey.CLAIMED_AT;
    boolean otherRange = (selection.from().isPresent() || selection.to().isPresent()) && !rangeOfTheSort;
    if (dialect != Dialect.POSTGRESQL || statuses.size() < 2 || otherRange) {
      return part(where.apply(Optional.empty()), order, groups);
    }
    String users = " JOIN " + tables.users() + " u ON u.tenant_id = c.tenant_id AND u.id = c.user_id";
    List<String> branches = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (String status : statuses) {
      ReportSql.Where branch = where.apply(Optional.of(status));
      branches.add("(SELECT c.tenant_id, c.id, " + value + " AS v FROM " + tables.claims() + " c" + users + branch + order
          + " FETCH FIRST ? ROWS ONLY)");
      params.addAll(branch.params());
      params.add(ROWS);
    }
    params.add(ROWS);
    return new Part("SELECT " + COLUMNS + " FROM (SELECT b.tenant_id, b.id FROM (" + String.join(" UNION ALL ", branches) + ") b"
        + outer + " FETCH FIRST ? ROWS ONLY) k"
        + " JOIN " + tables.claims() + " c ON c.tenant_id = k.tenant_id AND c.id = k.id" + users + order,
        params.toArray(), groups);
  }

  /** One statement of a page: the page's claim ids chosen by {@code where} in {@code order}, then their rows. */
  private Part part(ReportSql.Where where, String order, Optional<Groups> groups) {
    // Claims whose user is unknown are not reported, so the page is chosen with the join (the planner
    // reads a user only for a claim that passed the other filters).
    String users = " JOIN " + tables.users() + " u ON u.tenant_id = c.tenant_id AND u.id = c.user_id";
    return new Part("SELECT " + COLUMNS + " FROM (SELECT c.tenant_id, c.id FROM " + tables.claims() + " c"
        + users + where + order + " FETCH FIRST ? ROWS ONLY) k"
        + " JOIN " + tables.claims() + " c ON c.tenant_id = k.tenant_id AND c.id = k.id" + users + order,
        withRows(where.params()), groups);
  }

  private static Object[] withRows(List<Object> params) {
    List<Object> all = new ArrayList<>(params);
    all.add(ROWS);
    return all.toArray();
  }

  /**
   * Every row of the report after {@code after}, in the report's order, in one statement for a
   * streamed export: claims joined with their users and with each user's organizations aggregated
   * once per user ({@code ;}-separated, in column {@code organizations}; empty for none), so the
   * rows need no second query.
   */
  Statement all(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after) {
    SortValue value = sortValue(selection.sortBy());
    ReportSql.Where where = filters(tenant, selection, Optional.empty());
    after.ifPresent(position -> keyset(where, value, selection.direction(), position, false));
    String order = " ORDER BY " + value.expression() + (selection.direction() == SortDirection.ASCENDING ? " ASC" : " DESC")
        + (value.nullable() ? " NULLS LAST" : "") + ", c.id";
    String aggregate = dialect == Dialect.POSTGRESQL ? "string_agg(organization_id, ';')" : "LISTAGG(organization_id, ';')";
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    params.addAll(where.params());
    return new Statement("SELECT " + COLUMNS + ", mo.organizations FROM " + tables.claims() + " c"
        + " JOIN " + tables.users() + " u ON u.tenant_id = c.tenant_id AND u.id = c.user_id"
        + " LEFT JOIN (SELECT user_id, " + aggregate + " AS organizations FROM " + tables.memberships()
        + " WHERE tenant_id = ? GROUP BY user_id) mo ON mo.user_id = c.user_id"
        + where + order, params.toArray());
  }

  /**
   * The largest set of role holders {@link #roleHolders} reads for a page: above it the page tests
   * the role per claim ({@code EXISTS}), as a large set makes a claim that passes it likely.
   */
  static final int ROLE_HOLDERS = 10_000;

  /**
   * The users holding the selection's role (inside its organizations when it has them), at most
   * {@value #ROLE_HOLDERS} + 1 of them, read before a page on PostgreSQL by {@code
   * membership_roles_role_idx} alone. Given to {@link #page} as an array ({@code c.user_id = ANY
   * (?)}), the planner sees the set itself: a page walks the status's or the assignment's index in
   * page order, testing each claim's user against the set hashed in memory, and stops after the
   * page; an {@code EXISTS} instead either probes the membership index once per claim passed over,
   * or reads every claim of the status to hash-join them, or every holder's claims, depending on
   * statistics (41–225 ms at 1,000,000 claims for one role inside an area and a status).
   */
  private ReportSql.Where roleHolders(TenantId tenant, ClaimsSelection s) {
    ReportSql.Where where = new ReportSql.Where().and("r.tenant_id = ?", tenant.value())
        .and("r.role_id = ?", s.role().orElseThrow(() -> new IllegalArgumentException("the selection has no role")).value());
    s.organizations().ifPresent(orgs -> where.andIn("r.organization_id", orgs.stream().map(OrganizationId::value).sorted().toList()));
    return where;
  }

  /** The statement reading {@link #roleHolders}: distinct user ids by the role index, one more than the limit. */
  Statement roleHoldersStatement(TenantId tenant, ClaimsSelection s) {
    ReportSql.Where where = roleHolders(tenant, s);
    List<Object> params = new ArrayList<>(where.params());
    params.add(ROLE_HOLDERS + 1);
    return new Statement("SELECT DISTINCT r.user_id FROM " + tables.membershipRoles() + " r" + where
        + " ORDER BY r.user_id FETCH FIRST ? ROWS ONLY", params.toArray());
  }

  private ReportSql.Where filters(TenantId tenant, ClaimsSelection s, Optional<List<String>> roleHolders) {
    return filters(tenant, s, roleHolders, Optional.empty());
  }

  /** The selection's conditions; with {@code status}, that status instead of the selection's statuses. */
  private ReportSql.Where filters(TenantId tenant, ClaimsSelection s, Optional<List<String>> roleHolders, Optional<String> status) {
    ReportSql.Where where = new ReportSql.Where().and("c.tenant_id = ?", tenant.value());
    String instant = s.dateField() == ClaimDateField.ASSIGNED ? "c.assigned_at" : "c.claimed_at";
    s.from().ifPresent(from -> where.and(instant + " >= ?", ReportSql.ceilStored(dialect, from)));
    s.to().ifPresent(to -> where.and(instant + " < ?", ReportSql.ceilStored(dialect, to)));
    s.user().ifPresent(user -> where.and("c.user_id = ?", user.value()));
    s.product().ifPresent(product -> where.and("c.product_id = ?", product.value()));
    if (status.isPresent()) {
      where.and("c.status = ?", status.get());
    } else if (!s.statuses().isEmpty()) {
      where.andIn("c.status", s.statuses().stream().map(Enum::name).sorted().toList());
    } else if (dialect == Dialect.POSTGRESQL) {
      // Every status, named: the indexes holding the instants are led by the status (schema version 23),
      // and an assignment or claim range is then one range of them per status, not a sequential scan.
      where.and("c.status IN ('ACTIVE', 'EXPIRED', 'PENDING', 'REVOKED')");
    }
    // A membership holding the role inside the organizations is also a membership in one of them.
    if (s.role().isPresent() && roleHolders.isPresent()) {
      // The holders were read in this transaction with the same role and organizations (roleHolders).
      where.and("c.user_id = ANY (?::varchar[])", (Object) roleHolders.get().toArray(String[]::new));
    } else if (s.role().isPresent()) {
      ReportSql.holdsRole(where, tables, "c.tenant_id", "c.user_id", s.role().get(), s.organizations());
    } else {
      ReportSql.memberOf(where, tables, "c.tenant_id", "c.user_id", s.organizations());
    }
    s.training().ifPresent(criterion -> ReportSql.training(where, tables, "c.tenant_id", "c.user_id", criterion));
    return where;
  }

  /**
   * The condition that a row sorts after {@code after}; {@code valuesOnly} when the statement reads
   * only rows that have a value (then the bounded form serves, as for a value that is never null).
   */
  private static void keyset(ReportSql.Where where, SortValue value, SortDirection direction, ClaimsPosition after,
      boolean valuesOnly) {
    String v = value.expression();
    if (after.emptyValue()) {
      where.and("(" + v + " IS NULL AND c.id > ?)", after.claim().value());
      return;
    }
    Object bound = value.text()
        ? after.textValue().orElseThrow(() -> new IllegalArgumentException("the position of a text sort needs a text value"))
        : after.instantValue().orElseThrow(() -> new IllegalArgumentException("the position of an instant sort needs an instant"));
    String beyond = direction == SortDirection.ASCENDING ? " > " : " < ";
    if (!value.nullable() || valuesOnly) {
      String notBefore = direction == SortDirection.ASCENDING ? " >= " : " <= ";
      where.and(v + notBefore + value.marker() + " AND (" + v + beyond + value.marker() + " OR c.id > ?)",
          bound, bound, after.claim().value());
      return;
    }
    where.and("(" + v + beyond + value.marker() + " OR (" + v + " = " + value.marker() + " AND c.id > ?) OR " + v + " IS NULL)",
        bound, bound, after.claim().value());
  }

  private SortValue sortValue(ClaimSortKey key) {
    return switch (key) {
      case USER_NAME -> text("u.name", false);
      case EMAIL -> text("u.email", false);
      case PRODUCT -> text("c.product_id", false);
      // A user without a membership has no organization.
      case ORGANIZATION -> text("(SELECT MIN(o.organization_id) FROM " + tables.memberships() + " o"
          + " WHERE o.tenant_id = c.tenant_id AND o.user_id = c.user_id)", true);
      case STATUS -> text("c.status", false);
      case ASSIGNED_AT -> new SortValue("c.assigned_at", "?", false, false, false);
      case CLAIMED_AT -> new SortValue("c.claimed_at", "?", false, true, true);
      case EXPIRES_AT -> new SortValue("c.expires_at", "?", false, true, true);
    };
  }

  private SortValue text(String expression, boolean nullable) {
    return dialect == Dialect.POSTGRESQL
        ? new SortValue(expression + " COLLATE \"C\"", "?", true, nullable, false)
        : new SortValue("STRINGTOUTF8(" + expression + ")", "STRINGTOUTF8(?)", true, nullable, false);
  }
}
