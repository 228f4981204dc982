package org.licensekit.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.SortDirection;
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
 * values that are never null (then a B-tree index read either way gives the order). Text compares
 * by Unicode code point: {@code COLLATE "C"} on PostgreSQL (UTF-8 bytes), and on H2, whose strings
 * compare by UTF-16 unit, the value's UTF-8 bytes ({@code STRINGTOUTF8}, compared unsigned). A page
 * after (v, id) keeps the rows that sort after that pair: {@code value > v OR (value = v AND c.id >
 * id) OR value IS NULL} ({@code <} descending), or {@code value IS NULL AND c.id > id} when the last
 * row had no value; for a value that is never null, {@code value >= v AND (value > v OR c.id > id)},
 * whose first part bounds an index range.
 */
final class ClaimsReportSql {

  /** A statement and its parameters, in order. */
  record Statement(String sql, Object[] params) {}

  /** The sort key's SQL: the value's expression and the marker its cursor value binds to. */
  private record SortValue(String expression, String marker, boolean text, boolean nullable) {}

  /** The columns {@link JdbcReportStore} reads from each row. */
  static final String COLUMNS = "c.id, c.user_id, u.name AS user_name, u.email, c.product_id, c.status, c.pool_id,"
      + " c.assigned_at, c.claimed_at, c.expires_at";

  private final Tables tables;
  private final Dialect dialect;

  ClaimsReportSql(Tables tables, Dialect dialect) {
    this.tables = tables;
    this.dialect = dialect;
  }

  Statement select(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after, int limit) {
    SortValue value = sortValue(selection.sortBy());
    ReportSql.Where where = filters(tenant, selection);
    after.ifPresent(position -> keyset(where, value, selection.direction(), position));
    String order = " ORDER BY " + value.expression() + (selection.direction() == SortDirection.ASCENDING ? " ASC" : " DESC")
        + (value.nullable() ? " NULLS LAST" : "") + ", c.id";
    // Claims whose user is unknown are not reported, so the page is chosen with the join (the planner
    // reads a user only for a claim that passed the other filters).
    String users = " JOIN " + tables.users() + " u ON u.tenant_id = c.tenant_id AND u.id = c.user_id";
    List<Object> params = new ArrayList<>(where.params());
    params.add(limit);
    return new Statement("SELECT " + COLUMNS + " FROM (SELECT c.tenant_id, c.id FROM " + tables.claims() + " c"
        + users + where + order + " FETCH FIRST ? ROWS ONLY) k"
        + " JOIN " + tables.claims() + " c ON c.tenant_id = k.tenant_id AND c.id = k.id" + users + order, params.toArray());
  }

  /**
   * Every row of the report after {@code after}, in the report's order, in one statement for a
   * streamed export: claims joined with their users and with each user's organizations aggregated
   * once per user ({@code ;}-separated, in column {@code organizations}; empty for none), so the
   * rows need no second query.
   */
  Statement all(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after) {
    SortValue value = sortValue(selection.sortBy());
    ReportSql.Where where = filters(tenant, selection);
    after.ifPresent(position -> keyset(where, value, selection.direction(), position));
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

  private ReportSql.Where filters(TenantId tenant, ClaimsSelection s) {
    ReportSql.Where where = new ReportSql.Where().and("c.tenant_id = ?", tenant.value());
    String instant = s.dateField() == ClaimDateField.ASSIGNED ? "c.assigned_at" : "c.claimed_at";
    s.from().ifPresent(from -> where.and(instant + " >= ?", ReportSql.ceilStored(dialect, from)));
    s.to().ifPresent(to -> where.and(instant + " < ?", ReportSql.ceilStored(dialect, to)));
    s.user().ifPresent(user -> where.and("c.user_id = ?", user.value()));
    s.product().ifPresent(product -> where.and("c.product_id = ?", product.value()));
    if (!s.statuses().isEmpty()) {
      where.andIn("c.status", s.statuses().stream().map(Enum::name).sorted().toList());
    }
    // A membership holding the role inside the organizations is also a membership in one of them.
    if (s.role().isPresent()) {
      ReportSql.holdsRole(where, tables, "c.tenant_id", "c.user_id", s.role().get(), s.organizations());
    } else {
      ReportSql.memberOf(where, tables, "c.tenant_id", "c.user_id", s.organizations());
    }
    s.training().ifPresent(criterion -> ReportSql.training(where, tables, "c.tenant_id", "c.user_id", criterion));
    return where;
  }

  private static void keyset(ReportSql.Where where, SortValue value, SortDirection direction, ClaimsPosition after) {
    String v = value.expression();
    if (after.emptyValue()) {
      where.and("(" + v + " IS NULL AND c.id > ?)", after.claim().value());
      return;
    }
    Object bound = value.text()
        ? after.textValue().orElseThrow(() -> new IllegalArgumentException("the position of a text sort needs a text value"))
        : after.instantValue().orElseThrow(() -> new IllegalArgumentException("the position of an instant sort needs an instant"));
    String beyond = direction == SortDirection.ASCENDING ? " > " : " < ";
    if (!value.nullable()) {
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
      case ASSIGNED_AT -> new SortValue("c.assigned_at", "?", false, false);
      case CLAIMED_AT -> new SortValue("c.claimed_at", "?", false, true);
      case EXPIRES_AT -> new SortValue("c.expires_at", "?", false, true);
    };
  }

  private SortValue text(String expression, boolean nullable) {
    return dialect == Dialect.POSTGRESQL
        ? new SortValue(expression + " COLLATE \"C\"", "?", true, nullable)
        : new SortValue("STRINGTOUTF8(" + expression + ")", "STRINGTOUTF8(?)", true, nullable);
  }
}
