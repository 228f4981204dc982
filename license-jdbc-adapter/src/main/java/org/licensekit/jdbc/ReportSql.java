package org.licensekit.jdbc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.spi.TrainingCriterion;

/**
 * Pieces the report queries share: a WHERE clause built from ANDed conditions with their bound
 * values, IN lists, the organization condition, UTC days and instant bounds. Only the shape of a
 * statement depends on a selection (which conditions, how many markers); every value is bound.
 */
final class ReportSql {

  private ReportSql() {}

  /** A WHERE clause of ANDed conditions and the parameters they bind, in order. */
  static final class Where {
    private final StringBuilder text = new StringBuilder();
    private final List<Object> params = new ArrayList<>();

    Where and(String condition, Object... values) {
      text.append(text.length() == 0 ? " WHERE " : " AND ").append(condition);
      params.addAll(List.of(values));
      return this;
    }

    /** {@code column IN (?, …)} over {@code values}; an empty collection matches nothing. */
    Where andIn(String column, Collection<?> values) {
      return and(in(column, values.size()), values.toArray());
    }

    List<Object> params() {
      return params;
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  /** {@code column IN (?, …)} with {@code size} markers; {@code 1 = 0} when there are none. */
  static String in(String column, int size) {
    return size == 0 ? "1 = 0" : column + " IN (" + Dialect.placeholders(size) + ")";
  }

  /** The ids' values in a stable order, for an IN list. */
  static List<String> productIds(Set<ProductId> products) {
    return products.stream().map(ProductId::value).sorted().toList();
  }

  /**
   * The condition that the user in {@code userColumn} (of a row whose tenant is {@code tenantColumn})
   * has a membership in one of {@code organizations}; nothing when they are absent.
   */
  static void memberOf(Where where, Tables tables, String tenantColumn, String userColumn,
      Optional<Set<OrganizationId>> organizations) {
    organizations.ifPresent(orgs -> where.and("EXISTS (SELECT 1 FROM " + tables.memberships() + " m"
            + " WHERE m.tenant_id = " + tenantColumn + " AND m.user_id = " + userColumn
            + " AND " + in("m.organization_id", orgs.size()) + ")",
        orgs.stream().map(OrganizationId::value).sorted().toArray()));
  }

  /**
   * The condition that the user in {@code userColumn} (of a row whose tenant is {@code tenantColumn})
   * holds {@code role} in a membership, inside one of {@code organizations} when they are given: one
   * membership_roles row has both.
   */
  static void holdsRole(Where where, Tables tables, String tenantColumn, String userColumn, RoleId role,
      Optional<Set<OrganizationId>> organizations) {
    List<Object> params = new ArrayList<>();
    params.add(role.value());
    organizations.ifPresent(orgs -> orgs.stream().map(OrganizationId::value).sorted().forEach(params::add));
    where.and("EXISTS (SELECT 1 FROM " + tables.membershipRoles() + " r WHERE r.tenant_id = " + tenantColumn
        + " AND r.user_id = " + userColumn + " AND r.role_id = ?"
        + organizations.map(orgs -> " AND " + in("r.organization_id", orgs.size())).orElse("") + ")",
        params.toArray());
  }

  /**
   * The condition that the user in {@code userColumn} (of a row whose tenant is {@code tenantColumn})
   * is in the criterion's state of one training: an EXISTS on the user's one assignment or one
   * record of it (their primary keys, or the (tenant, training, user) indexes of schema version 16
   * when the planner starts from the training), stating {@link org.licensekit.core.policy.TrainingStates}
   * in SQL. The instant is whole microseconds (the core's clock), so every comparison holds on
   * PostgreSQL's microsecond timestamps exactly as in Java.
   */
  static void training(Where where, Tables tables, String tenantColumn, String userColumn, TrainingCriterion criterion) {
    Instant at = criterion.at();
    String training = criterion.condition().training().value();
    String assignment = "EXISTS (SELECT 1 FROM " + tables.trainingAssignments() + " ta WHERE ta.tenant_id = " + tenantColumn
        + " AND ta.user_id = " + userColumn + " AND ta.training_id = ?";
    String record = "EXISTS (SELECT 1 FROM " + tables.trainingRecords() + " tr WHERE tr.tenant_id = " + tenantColumn
        + " AND tr.user_id = " + userColumn + " AND tr.training_id = ?";
    String open = " AND (ta.completed_at IS NULL OR ta.completed_at > ?)";
    switch (criterion.condition().status()) {
      case ASSIGNED -> where.and(assignment + ")", training);
      case NOT_COMPLETED -> where.and(assignment + open + ")", training, at);
      case OVERDUE -> where.and(assignment + open + " AND ta.due_at < ?)", training, at, at);
      case COMPLETED -> where.and(record + " AND tr.completed_at <= ? AND (tr.expires_at IS NULL OR tr.expires_at > ?))",
          training, at, at);
      case CERTIFICATION_EXPIRED -> where.and(record + " AND tr.expires_at <= ?)", training, at);
      default -> throw new IllegalArgumentException("unknown training status " + criterion.condition().status());
    }
  }

  /** The UTC date of a timestamp column, the same expression on H2 and PostgreSQL. */
  static String utcDay(String column) {
    return "CAST(" + column + " AT TIME ZONE 'UTC' AS DATE)";
  }

  /**
   * The smallest instant the database stores that is not before {@code instant}: the value to bind
   * for {@code column >= ?} or {@code column < ?} so that it holds exactly as it does in Java.
   * PostgreSQL keeps whole microseconds and rounds a bound value to them; for whole-microsecond
   * values, {@code x >= t} and {@code x < t} equal {@code x >= ceil(t)} and {@code x < ceil(t)}.
   * H2 keeps nanoseconds and compares as given.
   */
  static Instant ceilStored(Dialect dialect, Instant instant) {
    if (dialect != Dialect.POSTGRESQL) {
      return instant;
    }
    Instant truncated = instant.truncatedTo(ChronoUnit.MICROS);
    return truncated.equals(instant) ? instant : truncated.plus(1, ChronoUnit.MICROS);
  }
}
