package org.licensekit.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.report.ClaimsPosition;
import org.licensekit.core.spi.report.ClaimsSelection;

/**
 * The statements of a claims page sorted by a value few claims tell apart ({@link ValueGroups}:
 * status, product, organization), on PostgreSQL: one statement walking the values in the page's
 * direction from the position's, each value's claims by ascending id ({@code CROSS JOIN LATERAL},
 * at most the rows wanted per value), the walk stopping once the page is full (an incremental sort
 * on the values' order, which the walk already has); then, for a value that may be empty, the
 * claims without it by id. Each value's claims come from whichever index the planner finds cheaper
 * for the filters: for the organization, {@code claims_organization_idx} (tenant, organization_key,
 * id), a range in id order; for a status or a product, the primary key in id order, or the value's
 * (or the filters') own range sorted.
 */
final class ClaimsByValue {

  private final Tables tables;
  private final ClaimFilters filters;

  ClaimsByValue(Tables tables, ClaimFilters filters) {
    this.tables = tables;
    this.filters = filters;
  }

  /** The statements of the page after {@code after}: the walk over the values, then the claims without a value when there are such. */
  List<ClaimsReportSql.Part> parts(TenantId tenant, ClaimsSelection selection, Optional<ClaimsPosition> after,
      ClaimFilters.UserTest tested, ValueGroups groups) {
    boolean ascending = selection.direction() == SortDirection.ASCENDING;
    String direction = ascending ? " ASC" : " DESC";
    List<ClaimsReportSql.Part> parts = new ArrayList<>();
    if (after.isEmpty() || !after.get().emptyValue()) {
      Optional<String> from = after.map(position -> position.textValue()
          .orElseThrow(() -> new IllegalArgumentException("the position of a text sort needs a text value")));
      ClaimsReportSql.Statement source = groups.values(tenant, from, ascending);
      ReportSql.Where where = filters.of(tenant, selection, tested).and(groups.condition());
      // After the position's claim within the position's value, every claim of the values after it (an id is never
      // empty): an index condition, so a later page of one value starts at the position instead of passing the pages before.
      after.ifPresent(position -> where.and("c.id > CASE WHEN g.v = ? THEN ? ELSE '' END", from.get(), position.claim().value()));
      String users = ClaimsReportSql.users(tables);
      List<Object> params = new ArrayList<>(Arrays.asList(source.params()));
      params.addAll(where.params());
      params.add(ClaimsReportSql.ROWS);
      params.add(ClaimsReportSql.ROWS);
      parts.add(new ClaimsReportSql.Part("SELECT " + ClaimsReportSql.COLUMNS + " FROM (SELECT g.v, k.tenant_id, k.id FROM ("
          + source.sql() + ") g CROSS JOIN LATERAL (SELECT c.tenant_id, c.id FROM " + tables.claims() + " c" + users + where
          + " ORDER BY c.id FETCH FIRST ? ROWS ONLY) k ORDER BY g.v" + direction + ", k.id FETCH FIRST ? ROWS ONLY) k"
          + " JOIN " + tables.claims() + " c ON c.tenant_id = k.tenant_id AND c.id = k.id" + users
          + " ORDER BY k.v" + direction + ", c.id", params.toArray(), Optional.empty()));
    }
    groups.emptyCondition().ifPresent(empty -> {
      ReportSql.Where where = filters.of(tenant, selection, tested).and(empty);
      after.filter(ClaimsPosition::emptyValue).ifPresent(position -> where.and("c.id > ?", position.claim().value()));
      parts.add(ClaimsReportSql.part(tables, where, " ORDER BY c.id", Optional.empty()));
    });
    return List.copyOf(parts);
  }
}
