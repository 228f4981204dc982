package org.licensekit.jdbc;

import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.spi.report.ClaimsPosition;
import org.licensekit.core.spi.report.ClaimsSelection;

/**
 * A claims-report sort key's SQL: the value's expression over claim {@code c} and user {@code u},
 * the marker its cursor value binds to, and the condition that a row sorts after a position.
 *
 * <p>Text compares by Unicode code point: {@code COLLATE "C"} on PostgreSQL (UTF-8 bytes), and on
 * H2, whose strings compare by UTF-16 unit, the value's UTF-8 bytes ({@code STRINGTOUTF8}, compared
 * unsigned). The organization is the smallest id among the user's memberships: on PostgreSQL the
 * value each claim keeps ({@code organization_key}, schema version 27), on H2 computed from the
 * memberships.
 *
 * @param expression the value's SQL expression
 * @param marker the placeholder a cursor value binds to
 * @param text whether the value is text (else an instant)
 * @param nullable whether a row may have no value (it then sorts last both ways)
 * @param split whether a page reads the rows with a value and those without in two statements
 */
record ClaimSortValue(String expression, String marker, boolean text, boolean nullable, boolean split) {

  /**
   * The selection's sort on the dialect. Sorted by organization with an organization filter on
   * PostgreSQL, the key is read through an expression ({@code organization_key || ''}) that {@code
   * claims_organization_idx} does not hold: the filter's members' claims are read by the filter and
   * sorted (a school: 11,000 claims at 1,000,000), where walking the index in the sort's order, which
   * the planner prefers, passes the claims of every organization before the filter's members' (a
   * member's key may be any organization smaller than theirs): 55,000 to 440,000 claims rows.
   */
  static ClaimSortValue of(ClaimsSelection selection, Tables tables, Dialect dialect) {
    if (selection.sortBy() == ClaimSortKey.ORGANIZATION && dialect == Dialect.POSTGRESQL && selection.organizations().isPresent()) {
      return text("(c.organization_key || '')", true, dialect);
    }
    return of(selection.sortBy(), tables, dialect);
  }

  /** The sort key's SQL on the dialect. */
  static ClaimSortValue of(ClaimSortKey key, Tables tables, Dialect dialect) {
    return switch (key) {
      case USER_NAME -> text("u.name", false, dialect);
      case EMAIL -> text("u.email", false, dialect);
      case PRODUCT -> text("c.product_id", false, dialect);
      // A user without a membership has no organization.
      case ORGANIZATION -> text(dialect == Dialect.POSTGRESQL ? "c.organization_key" : "(SELECT MIN(o.organization_id) FROM "
          + tables.memberships() + " o WHERE o.tenant_id = c.tenant_id AND o.user_id = c.user_id)", true, dialect);
      case STATUS -> text("c.status", false, dialect);
      case ASSIGNED_AT -> new ClaimSortValue("c.assigned_at", "?", false, false, false);
      case CLAIMED_AT -> new ClaimSortValue("c.claimed_at", "?", false, true, true);
      case EXPIRES_AT -> new ClaimSortValue("c.expires_at", "?", false, true, true);
    };
  }

  private static ClaimSortValue text(String expression, boolean nullable, Dialect dialect) {
    return dialect == Dialect.POSTGRESQL
        ? new ClaimSortValue(expression + " COLLATE \"C\"", "?", true, nullable, false)
        : new ClaimSortValue("STRINGTOUTF8(" + expression + ")", "STRINGTOUTF8(?)", true, nullable, false);
  }

  /** {@code ORDER BY} the value in {@code direction}, empty values last, then the claim id. */
  String order(SortDirection direction) {
    return " ORDER BY " + expression + (direction == SortDirection.ASCENDING ? " ASC" : " DESC") + (nullable ? " NULLS LAST" : "")
        + ", c.id";
  }

  /**
   * Adds the condition that a row sorts after {@code after}: {@code value > v OR (value = v AND c.id
   * > id) OR value IS NULL} ({@code <} descending), or {@code value IS NULL AND c.id > id} when the
   * last row had no value; for a value that is never null, or with {@code valuesOnly} (a statement
   * reading only rows that have a value), {@code value >= v AND (value > v OR c.id > id)}, whose
   * first part bounds an index range.
   */
  void keyset(ReportSql.Where where, SortDirection direction, ClaimsPosition after, boolean valuesOnly) {
    if (after.emptyValue()) {
      where.and("(" + expression + " IS NULL AND c.id > ?)", after.claim().value());
      return;
    }
    Object bound = text
        ? after.textValue().orElseThrow(() -> new IllegalArgumentException("the position of a text sort needs a text value"))
        : after.instantValue().orElseThrow(() -> new IllegalArgumentException("the position of an instant sort needs an instant"));
    String beyond = direction == SortDirection.ASCENDING ? " > " : " < ";
    if (!nullable || valuesOnly) {
      String notBefore = direction == SortDirection.ASCENDING ? " >= " : " <= ";
      where.and(expression + notBefore + marker + " AND (" + expression + beyond + marker + " OR c.id > ?)",
          bound, bound, after.claim().value());
      return;
    }
    where.and("(" + expression + beyond + marker + " OR (" + expression + " = " + marker + " AND c.id > ?) OR " + expression
        + " IS NULL)", bound, bound, after.claim().value());
  }
}
