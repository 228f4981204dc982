package org.licensekit.jdbc;

import java.util.List;
import java.util.Optional;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.report.ClaimsSelection;

/**
 * The claims report's filter predicates: the selection's conditions on claim {@code c}, ANDed,
 * every value bound; and the conditions choosing a role's holders and an organization filter's
 * members, counted before a page on PostgreSQL ({@link ClaimsReportSql#roleHoldersStatement},
 * {@link ClaimsReportSql#membersStatement}) to choose how the page tests them ({@link UserTest}).
 */
final class ClaimFilters {

  private final Tables tables;
  private final Dialect dialect;

  ClaimFilters(Tables tables, Dialect dialect) {
    this.tables = tables;
    this.dialect = dialect;
  }

  /**
   * How a page's statements test the selection's role filter (or, without a role, its organization
   * filter) on PostgreSQL: per claim ({@code EXISTS}); against the role's {@code holders} read
   * before the page and bound as an array; or, with {@code hashedSet}, against the filter's users
   * read by each statement into a set the database hashes once ({@link #hashedSet}). The caller
   * counted at most {@link ClaimsReportSql#ROLE_HOLDERS} holders (or {@link
   * ClaimsReportSql#MANY_MEMBERS} memberships) for either of the last two.
   *
   * @param holders the role's holders, when they were read
   * @param hashedSet whether the statements read the users into a hashed set
   */
  record UserTest(Optional<List<String>> holders, boolean hashedSet) {

    /** An {@code EXISTS} per claim. */
    static final UserTest PER_CLAIM = new UserTest(Optional.empty(), false);

    /** The filter's users read by each statement into a hashed set. */
    static final UserTest HASHED_SET = new UserTest(Optional.empty(), true);

    /** The role's holders, read before the page, bound as an array. */
    static UserTest holders(List<String> holders) {
      return new UserTest(Optional.of(List.copyOf(holders)), false);
    }
  }

  /** The selection's conditions, its role or organization filter tested as {@code tested} says. */
  ReportSql.Where of(TenantId tenant, ClaimsSelection s, UserTest tested) {
    return of(tenant, s, tested, Optional.empty());
  }

  /** The selection's conditions; with {@code status}, that status instead of the selection's statuses. */
  ReportSql.Where of(TenantId tenant, ClaimsSelection s, UserTest tested, Optional<String> status) {
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
    if (s.role().isPresent() && tested.hashedSet()) {
      hashedSet(where, "r.user_id FROM " + tables.membershipRoles() + " r", roleHolders(tenant, s));
    } else if (s.role().isPresent() && tested.holders().isPresent()) {
      // The holders were read in this transaction with the same role and organizations (ClaimsReportSql#roleHoldersStatement).
      where.and("c.user_id = ANY (?::varchar[])", (Object) tested.holders().get().toArray(String[]::new));
    } else if (s.role().isPresent()) {
      ReportSql.holdsRole(where, tables, "c.tenant_id", "c.user_id", s.role().get(), s.organizations());
    } else if (tested.hashedSet() && s.organizations().isPresent()) {
      hashedSet(where, "m.user_id FROM " + tables.memberships() + " m", members(tenant, s));
    } else {
      ReportSql.memberOf(where, tables, "c.tenant_id", "c.user_id", s.organizations());
    }
    s.training().ifPresent(criterion -> ReportSql.training(where, tables, "c.tenant_id", "c.user_id", criterion));
    return where;
  }

  /**
   * Claim {@code c}'s user is one of the users the uncorrelated {@code SELECT users + condition}
   * reads, tested from a set the database hashes once per statement (PostgreSQL's hashed SubPlan):
   * a page walks its sort's index in page order, testing each claim's user against the set, and stops
   * after the page. Written {@code (… IN (…) OR FALSE)} so that the planner keeps it a filter: an
   * {@code IN} or {@code EXISTS} standing alone among the ANDed conditions becomes a semi-join, which
   * either probes an index once per claim passed over or reads every listed user's claims and sorts
   * them; below an {@code OR} the sub-select is left in place, and the {@code OR FALSE} is folded away
   * before it is planned (as a hashed SubPlan when the set fits in {@code work_mem}: the callers
   * keep it to at most 10,000 rows). Uncorrelated, the set is read and hashed once per statement,
   * however many times a {@code LATERAL} subquery holding it runs ({@link ClaimsByInstant#merged}).
   * The role's holders were read into the application before and bound as an array ({@code
   * c.user_id = ANY (?)}, which other sorts still do): hashed as well, but the planner estimates
   * each element of a constant array against the column's statistics, and planning 5,000 holders in
   * each statement (in each status's branch of one) cost more than running the page. The set's
   * selectivity is unknown to the planner, so only pages that walk the assignment's index in page
   * order use it ({@link ClaimsReportSql#hashesIfFewUsers}): sorted otherwise, a plan estimating
   * every other claim to pass may read the whole table and sort it.
   */
  private static void hashedSet(ReportSql.Where where, String users, ReportSql.Where condition) {
    where.and("(c.user_id IN (SELECT " + users + condition + ") OR FALSE)", condition.params().toArray());
  }

  /** The memberships {@code m} in the selection's organizations: read by {@code memberships_organization_idx} alone. */
  ReportSql.Where members(TenantId tenant, ClaimsSelection s) {
    return new ReportSql.Where().and("m.tenant_id = ?", tenant.value()).andIn("m.organization_id",
        s.organizations().orElseThrow(() -> new IllegalArgumentException("the selection has no organization")).stream()
            .map(OrganizationId::value).sorted().toList());
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
