package org.licensekit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.AuditStore;

/**
 * The audit trail. Entries are appended in one JDBC batch; an identity column records the order
 * they were appended in, which is the order queries return them.
 */
final class JdbcAuditStore implements AuditStore {

  private static final String COLUMNS =
      "id, occurred_at, actor_kind, actor_id, action, subject_type, subject_id, user_id, before_state, after_state, reason";

  private final Sql sql;
  private final Tables tables;

  JdbcAuditStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
  }

  @Override
  public void append(TenantId tenant, List<AuditEntry> entries) {
    sql.batch("INSERT INTO " + tables.auditEntries() + " (tenant_id, " + COLUMNS + ") VALUES (" + Dialect.placeholders(12) + ")",
        entries.stream().map(e -> new Object[] {
            tenant.value(), e.id(), e.at(), e.actor().kind(), e.actor().id(), e.action(), e.subjectType(), e.subjectId(),
            e.user().map(UserId::value), e.before(), e.after(), e.reason()})
            .toList());
  }

  @Override
  public List<AuditEntry> query(TenantId tenant, AuditQuery query) {
    StringBuilder where = new StringBuilder(" WHERE tenant_id = ?");
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    query.user().ifPresent(user -> {
      where.append(" AND user_id = ?");
      params.add(user.value());
    });
    query.subjectId().ifPresent(subject -> {
      where.append(" AND subject_id = ?");
      params.add(subject);
    });
    if (!query.actions().isEmpty()) {
      // Only the number of markers depends on the query; the actions themselves are bound.
      where.append(" AND action IN (").append(Dialect.placeholders(query.actions().size())).append(')');
      params.addAll(query.actions());
    }
    query.from().ifPresent(from -> {
      where.append(" AND occurred_at >= ?");
      params.add(from);
    });
    query.to().ifPresent(to -> {
      where.append(" AND occurred_at < ?");
      params.add(to);
    });
    params.add(query.limit());
    return sql.list("SELECT " + COLUMNS + " FROM " + tables.auditEntries() + where + " ORDER BY seq FETCH FIRST ? ROWS ONLY",
        JdbcAuditStore::entry, params.toArray());
  }

  private static AuditEntry entry(ResultSet row) throws SQLException {
    return AuditEntry.builder()
        .id(row.getString("id"))
        .at(Rows.instant(row, "occurred_at"))
        .actor(Rows.actor(row, "actor_kind", "actor_id"))
        .action(Rows.enumValue(row, "action", ChangeType.class))
        .subjectType(row.getString("subject_type"))
        .subjectId(row.getString("subject_id"))
        .user(Rows.optionalString(row, "user_id").map(UserId::of))
        .before(Rows.optionalString(row, "before_state"))
        .after(Rows.optionalString(row, "after_state"))
        .reason(Rows.optionalString(row, "reason"))
        .build();
  }
}
