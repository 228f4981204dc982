package org.licensekit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.StoreException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.AuditSeal;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.AuditChain;
import org.licensekit.core.spi.AuditStore;

/**
 * The hash-chained audit trail. Appending locks the tenant's row in {@code audit_chain_heads}
 * ({@code SELECT … FOR UPDATE}) until the transaction ends, so appends to one tenant take turns
 * across connections and JVMs and its chain never forks; the unique (tenant, position) index is the
 * backstop. Entries go in one JDBC batch, each with its position, previous hash and hash.
 */
final class JdbcAuditStore implements AuditStore {

  private static final String COLUMNS =
      "id, occurred_at, actor_kind, actor_id, action, subject_type, subject_id, user_id, before_state, after_state, reason";
  private static final String LINK_COLUMNS = COLUMNS
      + ", chain_position, previous_hash, entry_hash, hash_version, personal_salt, personal_digests, erased_by";

  /** The values of one entry's row: the tenant and {@link #LINK_COLUMNS}. */
  private static final int ROW_COLUMNS = 19;
  /** Up to this many entries go in one statement with the head's move (on PostgreSQL); more go as a batch. */
  private static final int MAX_ENTRIES_WITH_HEAD = 64;

  private final Sql sql;
  private final Tables tables;

  JdbcAuditStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
  }

  @Override
  public void append(TenantId tenant, List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<AuditLink> links = AuditChain.link(tenant, lockHead(tenant), entries);
    List<Object[]> rows = links.stream().map(link -> {
      AuditEntry e = link.entry();
      AuditSeal seal = link.seal();
      return new Object[] {
          tenant.value(), e.id(), e.at(), e.actor().kind(), e.actor().id(), e.action(), e.subjectType(), e.subjectId(),
          e.user().map(UserId::value), e.before(), e.after(), e.reason(), link.position(), link.previousHash(), link.hash(),
          seal.version(), seal.salt(), seal.digests(), seal.erasedBy()};
    }).toList();
    AuditChainHead head = links.get(links.size() - 1).head();
    if (sql.postgres() && rows.size() <= MAX_ENTRIES_WITH_HEAD) {
      insertMovingHead(tenant, rows, head);
      return;
    }
    sql.batch("INSERT INTO " + tables.auditEntries() + " (tenant_id, " + LINK_COLUMNS + ") VALUES (" + Dialect.placeholders(ROW_COLUMNS) + ")", rows);
    moveHead(tenant, head);
  }

  /**
   * The entries and the head's move as one PostgreSQL statement (the head's update a data-modifying
   * {@code WITH}), for a command's few entries: the head, locked by every append of the tenant, is
   * held one round trip less before the commit.
   */
  private void insertMovingHead(TenantId tenant, List<Object[]> rows, AuditChainHead head) {
    StringBuilder statement = new StringBuilder("WITH head AS (UPDATE ").append(tables.auditChainHeads())
        .append(" SET chain_position = ?, entry_hash = ? WHERE tenant_id = ?) INSERT INTO ").append(tables.auditEntries())
        .append(" (tenant_id, ").append(LINK_COLUMNS).append(") VALUES ");
    List<Object> params = new ArrayList<>(3 + rows.size() * ROW_COLUMNS);
    params.add(head.position());
    params.add(head.hash());
    params.add(tenant.value());
    String row = "(" + Dialect.placeholders(ROW_COLUMNS) + ")";
    for (int i = 0; i < rows.size(); i++) {
      statement.append(i == 0 ? "" : ", ").append(row);
      params.addAll(java.util.Arrays.asList(rows.get(i)));
    }
    sql.update(statement.toString(), params.toArray());
  }

  /** The tenant's chain head, locked until the transaction ends; created (and older entries sealed) when absent. */
  private AuditChainHead lockHead(TenantId tenant) {
    Optional<AuditChainHead> head = headForUpdate(tenant);
    if (head.isPresent()) {
      return head.get();
    }
    boolean created = sql.insertUnlessDuplicate(
        "INSERT INTO " + tables.auditChainHeads() + " (tenant_id, chain_position, entry_hash) VALUES (?, ?, ?)", "(tenant_id)",
        tenant.value(), 0L, AuditChain.GENESIS);
    AuditChainHead locked = headForUpdate(tenant)
        .orElseThrow(() -> new StoreException(ErrorCode.STORE_FAILURE, "The audit chain head of " + tenant + " vanished"));
    return created ? sealUnchained(tenant, locked) : locked;
  }

  /**
   * Links the entries written before the audit trail was chained (schema version 5), which the
   * migration numbered but could not hash, and moves the new head past them.
   */
  private AuditChainHead sealUnchained(TenantId tenant, AuditChainHead head) {
    List<AuditEntry> unchained = sql.list("SELECT " + COLUMNS + " FROM " + tables.auditEntries()
        + " WHERE tenant_id = ? AND entry_hash IS NULL ORDER BY chain_position", JdbcAuditStore::entry, tenant.value());
    if (unchained.isEmpty()) {
      return head;
    }
    List<AuditLink> links = AuditChain.linkVersion1(tenant, head, unchained);
    sql.batch("UPDATE " + tables.auditEntries() + " SET previous_hash = ?, entry_hash = ? WHERE tenant_id = ? AND chain_position = ?",
        links.stream().map(link -> new Object[] {link.previousHash(), link.hash(), tenant.value(), link.position()}).toList());
    AuditChainHead sealed = links.get(links.size() - 1).head();
    moveHead(tenant, sealed);
    return sealed;
  }

  private Optional<AuditChainHead> headForUpdate(TenantId tenant) {
    return sql.first("SELECT chain_position, entry_hash FROM " + tables.auditChainHeads() + " WHERE tenant_id = ? FOR UPDATE",
        JdbcAuditStore::head, tenant.value());
  }

  private void moveHead(TenantId tenant, AuditChainHead head) {
    sql.update("UPDATE " + tables.auditChainHeads() + " SET chain_position = ?, entry_hash = ? WHERE tenant_id = ?",
        head.position(), head.hash(), tenant.value());
  }

  @Override
  public List<AuditEntry> query(TenantId tenant, AuditQuery query) {
    List<Object> params = new ArrayList<>();
    String where = where(tenant, query, params);
    params.add(query.limit());
    return sql.list("SELECT " + COLUMNS + " FROM " + tables.auditEntries() + where + " ORDER BY chain_position FETCH FIRST ? ROWS ONLY",
        JdbcAuditStore::entry, params.toArray());
  }

  @Override
  public List<AuditLink> newestFirst(TenantId tenant, AuditQuery query, long beforePosition, int limit) {
    List<Object> params = new ArrayList<>();
    String where = where(tenant, query, params) + " AND chain_position < ?";
    params.add(beforePosition);
    params.add(limit);
    return sql.list("SELECT " + LINK_COLUMNS + " FROM " + tables.auditEntries() + where
        + " ORDER BY chain_position DESC FETCH FIRST ? ROWS ONLY", JdbcAuditStore::link, params.toArray());
  }

  @Override
  public long count(TenantId tenant, AuditQuery query) {
    List<Object> params = new ArrayList<>();
    String where = where(tenant, query, params);
    return sql.first("SELECT COUNT(*) FROM " + tables.auditEntries() + where, row -> row.getLong(1), params.toArray()).orElse(0L);
  }

  @Override
  public List<AuditLink> chain(TenantId tenant, long afterPosition, int limit) {
    return sql.list("SELECT " + LINK_COLUMNS + " FROM " + tables.auditEntries()
        + " WHERE tenant_id = ? AND chain_position > ? ORDER BY chain_position FETCH FIRST ? ROWS ONLY",
        JdbcAuditStore::link, tenant.value(), afterPosition, limit);
  }

  @Override
  public Optional<AuditChainHead> head(TenantId tenant) {
    return sql.first("SELECT chain_position, entry_hash FROM " + tables.auditChainHeads() + " WHERE tenant_id = ?",
        JdbcAuditStore::head, tenant.value());
  }

  @Override
  public List<AuditLink> mentioning(TenantId tenant, UserId user, Set<String> texts) {
    List<Object> params = new ArrayList<>();
    params.add(tenant.value());
    params.add(user.value());
    StringBuilder where = new StringBuilder(" WHERE tenant_id = ? AND (user_id = ?");
    for (String text : texts) {
      where.append(" OR POSITION(? IN before_state) > 0 OR POSITION(? IN after_state) > 0 OR POSITION(? IN reason) > 0");
      params.add(text);
      params.add(text);
      params.add(text);
    }
    return sql.list("SELECT " + LINK_COLUMNS + " FROM " + tables.auditEntries() + where + ") ORDER BY chain_position",
        JdbcAuditStore::link, params.toArray());
  }

  @Override
  public void redact(TenantId tenant, List<AuditLink> links) {
    sql.batch("UPDATE " + tables.auditEntries() + " SET before_state = ?, after_state = ?, reason = ?, personal_salt = ?,"
        + " personal_digests = ?, erased_by = ? WHERE tenant_id = ? AND chain_position = ?",
        links.stream().map(link -> new Object[] {
            link.entry().before(), link.entry().after(), link.entry().reason(), link.seal().salt(), link.seal().digests(),
            link.seal().erasedBy(), tenant.value(), link.position()}).toList());
  }

  /** The WHERE clause of the query's criteria; only the number of markers depends on the query, values are bound. */
  private static String where(TenantId tenant, AuditQuery query, List<Object> params) {
    StringBuilder where = new StringBuilder(" WHERE tenant_id = ?");
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
    return where.toString();
  }

  private static AuditChainHead head(ResultSet row) throws SQLException {
    return new AuditChainHead(row.getLong("chain_position"), row.getString("entry_hash"));
  }

  /** A link as stored; an entry not yet sealed reads with empty hashes, which never verify. */
  private static AuditLink link(ResultSet row) throws SQLException {
    long erasedBy = row.getLong("erased_by");
    Optional<Long> erased = row.wasNull() ? Optional.empty() : Optional.of(erasedBy);
    AuditSeal seal = new AuditSeal(row.getInt("hash_version"), Rows.optionalString(row, "personal_salt"),
        Rows.optionalString(row, "personal_digests"), erased);
    return new AuditLink(row.getLong("chain_position"), Rows.optionalString(row, "previous_hash").orElse(""),
        Rows.optionalString(row, "entry_hash").orElse(""), entry(row), seal);
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
