package org.licensekit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.OutboxStore;

/**
 * The outbox table. Every state change is one conditional UPDATE on the row's current state (the
 * database's compare-and-set), so deliverers on several JVMs never both take a message.
 */
final class JdbcOutboxStore implements OutboxStore {

  /** The columns of {@link #COLUMNS} with their types, for {@link BulkInsert}. */
  private static final List<BulkInsert.Column> ROW = List.of(new BulkInsert.Column("tenant_id", "varchar"),
      new BulkInsert.Column("id", "varchar"), new BulkInsert.Column("topic", "varchar"), new BulkInsert.Column("payload", "text"),
      new BulkInsert.Column("created_at", "timestamptz"), new BulkInsert.Column("status", "varchar"),
      new BulkInsert.Column("attempts", "integer"), new BulkInsert.Column("next_attempt_at", "timestamptz"),
      new BulkInsert.Column("last_error", "text"), new BulkInsert.Column("delivered_at", "timestamptz"));
  private static final String COLUMNS =
      "tenant_id, id, topic, payload, created_at, status, attempts, next_attempt_at, last_error, delivered_at";

  private final Sql sql;
  private final String table;

  JdbcOutboxStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.table = tables.outbox();
  }

  /**
   * A bulk chunk's messages (many at once) through {@link BulkInsert#insert} ({@code COPY} on
   * PostgreSQL where allowed); a command's one or two as a JDBC batch, one round trip where
   * {@code COPY} takes two.
   */
  @Override
  public void append(List<OutboxMessage> messages) {
    if (messages.size() >= BulkInsert.SET_BASED_FROM) {
      sql.bulk().insert(table, ROW, messages.stream().map(m -> new Object[] {m.tenant().value(), m.id(), m.topic(), m.payload(),
          m.createdAt(), m.status(), m.attempts(), m.nextAttemptAt(), m.lastError(), m.deliveredAt()}).toList());
      return;
    }
    sql.batch("INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        messages.stream().map(m -> new Object[] {m.tenant().value(), m.id(), m.topic(), m.payload(), m.createdAt(),
            m.status(), m.attempts(), m.nextAttemptAt(), m.lastError(), m.deliveredAt()}).toList());
  }

  @Override
  public Optional<OutboxMessage> find(TenantId tenant, String id) {
    return sql.first("SELECT " + COLUMNS + " FROM " + table + " WHERE tenant_id = ? AND id = ?",
        JdbcOutboxStore::message, tenant.value(), id);
  }

  @Override
  public List<OutboxMessage> due(TenantId tenant, Instant now, int limit) {
    return sql.list("SELECT " + COLUMNS + " FROM " + table + " WHERE tenant_id = ? AND status = 'PENDING' AND next_attempt_at <= ?"
        + " ORDER BY next_attempt_at, id LIMIT ?", JdbcOutboxStore::message, tenant.value(), now, limit);
  }

  @Override
  public boolean take(TenantId tenant, String id, Instant now, Instant leaseUntil) {
    return sql.update("UPDATE " + table + " SET next_attempt_at = ? WHERE tenant_id = ? AND id = ? AND status = 'PENDING'"
        + " AND next_attempt_at <= ?", leaseUntil, tenant.value(), id, now) == 1;
  }

  /**
   * On PostgreSQL one statement for every id ({@code id = ANY(?)}: a committed chunk of a bulk run
   * marks a thousand or more messages, and a batch of single-row updates is a statement each); the
   * index scan visits the ids in sorted order, so two deliverers lock in the same order. On H2 a
   * batch, in sorted order.
   */
  @Override
  public void delivered(TenantId tenant, Collection<String> ids, Instant at) {
    if (sql.postgres()) {
      sql.update("UPDATE " + table + " SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?, last_error = NULL"
              + " WHERE tenant_id = ? AND id = ANY (?::varchar[]) AND status = 'PENDING'",
          at, tenant.value(), ids.stream().sorted().toArray(String[]::new));
      return;
    }
    sql.batch("UPDATE " + table + " SET status = 'DELIVERED', attempts = attempts + 1, delivered_at = ?, last_error = NULL"
            + " WHERE tenant_id = ? AND id = ? AND status = 'PENDING'",
        ids.stream().sorted().map(id -> new Object[] {at, tenant.value(), id}).toList());
  }

  @Override
  public Optional<OutboxMessage.Status> failed(TenantId tenant, String id, String error, Instant nextAttemptAt, int maxAttempts) {
    int changed = sql.update("UPDATE " + table + " SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?,"
            + " status = CASE WHEN attempts + 1 >= ? THEN 'DEAD' ELSE 'PENDING' END"
            + " WHERE tenant_id = ? AND id = ? AND status = 'PENDING'",
        error, nextAttemptAt, maxAttempts, tenant.value(), id);
    return changed == 1 ? find(tenant, id).map(OutboxMessage::status) : Optional.empty();
  }

  @Override
  public List<OutboxMessage> list(TenantId tenant, OutboxMessage.Status status, Optional<String> after, int limit) {
    if (after.isEmpty()) {
      return sql.list("SELECT " + COLUMNS + " FROM " + table + " WHERE tenant_id = ? AND status = ? ORDER BY created_at, id LIMIT ?",
          JdbcOutboxStore::message, tenant.value(), status, limit);
    }
    return sql.list("SELECT " + COLUMNS + " FROM " + table + " o WHERE o.tenant_id = ? AND o.status = ? AND EXISTS ("
            + "SELECT 1 FROM " + table + " a WHERE a.tenant_id = o.tenant_id AND a.id = ?"
            + " AND (o.created_at > a.created_at OR (o.created_at = a.created_at AND o.id > a.id)))"
            + " ORDER BY o.created_at, o.id LIMIT ?",
        JdbcOutboxStore::message, tenant.value(), status, after.get(), limit);
  }

  @Override
  public boolean revive(TenantId tenant, String id, Instant now) {
    return sql.update("UPDATE " + table + " SET status = 'PENDING', attempts = 0, next_attempt_at = ?"
        + " WHERE tenant_id = ? AND id = ? AND status = 'DEAD'", now, tenant.value(), id) == 1;
  }

  @Override
  public boolean discard(TenantId tenant, String id) {
    return sql.update("UPDATE " + table + " SET status = 'DISCARDED' WHERE tenant_id = ? AND id = ? AND status = 'DEAD'",
        tenant.value(), id) == 1;
  }

  /**
   * One DELETE of the oldest {@code limit} ids (a subquery, since PostgreSQL has no DELETE … LIMIT),
   * read along the purge index; a concurrent purge that took a row first leaves this one fewer.
   */
  @Override
  public int purge(TenantId tenant, OutboxMessage.Status status, Instant before, int limit) {
    if (status == OutboxMessage.Status.PENDING || limit < 1) {
      throw new IllegalArgumentException("purge takes a settled status and a limit of at least 1 (was " + status + ", " + limit + ")");
    }
    String age = status == OutboxMessage.Status.DELIVERED ? "delivered_at" : "created_at";
    return sql.update("DELETE FROM " + table + " WHERE tenant_id = ? AND id IN (SELECT id FROM " + table
            + " WHERE tenant_id = ? AND status = ? AND " + age + " < ? ORDER BY " + age + ", id FETCH FIRST ? ROWS ONLY)",
        tenant.value(), tenant.value(), status, before, limit);
  }

  @Override
  public Map<OutboxMessage.Status, Long> count(TenantId tenant) {
    Map<OutboxMessage.Status, Long> counts = new EnumMap<>(OutboxMessage.Status.class);
    for (OutboxMessage.Status status : OutboxMessage.Status.values()) {
      counts.put(status, 0L);
    }
    sql.list("SELECT status, COUNT(*) AS n FROM " + table + " WHERE tenant_id = ? GROUP BY status",
            row -> Map.entry(Rows.enumValue(row, "status", OutboxMessage.Status.class), row.getLong("n")), tenant.value())
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    return Map.copyOf(counts);
  }

  private static OutboxMessage message(ResultSet row) throws SQLException {
    return OutboxMessage.builder()
        .tenant(TenantId.of(row.getString("tenant_id")))
        .id(row.getString("id"))
        .topic(Rows.enumValue(row, "topic", OutboxMessage.Topic.class))
        .payload(row.getString("payload"))
        .createdAt(Rows.instant(row, "created_at"))
        .status(Rows.enumValue(row, "status", OutboxMessage.Status.class))
        .attempts(row.getInt("attempts"))
        .nextAttemptAt(Rows.instant(row, "next_attempt_at"))
        .lastError(Rows.optionalString(row, "last_error"))
        .deliveredAt(Rows.optionalInstant(row, "delivered_at"))
        .build();
  }
}
