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
 * backstop. On PostgreSQL a command's few entries are locked, chained, inserted and the head moved
 * in one statement (the hashes taken by the database, see {@link #appendChainedInDatabase}); larger
 * appends, and every append on H2, lock the head, chain in Java and insert the entries: a bulk
 * chunk's many through {@link BulkInsert#insert} ({@code COPY} on PostgreSQL where row-level
 * security allows it, else one {@code INSERT … unnest}; a JDBC batch on H2), fewer than
 * {@link BulkInsert#SET_BASED_FROM} as a JDBC batch. On PostgreSQL a set-based append also
 * summarizes its frequent actions in one row of {@code audit_batches} (schema version 30), and the
 * filtered reads ({@link AuditReads}) find those entries through it. An entry's salt, previous
 * hash and hash are stored as their 32 bytes (schema version 31) and read back as the hex digits
 * the core hashes and names them by ({@link AuditHashes}).
 */
final class JdbcAuditStore implements AuditStore {

  private static final String COLUMNS =
      "id, occurred_at, actor_kind, actor_id, action, subject_type, subject_id, user_id, before_state, after_state, reason";
  private static final String LINK_COLUMNS = COLUMNS
      + ", chain_position, previous_hash, entry_hash, hash_version, personal_salt, personal_digests, erased_by";

  /** The values of one entry's row: the tenant and {@link #LINK_COLUMNS}. */
  private static final int ROW_COLUMNS = 19;
  /** The columns of one entry's row with their types, in the order of {@link #LINK_COLUMNS}, for {@link BulkInsert}. */
  private static final List<BulkInsert.Column> ROW = List.of(new BulkInsert.Column("tenant_id", "varchar"),
      new BulkInsert.Column("id", "text"), new BulkInsert.Column("occurred_at", "timestamptz"),
      new BulkInsert.Column("actor_kind", "varchar"), new BulkInsert.Column("actor_id", "varchar"),
      new BulkInsert.Column("action", "varchar"), new BulkInsert.Column("subject_type", "varchar"),
      new BulkInsert.Column("subject_id", "text"), new BulkInsert.Column("user_id", "varchar"),
      new BulkInsert.Column("before_state", "text"), new BulkInsert.Column("after_state", "text"),
      new BulkInsert.Column("reason", "text"), new BulkInsert.Column("chain_position", "bigint"),
      new BulkInsert.Column("previous_hash", "bytea"), new BulkInsert.Column("entry_hash", "bytea"),
      new BulkInsert.Column("hash_version", "smallint"), new BulkInsert.Column("personal_salt", "bytea"),
      new BulkInsert.Column("personal_digests", "varchar"), new BulkInsert.Column("erased_by", "bigint"));
  /** The entry columns an append on PostgreSQL passes through its input rows, then inserts. */
  private static final String INPUT_COLUMNS = COLUMNS + ", hash_version, personal_salt, personal_digests";
  /** One input row after its ordinal: the encodings around the chain fields and {@link #INPUT_COLUMNS}, typed. */
  private static final String INPUT_ROW = ", CAST(? AS BYTEA), CAST(? AS BYTEA), CAST(? AS TEXT), CAST(? AS TIMESTAMPTZ),"
      + " CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS TEXT),"
      + " CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS SMALLINT), CAST(? AS BYTEA), CAST(? AS TEXT)";
  /** Up to this many entries are chained, inserted and the head moved in one statement (on PostgreSQL); more go as a batch. */
  private static final int MAX_ENTRIES_WITH_HEAD = 64;

  /** {@link #ROW} and the batched mark, for a set-based append on PostgreSQL (schema version 30). */
  private static final List<BulkInsert.Column> BATCHED_ROW = java.util.stream.Stream.concat(ROW.stream(),
      java.util.stream.Stream.of(new BulkInsert.Column("batched", "boolean"))).toList();

  private final Sql sql;
  private final Tables tables;
  private final AuditReads reads;

  JdbcAuditStore(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = tables;
    this.reads = new AuditReads(tables, sql.postgres());
  }

  @Override
  public void append(TenantId tenant, List<AuditEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    // salted, digested and encoded before the head is locked: only the chain fields wait for it
    List<AuditChain.Prepared> prepared = AuditChain.prepare(tenant, entries);
    if (sql.postgres() && prepared.size() <= MAX_ENTRIES_WITH_HEAD && appendChainedInDatabase(tenant, prepared)) {
      return;
    }
    List<AuditLink> links = AuditChain.link(lockHead(tenant), prepared);
    List<Object[]> rows = links.stream().map(link -> {
      AuditEntry e = link.entry();
      AuditSeal seal = link.seal();
      return new Object[] {
          tenant.value(), e.id(), e.at(), e.actor().kind(), e.actor().id(), e.action(), e.subjectType(), e.subjectId(),
          e.user().map(UserId::value), e.before(), e.after(), e.reason(), link.position(), AuditHashes.bytes(link.previousHash()),
          AuditHashes.bytes(link.hash()), seal.version(), AuditHashes.bytes(seal.salt()), seal.digests(), seal.erasedBy()};
    }).toList();
    AuditChainHead head = links.get(links.size() - 1).head();
    if (rows.size() >= BulkInsert.SET_BASED_FROM && sql.postgres()) {
      insertBatched(tenant, links, rows);
    } else if (rows.size() >= BulkInsert.SET_BASED_FROM) {
      sql.bulk().insert(tables.auditEntries(), ROW, rows);
    } else {
      sql.batch("INSERT INTO " + tables.auditEntries() + " (tenant_id, " + LINK_COLUMNS + ") VALUES (" + Dialect.placeholders(ROW_COLUMNS) + ")", rows);
    }
    moveHead(tenant, head);
  }

  /**
   * Inserts a set-based append's rows on PostgreSQL (schema version 30): the entries of its
   * frequent actions marked {@code batched} ({@link AuditBatch}), left out of the action and time
   * indexes, and the append's summary row in {@code audit_batches}, which {@link AuditReads} reads
   * to find them.
   */
  private void insertBatched(TenantId tenant, List<AuditLink> links, List<Object[]> rows) {
    AuditBatch batch = AuditBatch.of(links);
    List<Object[]> marked = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = java.util.Arrays.copyOf(rows.get(i), ROW_COLUMNS + 1);
      row[ROW_COLUMNS] = batch.holds(links.get(i).entry().action());
      marked.add(row);
    }
    sql.bulk().insert(tables.auditEntries(), BATCHED_ROW, marked);
    batch.summary().ifPresent(summary -> sql.update("INSERT INTO " + tables.auditBatches()
        + " (tenant_id, last_position, first_position, first_at, last_at, actions, action_entries)"
        + " VALUES (?, ?, ?, ?, ?, CAST(? AS VARCHAR(64)[]), CAST(? AS INTEGER[]))",
        tenant.value(), summary.lastPosition(), summary.firstPosition(), summary.firstAt(), summary.lastAt(),
        summary.actionsLiteral(), summary.entriesLiteral()));
  }

  /**
   * Appends a command's few entries on PostgreSQL in ONE statement that locks the tenant's chain
   * head, chains the entries' hashes from it, inserts the entries and moves the head; the head is
   * then held only until the commit that follows. The database takes each hash as
   * {@link AuditChain.Prepared#hashAt} does: {@code sha256} (PostgreSQL 11+) over the entry's
   * encoding before the chain fields, the chain fields ({@link AuditChain#chainFields}, written in
   * SQL) and the encoding after them, each entry's previous hash the hash of the one before (a
   * recursive {@code WITH}), so the stored hashes are bit for bit those the Java path would store
   * and {@code audit().verify()} re-computes them in Java.
   *
   * <p>In READ COMMITTED, {@code FOR UPDATE} waits for an append of the tenant in flight and then
   * reads the head it committed, so appends take turns and the chain never forks; the unique
   * (tenant, position) index stays the backstop.
   *
   * @return false, having written nothing, when the tenant has no chain head yet (its first append
   *     creates it, and seals entries older than the chain, on the path that locks it first)
   */
  private boolean appendChainedInDatabase(TenantId tenant, List<AuditChain.Prepared> prepared) {
    int n = prepared.size();
    StringBuilder statement = new StringBuilder("WITH RECURSIVE input (ord, pre, suf, ").append(INPUT_COLUMNS).append(") AS (VALUES ");
    List<Object> params = new ArrayList<>(3 + n * 16);
    for (int i = 0; i < n; i++) {
      AuditChain.Prepared entry = prepared.get(i);
      AuditEntry e = entry.entry();
      AuditSeal seal = entry.seal();
      statement.append(i == 0 ? "(" : ", (").append(i + 1).append(INPUT_ROW).append(')');
      params.addAll(java.util.Arrays.asList(entry.encodingBeforeChain(), entry.encodingAfterChain(),
          e.id(), e.at(), e.actor().kind(), e.actor().id(), e.action(), e.subjectType(), e.subjectId(),
          e.user().map(UserId::value), e.before(), e.after(), e.reason(), seal.version(), AuditHashes.bytes(seal.salt()), seal.digests()));
    }
    statement.append("), locked AS MATERIALIZED (SELECT chain_position, entry_hash FROM ").append(tables.auditChainHeads())
        .append(" WHERE tenant_id = ? FOR UPDATE)")
        .append(", chain (ord, pos, prev, hash) AS (SELECT 0, chain_position, CAST(NULL AS TEXT) COLLATE \"C\", CAST(entry_hash AS TEXT) COLLATE \"C\" FROM locked")
        .append(" UNION ALL SELECT i.ord, c.pos + 1, c.hash COLLATE \"C\", encode(sha256(i.pre || convert_to('|' || length(CAST(c.pos + 1 AS TEXT))")
        .append(" || ':' || CAST(c.pos + 1 AS TEXT) || '|' || octet_length(c.hash) || ':' || c.hash, 'UTF8') || i.suf), 'hex') COLLATE \"C\"")
        .append(" FROM chain c JOIN input i ON i.ord = c.ord + 1)")
        .append(", head AS (UPDATE ").append(tables.auditChainHeads())
        .append(" h SET chain_position = c.pos, entry_hash = c.hash FROM chain c WHERE h.tenant_id = ? AND c.ord = ").append(n).append(')')
        .append(" INSERT INTO ").append(tables.auditEntries()).append(" (tenant_id, ").append(INPUT_COLUMNS)
        .append(", chain_position, previous_hash, entry_hash) SELECT ?, ").append(INPUT_COLUMNS)
        .append(", c.pos, CASE WHEN c.prev ~ '^([0-9a-f]{2})*$' THEN decode(c.prev, 'hex') ELSE convert_to(rpad(c.prev, 64), 'UTF8') END,")
        .append(" decode(c.hash, 'hex') FROM input i JOIN chain c ON c.ord = i.ord ORDER BY i.ord");
    params.add(tenant.value());
    params.add(tenant.value());
    params.add(tenant.value());
    int inserted = sql.update(statement.toString(), params.toArray());
    if (inserted != 0 && inserted != n) {
      throw new StoreException(ErrorCode.STORE_FAILURE, "The audit append of " + tenant + " wrote " + inserted + " of " + n + " entries");
    }
    return inserted == n;
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
        links.stream().map(link -> new Object[] {
            AuditHashes.bytes(link.previousHash()), AuditHashes.bytes(link.hash()), tenant.value(), link.position()}).toList());
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
    AuditReads.Statement read = reads.page(tenant, query, COLUMNS, false, Optional.empty(), query.limit());
    return sql.list(read.sql(), JdbcAuditStore::entry, read.params());
  }

  @Override
  public List<AuditLink> newestFirst(TenantId tenant, AuditQuery query, long beforePosition, int limit) {
    AuditReads.Statement read = reads.page(tenant, query, LINK_COLUMNS, true, Optional.of(beforePosition), limit);
    return sql.list(read.sql(), JdbcAuditStore::link, read.params());
  }

  @Override
  public long count(TenantId tenant, AuditQuery query) {
    AuditReads.Statement read = reads.count(tenant, query);
    return sql.first(read.sql(), row -> row.getLong(1), read.params()).orElse(0L);
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
            link.entry().before(), link.entry().after(), link.entry().reason(), AuditHashes.bytes(link.seal().salt()), link.seal().digests(),
            link.seal().erasedBy(), tenant.value(), link.position()}).toList());
  }

  private static AuditChainHead head(ResultSet row) throws SQLException {
    return new AuditChainHead(row.getLong("chain_position"), row.getString("entry_hash"));
  }

  /** A link as stored; an entry not yet sealed reads with empty hashes, which never verify. */
  private static AuditLink link(ResultSet row) throws SQLException {
    long erasedBy = row.getLong("erased_by");
    Optional<Long> erased = row.wasNull() ? Optional.empty() : Optional.of(erasedBy);
    AuditSeal seal = new AuditSeal(row.getInt("hash_version"), AuditHashes.hex(row, "personal_salt"),
        Rows.optionalString(row, "personal_digests"), erased);
    return new AuditLink(row.getLong("chain_position"), AuditHashes.hex(row, "previous_hash").orElse(""),
        AuditHashes.hex(row, "entry_hash").orElse(""), entry(row), seal);
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
