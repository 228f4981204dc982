package org.licensekit.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a claim costs the database to write, by the claims table's indexes: on a fresh embedded
 * PostgreSQL 17 holding the LicenseKit schema and {@code million-claims.sql} at 25,000 users
 * (100,000 claims), 10,000 new pending claims are inserted in one statement (the shape of a bulk
 * grant's chunk: no claim instant, no expiry), then activated in one statement, three rounds each.
 * Per claim it reports the WAL bytes and WAL records ({@code pg_stat_wal}), the index entries
 * (the claims indexes whose condition each row meets, counted from their predicates) and the index
 * buffers touched ({@code pg_statio_user_tables.idx_blks_hit + idx_blks_read}). These do not depend
 * on the machine's load, unlike time.
 *
 * <p>Then the cost of the claims' organization key (schema version 27) on membership changes:
 * 10,000 users with claims join an organization sorting after all of theirs (the key stays, the
 * trigger only looks), then one sorting before (each user's claims are rewritten with the new key),
 * per membership.
 *
 * <p>{@code before} restores the claims indexes of schema version 21 (main before version 23) after
 * migrating; {@code without-organization-key} removes version 27's key, index and triggers (the
 * claims table of version 24), so each is measured by the same program: {@code java -cp <the
 * module's classpath> org.licensekit.benchmarks.ClaimWriteCost <output> [before |
 * without-organization-key]}.
 */
public final class ClaimWriteCost {

  private static final int USERS = 25_000;
  private static final int CLAIMS = 10_000;
  private static final int ROUNDS = 3;

  /** Schema version 21's claims indexes, recreated over version 23's for the comparison. */
  private static final List<String> VERSION_21 = List.of(
      "DROP INDEX lk_claims_claimed_idx", "DROP INDEX lk_claims_expires_idx", "DROP INDEX lk_claims_live_expiry_idx",
      "CREATE INDEX lk_claims_assigned_idx ON lk_claims (tenant_id, assigned_at, id) INCLUDE (user_id, product_id, status)",
      "CREATE INDEX lk_claims_product_assigned_idx ON lk_claims (tenant_id, product_id, assigned_at)",
      "CREATE INDEX lk_claims_claimed_idx ON lk_claims (tenant_id, claimed_at, id) INCLUDE (user_id, product_id, status)",
      "CREATE INDEX lk_claims_expires_idx ON lk_claims (tenant_id, expires_at, id) INCLUDE (user_id, product_id, status)",
      "CREATE INDEX lk_claims_live_expiry_idx ON lk_claims (tenant_id, expires_at) WHERE status IN ('PENDING', 'ACTIVE')");

  /** Schema version 27's organization key removed, for the comparison with version 24's claims. */
  private static final List<String> WITHOUT_ORGANIZATION_KEY = List.of(
      "DROP TRIGGER lk_claims_organization_keyed ON lk_claims", "DROP TRIGGER lk_claims_organization_rekeyed ON lk_claims",
      "DROP TRIGGER lk_memberships_rekey_insert ON lk_memberships", "DROP TRIGGER lk_memberships_rekey_delete ON lk_memberships",
      "DROP TRIGGER lk_memberships_rekey_update ON lk_memberships", "DROP INDEX lk_claims_organization_idx",
      "ALTER TABLE lk_claims DROP COLUMN organization_key");

  private ClaimWriteCost() {}

  /**
   * Measures and writes one line per statement kind.
   *
   * @param args the output file, then {@code before} for version 21's indexes
   * @throws IOException when the output cannot be written
   */
  public static void main(String[] args) throws IOException {
    boolean before = args.length > 1 && args[1].equals("before");
    boolean withoutKey = args.length > 1 && args[1].equals("without-organization-key");
    List<String> lines = new ArrayList<>();
    try (BenchmarkPostgres database = BenchmarkPostgres.fresh(2);
        Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      for (String sql : script().split(";\\s*\\n")) {
        String body = sql.lines().filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
        if (!body.isEmpty()) {
          statement.execute(body);
        }
      }
      for (String ddl : before ? VERSION_21 : withoutKey ? WITHOUT_ORGANIZATION_KEY : List.<String>of()) {
        statement.execute(ddl);
      }
      statement.execute("INSERT INTO lk_organizations (tenant_id, id, name, parent_id) VALUES ('" + BenchmarkPostgres.TENANT
          + "', 'aaa-first', 'First', 'district'), ('" + BenchmarkPostgres.TENANT + "', 'zzz-last', 'Last', 'district')");
      statement.execute("VACUUM ANALYZE");
      lines.add("indexes (" + (before ? "version 21" : withoutKey ? "version 24" : "version 27") + "): " + indexes(statement));
      double[][] insert = new double[ROUNDS][];
      double[][] activate = new double[ROUNDS][];
      for (int round = 0; round < ROUNDS; round++) {
        // User i gets product (i + 2 round + 1) mod 8: the seed gave it (i + 2j) mod 8, and each round another.
        String first = "round-" + round + "-";
        String product = "((i + " + (2 * round + 1) + ") % 8)";
        insert[round] = measure(statement, "INSERT INTO lk_claims (tenant_id, id, user_id, product_id, pool_id, status, direct,"
            + " assigned_at, assigned_by_kind, assigned_by_id) SELECT '" + BenchmarkPostgres.TENANT + "', '" + first + "' || i,"
            + " 'user-' || lpad(i::text, 7, '0'), 'product-' || " + product + ", 'pool-' || " + product + " || '-1', 'PENDING',"
            + " false, now(), 'SYSTEM_ADMINISTRATOR', 'admin' FROM generate_series(0, " + (CLAIMS - 1) + ") i");
        activate[round] = measure(statement, "UPDATE lk_claims SET status = 'ACTIVE', claimed_at = now(),"
            + " expires_at = now() + interval '1 year' WHERE tenant_id = '" + BenchmarkPostgres.TENANT + "' AND id LIKE '"
            + first + "%'");
      }
      lines.add(line("insert a pending claim", insert, entries(statement, "'PENDING'", "NULL", "NULL")));
      lines.add(line("activate it", activate, entries(statement, "'ACTIVE'", "now()", "now()")));
      double[][] joinLast = new double[1][];
      double[][] joinFirst = new double[1][];
      String members = " SELECT '" + BenchmarkPostgres.TENANT + "', 'user-' || lpad(i::text, 7, '0'), ";
      joinLast[0] = measure(statement, "INSERT INTO lk_memberships (tenant_id, user_id, organization_id)" + members + "'zzz-last'"
          + " FROM generate_series(0, " + (CLAIMS - 1) + ") i");
      joinFirst[0] = measure(statement, "INSERT INTO lk_memberships (tenant_id, user_id, organization_id)" + members + "'aaa-first'"
          + " FROM generate_series(0, " + (CLAIMS - 1) + ") i");
      lines.add(line("a user with claims joins an organization sorting after theirs (per membership)", joinLast, 0));
      lines.add(line("a user with claims joins an organization sorting first (per membership)", joinFirst, 0));
    } catch (SQLException e) {
      throw new IllegalStateException("Measuring failed", e);
    }
    Files.write(Path.of(args[0]), lines, StandardCharsets.UTF_8);
  }

