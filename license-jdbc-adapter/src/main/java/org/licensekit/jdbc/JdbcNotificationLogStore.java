package org.licensekit.jdbc;

import java.time.Instant;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.NotificationLogStore;

/**
 * The once-only notification log: a table keyed by (tenant, key). Recording is an insert the
 * primary key refuses for a recorded key ({@code ON CONFLICT DO NOTHING} on PostgreSQL, a savepoint
 * on H2), on the caller's connection, so it commits or rolls back with the job's transaction. A
 * concurrent insert of the same key waits for the other transaction: if that one commits, this
 * one records nothing.
 */
final class JdbcNotificationLogStore implements NotificationLogStore {

  private final Sql sql;
  private final Tables tables;

  JdbcNotificationLogStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
  }

  @Override
  public boolean recordIfAbsent(TenantId tenant, String key, Instant at) {
    return sql.insertUnlessDuplicate("INSERT INTO " + tables.notificationLog()
            + " (tenant_id, notification_key, recorded_at) VALUES (?, ?, ?)",
        "(tenant_id, notification_key)", tenant.value(), key, at);
  }

  @Override
  public boolean contains(TenantId tenant, String key) {
    return sql.first("SELECT 1 FROM " + tables.notificationLog() + " WHERE tenant_id = ? AND notification_key = ?",
        row -> true, tenant.value(), key).orElse(false);
  }
}
