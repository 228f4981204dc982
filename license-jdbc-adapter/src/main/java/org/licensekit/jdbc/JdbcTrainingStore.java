package org.licensekit.jdbc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.TrainingStore;

/** Training completions and certifications, and training assignments: one row per tenant × user × training in each table. */
final class JdbcTrainingStore implements TrainingStore {

  private final Sql sql;
  private final Tables tables;

  JdbcTrainingStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
  }

  @Override
  public void save(TenantId tenant, TrainingRecord record) {
    sql.upsert(tables.trainingRecords(), List.of("tenant_id", "user_id", "training_id"), List.of("completed_at", "expires_at"),
        tenant.value(), record.user().value(), record.training().value(), record.completedAt(), record.expiresAt());
  }

  @Override
  public void saveAssignment(TenantId tenant, TrainingAssignment assignment) {
    sql.upsert(tables.trainingAssignments(), List.of("tenant_id", "user_id", "training_id"),
        List.of("product_id", "assigned_at", "due_at", "completed_at"),
        tenant.value(), assignment.user().value(), assignment.training().value(),
        assignment.product().map(ProductId::value), assignment.assignedAt(), assignment.dueAt(), assignment.completedAt());
  }

  @Override
  public List<TrainingAssignment> assignmentsOf(TenantId tenant, UserId user) {
    return sql.list("SELECT user_id, training_id, product_id, assigned_at, due_at, completed_at FROM " + tables.trainingAssignments()
            + " WHERE tenant_id = ? AND user_id = ? ORDER BY training_id",
        row -> TrainingAssignment.builder()
            .user(UserId.of(row.getString("user_id")))
            .training(TrainingId.of(row.getString("training_id")))
            .product(Optional.ofNullable(row.getString("product_id")).map(ProductId::of))
            .assignedAt(Rows.instant(row, "assigned_at"))
            .dueAt(Rows.instant(row, "due_at"))
            .completedAt(Rows.optionalInstant(row, "completed_at"))
            .build(),
        tenant.value(), user.value());
  }

  @Override
  public List<TrainingRecord> listForUser(TenantId tenant, UserId user) {
    return sql.list("SELECT user_id, training_id, completed_at, expires_at FROM " + tables.trainingRecords()
            + " WHERE tenant_id = ? AND user_id = ? ORDER BY training_id", JdbcTrainingStore::record, tenant.value(), user.value());
  }

  /** One query for the whole collection: {@code user_id = ANY(?)} on PostgreSQL, an {@code IN} list on H2. */
  @Override
  public Map<UserId, List<TrainingRecord>> listForUsers(TenantId tenant, Collection<UserId> users) {
    Map<UserId, List<TrainingRecord>> found = new LinkedHashMap<>();
    users.forEach(user -> found.put(user, new ArrayList<>()));
    if (users.isEmpty()) {
      return found;
    }
    List<String> distinct = users.stream().map(UserId::value).distinct().toList();
    String columns = "SELECT user_id, training_id, completed_at, expires_at FROM " + tables.trainingRecords() + " WHERE tenant_id = ?";
    List<TrainingRecord> records;
    if (sql.postgres()) {
      records = sql.list(columns + " AND user_id = ANY(?::varchar[]) ORDER BY user_id, training_id", JdbcTrainingStore::record,
          tenant.value(), distinct.toArray(String[]::new));
    } else {
      List<Object> params = new ArrayList<>();
      params.add(tenant.value());
      params.addAll(distinct);
      records = sql.list(columns + " AND user_id IN (" + Dialect.placeholders(distinct.size()) + ") ORDER BY user_id, training_id",
          JdbcTrainingStore::record, params.toArray());
    }
    records.forEach(record -> found.get(record.user()).add(record));
    return found;
  }

  private static TrainingRecord record(java.sql.ResultSet row) throws java.sql.SQLException {
    return TrainingRecord.builder()
        .user(UserId.of(row.getString("user_id")))
        .training(TrainingId.of(row.getString("training_id")))
        .completedAt(Rows.instant(row, "completed_at"))
        .expiresAt(Rows.optionalInstant(row, "expires_at"))
        .build();
  }
}
