package org.licensekit.jdbc;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.report.ClaimsSelection;

/**
 * The claims report's filter predicates: the selection's conditions on claim {@code c}, ANDed,
 * every value bound; and the condition choosing a role's holders, read before a page on PostgreSQL
 * ({@link ClaimsReportSql#roleHoldersStatement}).
 */
final class ClaimFilters {

  private final Tables tables;
  private final Dialect dialect;

  ClaimFilters(Tables tables, Dialect dialect) {
    this.tables = tables;
    this.dialect = dialect;
  }

  /** The selection's conditions; {@code roleHolders} the role's holders when they were read. */
  ReportSql.Where of(TenantId tenant, ClaimsSelection s, Optional<List<String>> roleHolders) {
    return of(tenant, s, roleHolders, Optional.empty());
  }

  /** The selection's conditions; with {@code status}, that status instead of the selection's statuses. */
  ReportSql.Where of(TenantId tenant, ClaimsSelection s, Optional<List<String>> roleHolders, Optional<String> status) {
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
   * The membership roles {@code r} holding the selection's role, inside its organizations when it
   * has them: read by {@code membership_roles_role_idx} alone.
   */
  ReportSql.Where roleHolders(TenantId tenant, ClaimsSelection s) {
    ReportSql.Where where = new ReportSql.Where().and("r.tenant_id = ?", tenant.value())
        .and("r.role_id = ?", s.role().orElseThrow(() -> new IllegalArgumentException("the selection has no role")).value());
    s.organizations().ifPresent(orgs -> where.andIn("r.organization_id", orgs.stream().map(OrganizationId::value).sorted().toList()));
    return where;
  }
}
