package org.licensekit.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;

/**
 * The statements that read the audit trail by its filters. Each criterion of {@link AuditQuery} is
 * bound, never written into the text; only the number of markers depends on the query.
 *
 * <p>On PostgreSQL (schema version 30) a set-based append's entries of its frequent actions are
 * {@code batched}: the action and time indexes leave them out, and one row of {@code audit_batches}
 * per append says where they are (a run of chain positions), which of those actions they have and
 * how many of each, and their earliest and latest instant. A query filtering by action or time
 * without a user or subject (whose indexes hold every entry) reads two sides: the entries that are
 * not batched through those indexes, and the batched ones chunk by chunk, newest summary first,
 * each chunk's run of positions through the primary key until the page is full. On H2, and for
 * every other query, one statement over all entries.
 */
final class AuditReads {

  private final Tables tables;
  private final boolean batches;

  /** A statement and its values, in order. */
  record Statement(String sql, Object[] params) {}

  AuditReads(Tables tables, boolean batches) {
    this.tables = tables;
    this.batches = batches;
  }

  /**
   * The entries matching the query (its limit and cursor aside) in chain order, newest first below
   * {@code before} when {@code newestFirst}, else oldest first; at most {@code limit}.
   */
  Statement page(TenantId tenant, AuditQuery query, String columns, boolean newestFirst, Optional<Long> before, int limit) {
    String direction = newestFirst ? " DESC" : "";
    List<Object> params = new ArrayList<>();
    if (!readsBatches(query)) {
      params.add(tenant.value());
      String where = " WHERE tenant_id = ?" + criteria(query, "", params) + bound(before, "", params);
      params.add(limit);
      return new Statement("SELECT " + columns + " FROM " + tables.auditEntries() + where
          + " ORDER BY chain_position" + direction + " FETCH FIRST ? ROWS ONLY", params.toArray());
    }
    // each side also selects the position as page_position, which the reader's columns may lack
    String selected = columns + ", chain_position AS page_position";
    StringBuilder indexed = new StringBuilder();
    if (query.actions().isEmpty()) {
      // The entries in the time range from the time index, then sorted: "+ 0" keeps the planner from
      // walking the primary key from the newest entry (through every chunk since) to find the range.
      indexed.append(unbatched(selected, tenant, Optional.empty(), query, before, params))
          .append(" ORDER BY e.chain_position + 0").append(direction).append(" FETCH FIRST ? ROWS ONLY)");
      params.add(limit);
    } else {
      // one range of the action index per action, each in chain order (an IN list would read them all and sort)
      for (ChangeType action : query.actions()) {
        indexed.append(indexed.length() == 0 ? "" : " UNION ALL ");
        indexed.append(unbatched(selected, tenant, Optional.of(action), query, before, params)).append(" ORDER BY e.chain_position")
            .append(direction).append(" FETCH FIRST ? ROWS ONLY)");
        params.add(limit);
      }
    }
    String chunks = " UNION ALL (SELECT " + prefixed(columns, "x.") + ", x.page_position FROM " + tables.auditBatches()
        + " b CROSS JOIN LATERAL (SELECT " + selected + " FROM " + tables.auditEntries() + " e WHERE e.tenant_id = b.tenant_id"
        + " AND e.chain_position BETWEEN b.first_position AND b.last_position AND e.batched"
        + criteria(query, "e.", params) + bound(before, "e.", params)
        + " ORDER BY e.chain_position" + direction + " FETCH FIRST ? ROWS ONLY) x";
    params.add(limit);
    params.add(tenant.value());
    chunks += " WHERE b.tenant_id = ?" + before.map(position -> {
      params.add(position);
      return " AND b.first_position < ?";
    }).orElse("") + summaries(query, params)
        + " ORDER BY b.last_position" + direction + ", x.page_position" + direction + " FETCH FIRST ? ROWS ONLY)";
    params.add(limit);
    params.add(limit);
    return new Statement("SELECT " + columns + " FROM (" + indexed + chunks + ") page ORDER BY page_position" + direction
        + " FETCH FIRST ? ROWS ONLY", params.toArray());
  }

  /**
   * The opening of one side's statement over the entries that are not batched: the tenant, one
   * action (if given), the query's time range and the page's bound, their values appended in order.
   */
  private String unbatched(String selected, TenantId tenant, Optional<ChangeType> action, AuditQuery query, Optional<Long> before,
      List<Object> params) {
    params.add(tenant.value());
    action.ifPresent(one -> params.add(one.name()));
    return "(SELECT " + selected + " FROM " + tables.auditEntries() + " e WHERE e.tenant_id = ? AND NOT e.batched"
        + (action.isPresent() ? " AND e.action = ?" : "") + timeCriteria(query, "e.", params) + bound(before, "e.", params);
  }

