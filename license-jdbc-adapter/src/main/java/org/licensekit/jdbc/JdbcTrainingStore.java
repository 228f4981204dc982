package org.licensekit.jdbc;

import java.util.List;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.TrainingStore;

/** Training completions and certifications, one row per tenant × user × training. */
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
  public List<TrainingRecord> listForUser(TenantId tenant, UserId user) {
    return sql.list("SELECT user_id, training_id, completed_at, expires_at FROM " + tables.trainingRecords()
            + " WHERE tenant_id = ? AND user_id = ? ORDER BY training_id",
        row -> TrainingRecord.builder()
            .user(UserId.of(row.getString("user_id")))
            .training(TrainingId.of(row.getString("training_id")))
            .completedAt(Rows.instant(row, "completed_at"))
            .expiresAt(Rows.optionalInstant(row, "expires_at"))
            .build(),
        tenant.value(), user.value());
  }
}