  private static String script() {
    return resource("million-claims.sql").replace("${prefix}", "lk_").replace("${tenant}", BenchmarkPostgres.TENANT)
        .replace("${users}", Integer.toString(USERS));
  }

  /** WAL bytes, WAL records, index blocks touched and milliseconds per row of one statement writing {@value #CLAIMS} rows. */
  private static double[] measure(Statement statement, String sql) throws SQLException {
    double[] start = counters(statement);
    long began = System.nanoTime();
    int rows = statement.executeUpdate(sql);
    double millis = (System.nanoTime() - began) / 1e6;
    if (rows != CLAIMS) {
      throw new IllegalStateException("wrote " + rows + " rows, not " + CLAIMS + ": " + sql);
    }
    double[] end = counters(statement);
    return new double[] {(end[0] - start[0]) / CLAIMS, (end[1] - start[1]) / CLAIMS, (end[2] - start[2]) / CLAIMS, millis / CLAIMS};
  }

  private static double[] counters(Statement statement) throws SQLException {
    statement.execute("SELECT pg_stat_force_next_flush()");
    try (ResultSet row = statement.executeQuery("SELECT pg_current_wal_insert_lsn() - '0/0'::pg_lsn,"
        + " (SELECT wal_records FROM pg_stat_wal),"
        + " (SELECT coalesce(idx_blks_hit, 0) + coalesce(idx_blks_read, 0) FROM pg_statio_user_tables WHERE relname = 'lk_claims')")) {
      row.next();
      return new double[] {row.getDouble(1), row.getDouble(2), row.getDouble(3)};
    }
  }

  /** The claims indexes and their definitions' columns and conditions. */
  private static String indexes(Statement statement) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'lk_claims' ORDER BY 1")) {
      while (rows.next()) {
        names.add(rows.getString(1).replace("lk_claims_", ""));
      }
    }
    return names.size() + " " + names;
  }

  /**
   * How many claims indexes hold an entry for a claim with {@code status}, {@code claimedAt} and
   * {@code expiresAt} (SQL literals): those without a condition and those whose condition it meets.
   */
  private static int entries(Statement statement, String status, String claimedAt, String expiresAt) throws SQLException {
    List<String> predicates = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery("SELECT pg_get_expr(i.indpred, i.indrelid) FROM pg_index i"
        + " WHERE i.indrelid = 'lk_claims'::regclass")) {
      while (rows.next()) {
        predicates.add(rows.getString(1));
      }
    }
    int entries = 0;
    for (String predicate : predicates) {
      if (predicate == null) {
        entries++;
        continue;
      }
      try (ResultSet meets = statement.executeQuery("SELECT count(*) FROM (SELECT CAST(" + status + " AS varchar) AS status,"
          + " CAST(" + claimedAt + " AS timestamptz) AS claimed_at, CAST(" + expiresAt + " AS timestamptz) AS expires_at) claim"
          + " WHERE " + predicate)) {
        meets.next();
        entries += meets.getLong(1) > 0 ? 1 : 0;
      }
    }
    return entries;
  }

  private static String line(String what, double[][] rounds, int entries) {
    double[] median = new double[4];
    for (int k = 0; k < 4; k++) {
      final int at = k;
      double[] values = Arrays.stream(rounds).mapToDouble(round -> round[at]).sorted().toArray();
      median[k] = values[values.length / 2];
    }
    return String.format("%s: %d claims index entries; per row (median of %d rounds of %,d) %.0f WAL bytes, %.2f WAL records,"
        + " %.1f claims index buffers touched, %.1f µs", what, entries, rounds.length, CLAIMS, median[0], median[1], median[2],
        median[3] * 1000);
  }

  private static String resource(String name) {
    try (InputStream in = ClaimWriteCost.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