  /** How many entries match the query's criteria. */
  Statement count(TenantId tenant, AuditQuery query) {
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    if (!readsBatches(query)) {
      return new Statement("SELECT COUNT(*) FROM " + tables.auditEntries() + " WHERE tenant_id = ?" + criteria(query, "", params),
          params.toArray());
    }
    String unbatched = "(SELECT COUNT(*) FROM " + tables.auditEntries() + " e WHERE e.tenant_id = ? AND NOT e.batched"
        + criteria(query, "e.", params) + ")";
    // a chunk the time filter holds whole is counted from its summary; one it cuts, entry by entry
    List<String> whole = new ArrayList<>();
    query.from().ifPresent(from -> {
      whole.add("b.first_at >= ?");
      params.add(from);
    });
    query.to().ifPresent(to -> {
      whole.add("b.last_at < ?");
      params.add(to);
    });
    String summarized;
    if (query.actions().isEmpty()) {
      summarized = "(SELECT SUM(n) FROM unnest(b.action_entries) AS s(n))";
    } else {
      summarized = "(SELECT COALESCE(SUM(s.n), 0) FROM unnest(b.actions, b.action_entries) AS s(a, n) WHERE s.a IN ("
          + Dialect.placeholders(query.actions().size()) + "))";
      query.actions().stream().map(ChangeType::name).forEach(params::add);
    }
    String entries = "(SELECT COUNT(*) FROM " + tables.auditEntries() + " e WHERE e.tenant_id = b.tenant_id"
        + " AND e.chain_position BETWEEN b.first_position AND b.last_position AND e.batched" + criteria(query, "e.", params) + ")";
    params.add(tenant.value());
    String chunks = "(SELECT COALESCE(SUM(CASE WHEN " + (whole.isEmpty() ? "TRUE" : String.join(" AND ", whole)) + " THEN "
        + summarized + " ELSE " + entries + " END), 0) FROM " + tables.auditBatches() + " b WHERE b.tenant_id = ?"
        + summaries(query, params) + ")";
    return new Statement("SELECT CAST(" + unbatched + " + " + chunks + " AS BIGINT)", params.toArray());
  }

  /** Whether the query reads the chunks' summaries: on PostgreSQL, an action or time filter without a user or subject. */
  private boolean readsBatches(AuditQuery query) {
    return batches && query.user().isEmpty() && query.subjectId().isEmpty()
        && (!query.actions().isEmpty() || query.from().isPresent() || query.to().isPresent());
  }

  /** The summaries of chunks that may hold a match: one of the actions, an instant that may lie in the range. */
  private static String summaries(AuditQuery query, List<Object> params) {
    StringBuilder where = new StringBuilder();
    if (!query.actions().isEmpty()) {
      where.append(" AND b.actions && CAST(ARRAY[").append(Dialect.placeholders(query.actions().size())).append("] AS VARCHAR(64)[])");
      query.actions().stream().map(ChangeType::name).forEach(params::add);
    }
    query.from().ifPresent(from -> {
      where.append(" AND b.last_at >= ?");
      params.add(from);
    });
    query.to().ifPresent(to -> {
      where.append(" AND b.first_at < ?");
      params.add(to);
    });
    return where.toString();
  }

  private static String bound(Optional<Long> before, String alias, List<Object> params) {
    return before.map(position -> {
      params.add(position);
      return " AND " + alias + "chain_position < ?";
    }).orElse("");
  }

  /** The criteria after the tenant's, on the entries' columns (with {@code alias}), appending their values. */
  private static String criteria(AuditQuery query, String alias, List<Object> params) {
    StringBuilder where = new StringBuilder();
    query.user().ifPresent(user -> {
      where.append(" AND ").append(alias).append("user_id = ?");
      params.add(user.value());
    });
    query.subjectId().ifPresent(subject -> {
      where.append(" AND ").append(alias).append("subject_id = ?");
      params.add(subject);
    });
    if (!query.actions().isEmpty()) {
      where.append(" AND ").append(alias).append("action IN (").append(Dialect.placeholders(query.actions().size())).append(')');
      query.actions().stream().map(ChangeType::name).forEach(params::add);
    }
    return where.append(timeCriteria(query, alias, params)).toString();
  }

  /** The query's time range on the entries' instants (with {@code alias}), appending its values. */
  private static String timeCriteria(AuditQuery query, String alias, List<Object> params) {
    StringBuilder where = new StringBuilder();
    query.from().ifPresent(instant -> {
      where.append(" AND ").append(alias).append("occurred_at >= ?");
      params.add(instant);
    });
    query.to().ifPresent(instant -> {
      where.append(" AND ").append(alias).append("occurred_at < ?");
      params.add(instant);
    });
    return where.toString();
  }

  private static String prefixed(String columns, String alias) {
    return Arrays.stream(columns.split(", ")).map(column -> alias + column).collect(Collectors.joining(", "));
  }
}
