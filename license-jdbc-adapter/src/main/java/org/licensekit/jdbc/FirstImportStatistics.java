package org.licensekit.jdbc;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gives the tables a bulk import fills their first statistics, once, on PostgreSQL. On a fresh
 * install nothing has analyzed the accounts, memberships, role rows and claims yet, and until
 * autovacuum does (a minute or more after a commit) the planner takes the tenant for a few rows:
 * statements that read what the import wrote — a bulk grant's count and keyset pages of the
 * imported school, say — then join by nested loops that read the whole tenant per row, quadratic in
 * the import's size (seconds at a few thousand users, hours at 100,000). Generic or custom plans make
 * no difference (the count runs once, with a custom plan). So when the second chunk of accounts of a
 * store's life is written — the first chunk's accounts, memberships, role rows and claims are in the
 * tables by then — it asks whether any of these tables has never been analyzed and, if so, runs
 * {@code ANALYZE (SKIP_LOCKED)} on those inside the chunk's transaction (which counts its own rows,
 * so an all-or-nothing run's one transaction is analyzed too); the planner scales the statistics by
 * each table's size from then on. Asked once per store: later imports find statistics (or
 * autovacuum's). A role that does not own the tables gets a warning from PostgreSQL and no
 * statistics, as before; a table another session is analyzing is skipped rather than waited for.
 */
final class FirstImportStatistics {

  private final Sql sql;
  private final List<String> tables;
  private final AtomicInteger chunks = new AtomicInteger();

  FirstImportStatistics(Sql sql, Tables tables) {
    this.sql = sql;
    this.tables = List.of(tables.users(), tables.memberships(), tables.membershipRoles(), tables.claims());
  }

  /** After a chunk's accounts are written: at the store's second chunk only, analyzes the tables never analyzed. */
  void afterAccountsWritten() {
    if (!sql.postgres() || chunks.get() > 1 || chunks.incrementAndGet() != 2) {
      return;
    }
    List<String> never = sql.list("SELECT t.name FROM unnest(?::text[]) AS t(name) JOIN pg_class c ON c.oid = to_regclass(t.name)"
        + " WHERE c.reltuples < 0", row -> row.getString(1), (Object) tables.toArray(String[]::new));
    if (!never.isEmpty()) {
      sql.update("ANALYZE (SKIP_LOCKED) " + String.join(", ", never));
    }
  }
}
