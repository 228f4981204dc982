package org.licensekit.jdbc;

import java.time.Instant;
import java.util.Optional;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.IdempotencyRecord;
import org.licensekit.core.spi.IdempotencyStore;

/**
 * Idempotency keys in a table keyed by (tenant, key). A reservation is an insert that the primary
 * key refuses when the key exists, so of several JVMs reserving one key exactly one wins; the result
 * is unbounded text (TEXT on PostgreSQL, a CLOB on H2). A lease renewal or takeover is an UPDATE
 * conditional on the {@code reserved_at} the run last wrote.
 */
final class JdbcIdempotencyStore implements IdempotencyStore {

  private final Sql sql;
  private final Tables tables;

  JdbcIdempotencyStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
  }

  @Override
  public Optional<IdempotencyRecord> find(TenantId tenant, String key) {
    return sql.first("SELECT idempotency_key, fingerprint, reserved_at, result FROM " + tables.idempotencyKeys()
            + " WHERE tenant_id = ? AND idempotency_key = ?",
        row -> new IdempotencyRecord(row.getString("idempotency_key"), row.getString("fingerprint"),
            Rows.instant(row, "reserved_at"), Rows.optionalString(row, "result")),
        tenant.value(), key);
  }

  @Override
  public boolean reserve(TenantId tenant, IdempotencyRecord record) {
    return sql.insertUnlessDuplicate("INSERT INTO " + tables.idempotencyKeys()
            + " (tenant_id, idempotency_key, fingerprint, reserved_at, result) VALUES (?, ?, ?, ?, NULL)",
        "(tenant_id, idempotency_key)", tenant.value(), record.key(), record.fingerprint(), record.reservedAt());
  }

  @Override
  public boolean renew(TenantId tenant, String key, Instant held, Instant renewed) {
    return sql.update("UPDATE " + tables.idempotencyKeys() + " SET reserved_at = ? WHERE tenant_id = ? AND idempotency_key = ?"
        + " AND result IS NULL AND reserved_at = ?", renewed, tenant.value(), key, held) == 1;
  }

  @Override
  public void complete(TenantId tenant, String key, String result) {
    int updated = sql.update("UPDATE " + tables.idempotencyKeys() + " SET result = ? WHERE tenant_id = ? AND idempotency_key = ?",
        result, tenant.value(), key);
    if (updated != 1) {
      throw new IllegalStateException("idempotency key '" + key + "' was never reserved");
    }
  }

  @Override
  public void release(TenantId tenant, String key) {
    sql.update("DELETE FROM " + tables.idempotencyKeys() + " WHERE tenant_id = ? AND idempotency_key = ?", tenant.value(), key);
  }
}
