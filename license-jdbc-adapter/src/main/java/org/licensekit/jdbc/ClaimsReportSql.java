package org.licensekit.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.report.ClaimsPosition;
import org.licensekit.core.spi.report.ClaimsSelection;

/**
 * The claims report's SELECT: claims inner-joined with their users, the selection's filters as
 * ANDed conditions ({@link ClaimFilters}), one page in keyset order. The page's claim ids are
 * chosen first, in a subquery that needs only indexed columns for the common filters, then only
 * those rows are read and joined. The sort expression comes from a fixed table of the {@link
 * ClaimSortKey} constants ({@link ClaimSortValue}) and the direction is one of two keywords; every
 * value (filters, the cursor's position, the limit) is a bound parameter.
 *
 * <p>Order: {@code ORDER BY value ASC|DESC NULLS LAST, c.id}, without {@code NULLS LAST} for the
 * values that are never null (then a B-tree index read either way gives the order of the values,
 * and an incremental sort orders the ties by id). Which statements read a page: by an instant,
 * {@link ClaimsByInstant}; on PostgreSQL by a status, a product or an organization without a
 * bounding filter (or by a status or a product with an organization filter holding more than
 * {@value #MANY_MEMBERS} memberships), {@link ClaimsByValue}; otherwise one statement. With a role
 * (or, sorted by an instant, an organization filter) whose users are few, the statements test each
 * claim's user from a set hashed once per statement ({@link ClaimFilters#of}).
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
   * ascending id): the part is read for one row more than the page wants; of the rows it returned,
   * every tie group but the last is whole (the read passed each before going on) and is put in
   * ascending id order; the last group, when it reaches that extra row, may continue past the rows
   * read, so its first rows are read again by {@code lastGroup}: the rows with that value (after
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

  /** The columns {@link JdbcReportStore} reads from each row. */
  static final String COLUMNS = "c.id, c.user_id, u.name AS user_name, u.email, c.product_id, c.status, c.pool_id,"
      + " c.assigned_at, c.claimed_at, c.expires_at";

  private final Tables tables;
  private final Dialect dialect;
  private final ClaimFilters filters;
  private final ClaimsByInstant byInstant;
  private final ClaimsByValue byValue;

  ClaimsReportSql(Tables tables, Dialect dialect) {
    this.tables = tables;
    this.dialect = dialect;
    this.filters = new ClaimFilters(tables, dialect);
    this.byInstant = new ClaimsByInstant(tables, dialect, filters);
    this.byValue = new ClaimsByValue(tables, filters);
  }

  /**
   * The statements of one page, to run in order while the page has room: each takes the number of
   * rows still wanted ({@link Part#limit}). One statement, except for a sort by an instant that may
   * be empty (claimed, expiry: {@link ClaimsByInstant#split}) and, on PostgreSQL, a sort by a value
   * few claims tell apart that may be empty (the organization: {@link ClaimsByValue}), where the
   * rows without a value are read after the others by id. {@code manyMembers}: whether the
   * selection's organizations have more than {@value #MANY_MEMBERS} memberships ({@link
   * #membersStatement}), read only when {@link #walksIfManyMembers} or {@link
   * #hashesIfFewUsers}; {@code tested}: how the statements test the role or organization filter
   * ({@link ClaimFilters.UserTest}).
   */
  List<Part> page(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after, ClaimFilters.UserTest tested,
      boolean manyMembers) {
    ClaimSortValue value = ClaimSortValue.of(selection, tables, dialect);
    Optional<ValueGroups> groups = dialect == Dialect.POSTGRESQL ? ValueGroups.of(selection, tables, manyMembers) : Optional.empty();
    if (groups.isPresent()) {
      return byValue.parts(tenant, selection, after, tested, groups.get());
    }
    if (value.split()) {
      return byInstant.split(tenant, selection, after, tested, value);
    }
    Function<Optional<String>, ReportSql.Where> where = status -> {
      ReportSql.Where all = filters.of(tenant, selection, tested, status);
      after.ifPresent(position -> value.keyset(all, selection.direction(), position, false));
      return all;
    };
    String order = value.order(selection.direction());
    if (selection.sortBy() != ClaimSortKey.ASSIGNED_AT) {
      return List.of(part(tables, where.apply(Optional.empty()), order, Optional.empty()));
    }
    if (selection.direction() == SortDirection.DESCENDING && dialect == Dialect.POSTGRESQL) {
      return List.of(byInstant.assignedNewestFirst(tenant, selection, after, tested, where));
    }
    return List.of(byInstant.merged(selection, tested, where, order, value.expression(),
        " ORDER BY b.v" + (selection.direction() == SortDirection.ASCENDING ? " ASC" : " DESC") + ", b.id", Optional.empty()));
  }

  /** The join of claim {@code c} with its user {@code u}: claims whose user is unknown are not reported. */
  static String users(Tables tables) {
    return " JOIN " + tables.users() + " u ON u.tenant_id = c.tenant_id AND u.id = c.user_id";
  }

  /** One statement of a page: the page's claim ids chosen by {@code where} in {@code order}, then their rows. */
  static Part part(Tables tables, ReportSql.Where where, String order, Optional<Groups> groups) {
    // The page is chosen with the join (the planner reads a user only for a claim that passed the other filters).
    List<Object> params = new ArrayList<>(where.params());
    params.add(ROWS);
    return new Part("SELECT " + COLUMNS + " FROM (SELECT c.tenant_id, c.id FROM " + tables.claims() + " c"
        + users(tables) + where + order + " FETCH FIRST ? ROWS ONLY) k"
        + " JOIN " + tables.claims() + " c ON c.tenant_id = k.tenant_id AND c.id = k.id" + users(tables) + order,
        params.toArray(), groups);
  }

  /**
   * Every row of the report after {@code after}, in the report's order, in one statement for a
   * streamed export: claims joined with their users and with each user's organizations aggregated
   * once per user ({@code ;}-separated, in column {@code organizations}; empty for none), so the
   * rows need no second query.
   */
  Statement all(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after) {
    ClaimSortValue value = ClaimSortValue.of(selection, tables, dialect);
    ReportSql.Where where = filters.of(tenant, selection, ClaimFilters.UserTest.PER_CLAIM);
    after.ifPresent(position -> value.keyset(where, selection.direction(), position, false));
    String aggregate = dialect == Dialect.POSTGRESQL ? "string_agg(organization_id, ';')" : "LISTAGG(organization_id, ';')";
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    params.addAll(where.params());
    return new Statement("SELECT " + COLUMNS + ", mo.organizations FROM " + tables.claims() + " c" + users(tables)
        + " LEFT JOIN (SELECT user_id, " + aggregate + " AS organizations FROM " + tables.memberships()
        + " WHERE tenant_id = ? GROUP BY user_id) mo ON mo.user_id = c.user_id"
        + where + value.order(selection.direction()), params.toArray());
  }

  /** Above this many memberships in an organization filter, a page sorted by status or product walks the values ({@link ValueGroups}). */
  static final int MANY_MEMBERS = 10_000;

  /**
   * Whether a page of the selection on PostgreSQL walks the values of its sort ({@link ValueGroups})
   * only when its organizations have more than {@value #MANY_MEMBERS} memberships: sorted by status
   * or product with an organization filter and without a role, user or date filter.
   */
  static boolean walksIfManyMembers(ClaimsSelection s) {
    return s.organizations().isPresent() && s.role().isEmpty() && s.user().isEmpty() && s.from().isEmpty() && s.to().isEmpty()
        && (s.sortBy() == ClaimSortKey.STATUS || s.sortBy() == ClaimSortKey.PRODUCT);
  }

  /**
   * Whether a page of the selection on PostgreSQL tests its role's holders (or, without a role, its
   * organization filter's members) from a set read and hashed once per statement ({@link
   * ClaimFilters.UserTest#HASHED_SET}) when there are at most {@value #ROLE_HOLDERS} holders ({@value
   * #MANY_MEMBERS} memberships): sorted by assignment, with a role or organization filter and
   * without a user, training or date filter, where the page walks {@code claims_status_idx} in page
   * order. Tested per claim by {@code EXISTS}, every claim passed over costs a probe of the
   * memberships' primary key (a school and a status: 6,000 probes for a page at 1,000,000 claims);
   * bound as an array, the role's 5,000 holders cost more to plan than the page to run.
   */
  static boolean hashesIfFewUsers(ClaimsSelection s) {
    return (s.role().isPresent() || s.organizations().isPresent()) && s.user().isEmpty() && s.training().isEmpty()
        && s.from().isEmpty() && s.to().isEmpty() && s.sortBy() == ClaimSortKey.ASSIGNED_AT;
  }

  /**
   * The statement counting the memberships in the selection's organizations, at most {@value
   * #MANY_MEMBERS} + 1 of them, by {@code memberships_organization_idx} alone: a user in two of the
   * organizations counts twice, which only moves the threshold of a choice between two plans that
   * give the same rows.
   */
  Statement membersStatement(TenantId tenant, ClaimsSelection s) {
    List<Object> params = new ArrayList<>(List.of(tenant.value()));
    List<String> organizations = s.organizations().orElseThrow(() -> new IllegalArgumentException("the selection has no organization"))
        .stream().map(OrganizationId::value).sorted().toList();
    params.addAll(organizations);
    params.add(MANY_MEMBERS + 1);
    return new Statement("SELECT count(*) FROM (SELECT 1 FROM " + tables.memberships() + " m WHERE m.tenant_id = ? AND "
        + ReportSql.in("m.organization_id", organizations.size()) + " FETCH FIRST ? ROWS ONLY) m", params.toArray());
  }

  /**
   * The most role holders that a page tests from a set ({@link ClaimFilters.UserTest}: bound as an
   * array, {@link #roleHoldersStatement}, or read and hashed by each statement, {@link
   * #roleHoldersCount}): above it the page tests the role per claim ({@code EXISTS}), as a large set
   * makes a claim that passes it likely, and a set past {@code work_mem} would not be hashed.
   */
  static final int ROLE_HOLDERS = 10_000;

  /**
   * The statement reading the users holding the selection's role (inside its organizations when it
   * has them), at most {@value #ROLE_HOLDERS} + 1 of them, distinct user ids by {@code
   * membership_roles_role_idx} alone, before a page on PostgreSQL not sorted by assignment ({@link
   * #hashesIfFewUsers}). Given to {@link #page} as an array ({@link ClaimFilters.UserTest#holders}),
   * the planner sees the set itself and the database hashes it: a page walks an index in page
   * order, testing each claim's user against the set in memory, and stops after the page; an {@code
   * EXISTS} instead either probes the membership index once per claim passed over, or reads every
   * claim of the status to hash-join them, or every holder's claims, depending on statistics (41–225
   * ms at 1,000,000 claims for one role inside an area and a status).
   */
  Statement roleHoldersStatement(TenantId tenant, ClaimsSelection s) {
    ReportSql.Where where = filters.roleHolders(tenant, s);
    List<Object> params = new ArrayList<>(where.params());
    params.add(ROLE_HOLDERS + 1);
    return new Statement("SELECT DISTINCT r.user_id FROM " + tables.membershipRoles() + " r" + where
        + " ORDER BY r.user_id FETCH FIRST ? ROWS ONLY", params.toArray());
  }

  /**
   * The statement counting the memberships that hold the selection's role (inside its organizations
   * when it has them), at most {@value #ROLE_HOLDERS} + 1 of them, by {@code
   * membership_roles_role_idx} alone, before a page on PostgreSQL sorted by assignment ({@link
   * #hashesIfFewUsers}), whose statements read the holders themselves. A user holding the role in
   * two of the organizations counts twice, which only moves the threshold.
   */
  Statement roleHoldersCount(TenantId tenant, ClaimsSelection s) {
    ReportSql.Where where = filters.roleHolders(tenant, s);
    List<Object> params = new ArrayList<>(where.params());
    params.add(ROLE_HOLDERS + 1);
    return new Statement("SELECT count(*) FROM (SELECT 1 FROM " + tables.membershipRoles() + " r" + where
        + " FETCH FIRST ? ROWS ONLY) r", params.toArray());
  }
}
