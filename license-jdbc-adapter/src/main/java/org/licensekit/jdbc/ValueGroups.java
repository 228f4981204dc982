package org.licensekit.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.report.ClaimsSelection;

/**
 * A claims-report sort whose values few claims tell apart — a status (four values), a product (a
 * tenant's few), an organization (the smallest of a user's memberships, kept on each claim as
 * {@code organization_key} since schema version 27: a tenant's hundreds) — read on PostgreSQL value
 * by value ({@link ClaimsReportSql}): the page walks the values in order and takes each value's
 * claims by ascending id. A single {@code ORDER BY value, id} would sort every claim of the first
 * values before the page's first row (no index holds (status, id) or (product, id)); walking the
 * values, each value's claims come in id order from the primary key or, for the organization,
 * from {@code claims_organization_idx} (tenant, organization_key, id), and the walk stops once the
 * page is full.
 *
 * @param values the values in order as a statement with one column {@code v} (its text in {@code
 *     COLLATE "C"}), starting at a given value, with its parameters
 * @param condition the condition that claim {@code c} has value {@code g.v}
 * @param emptyCondition the condition that claim {@code c} has no value, when it may have none
 */
record ValueGroups(Values values, String condition, Optional<String> emptyCondition) {

  /** The values statement: the values from {@code from} (inclusive) on, in the page's direction. */
  @FunctionalInterface
  interface Values {
    ClaimsReportSql.Statement from(TenantId tenant, Optional<String> from, boolean ascending);
  }

  /** The values from {@code from} (inclusive) on, in the page's direction, one column {@code v}. */
  ClaimsReportSql.Statement values(TenantId tenant, Optional<String> from, boolean ascending) {
    return values.from(tenant, from, ascending);
  }

  /**
   * The groups of the selection's sort on PostgreSQL, when its values are read group by group: not
   * with a user or a date filter, whose claims (one user's, a date range of an index) the single
   * sorted statement of {@link ClaimsReportSql} reads and sorts — bounded by the filter, where
   * walking the values would pass, for each, the claims the filter then drops, all of them for a
   * value the filter keeps none of (assigned in the last 30 days by status: every expired claim).
   * With an organization filter, only by status or product without a role filter, and only when
   * {@code manyMembers} ({@link ClaimsReportSql#walksIfManyMembers}): the walk passes about as many
   * claims per page row as the members are rare, so it reads fewer rows than sorting the members'
   * claims only for a large filter (at 1,000,000 claims, an area's 27,500 members: 1,600–4,700
   * claims rows instead of 110,000; a school's 2,750: 14,000–40,000 instead of 11,300). By
   * organization the walk would pass the claims of every organization before the members'.
   */
  static Optional<ValueGroups> of(ClaimsSelection selection, Tables tables, boolean manyMembers) {
    if (selection.user().isPresent() || selection.from().isPresent() || selection.to().isPresent()
        || (selection.organizations().isPresent() && !(manyMembers && ClaimsReportSql.walksIfManyMembers(selection)))) {
      return Optional.empty();
    }
    return switch (selection.sortBy()) {
      case STATUS -> Optional.of(new ValueGroups((tenant, from, ascending) -> listed(
              (selection.statuses().isEmpty() ? Arrays.stream(ClaimStatus.values()) : selection.statuses().stream())
                  .map(Enum::name).sorted().toArray(String[]::new), from, ascending),
          "c.status = g.v", Optional.empty()));
      case PRODUCT -> Optional.of(new ValueGroups(selection.product().<Values>map(product -> (tenant, from, ascending) ->
              listed(new String[] {product.value()}, from, ascending))
          .orElse((tenant, from, ascending) -> distinct(tables.claims(), "product_id", tenant, from, ascending)),
          "c.product_id = g.v", Optional.empty()));
      // The claims' maintained key (schema version 27): an organization's claims are a range of claims_organization_idx.
      case ORGANIZATION -> Optional.of(new ValueGroups(
          (tenant, from, ascending) -> distinct(tables.claims(), "organization_key", tenant, from, ascending),
          "c.organization_key = g.v", Optional.of("c.organization_key IS NULL")));
      default -> Optional.empty();
    };
  }

  /** Given values (sorted by code point), from {@code from} on, as an array parameter. */
  private static ClaimsReportSql.Statement listed(String[] sorted, Optional<String> from, boolean ascending) {
    String[] kept = Arrays.stream(sorted).filter(value -> from.map(f -> ascending ? value.compareTo(f) >= 0 : value.compareTo(f) <= 0)
        .orElse(true)).toArray(String[]::new);
    return new ClaimsReportSql.Statement("SELECT s.v COLLATE \"C\" AS v FROM unnest(?::varchar[]) AS s(v) ORDER BY 1"
        + (ascending ? " ASC" : " DESC"), new Object[] {kept});
  }

  /**
   * The distinct values of {@code column} in {@code table}'s rows of the tenant, from {@code from} on,
   * by a loose index scan: each value the first index entry after the previous one ({@code WITH
   * RECURSIVE}), so as many index probes as values, whatever the rows.
   */
  private static ClaimsReportSql.Statement distinct(String table, String column, TenantId tenant, Optional<String> from, boolean ascending) {
    String first = ascending ? "MIN" : "MAX";
    String beyond = ascending ? " > " : " < ";
    String start = from.map(f -> " AND " + column + (ascending ? " >= " : " <= ") + "?").orElse("");
    List<Object> params = new ArrayList<>(List.of(tenant.value()));
    from.ifPresent(params::add);
    params.add(tenant.value());
    return new ClaimsReportSql.Statement("SELECT d.v COLLATE \"C\" AS v FROM (WITH RECURSIVE r(v) AS (SELECT " + first + "(" + column + ") FROM "
        + table + " WHERE tenant_id = ?" + start + " UNION ALL SELECT (SELECT " + first + "(x." + column + ") FROM " + table + " x"
        + " WHERE x.tenant_id = ? AND x." + column + beyond + "r.v) FROM r WHERE r.v IS NOT NULL)"
        + " SELECT v FROM r WHERE v IS NOT NULL) d ORDER BY 1" + (ascending ? " ASC" : " DESC"), params.toArray());
  }
}
