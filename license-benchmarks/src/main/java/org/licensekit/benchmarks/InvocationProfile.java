package org.licensekit.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one benchmark invocation cost, in measures the machine's load does not inflate as much as
 * wall time: the benchmark thread's and the whole JVM's CPU time per user, and the database's time
 * per statement (execution and planning, from {@code pg_stat_statements}, reset when the invocation
 * starts), and the PostgreSQL server's processes' CPU time per user ({@link ServerCpu}, every backend
 * and helper process: the database's side of the work, which wall time does not separate out). Written to {@code target/invocation-profiles/<name>.txt} after each invocation, so the
 * file holds the run's last invocation. It also hears when each chunk of the run starts
 * ({@link ChunkMarkingStore}, in both modes) and writes the wall time per user of each tenth of the
 * run: equal tenths mean the run is linear in its users. It also counts what the invocation wrote,
 * which the load does not change at all: WAL bytes, and per table the rows, heap bytes and each
 * index's entries (rows matching the index's predicate) and bytes, all per user; the buffers each
 * statement touched (shared blocks hit or read, its triggers' work included); and the calls and own
 * time of each database function (the schema's triggers), on a server with {@code track_functions}.
 */
final class InvocationProfile {

  private static final int TENTHS = 10;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final BenchmarkPostgres database;
  private final String name;
  private final int users;
  private long threadCpuAtStart;
  private long processCpuAtStart;
  private final ServerCpu server;
  private long serverCpuAtStart;
  private long wallAtStart;
  /** When each chunk of the run started, nanoTime, in order. */
  private final List<Long> chunkStarts = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final int chunks;
  private long walAtStart;
  /** pg_stat_wal's records and full-page images, checkpoints, and autovacuum's runs, when the invocation started. */
  private long[] serverCountsAtStart = new long[5];
  private Map<String, long[]> relationsAtStart = Map.of();
  private Map<String, double[]> functionsAtStart = Map.of();

  /** A profile of work that is not a bulk run (no tenths). */
  InvocationProfile(BenchmarkPostgres database, String name, int users) {
    this(database, name, users, 0);
  }

  InvocationProfile(BenchmarkPostgres database, String name, int users, int chunks) {
    this.database = database;
    this.name = name;
    this.users = users;
    this.chunks = chunks;
    this.server = ServerCpu.of(database.dataSource());
  }

  /** Forgets the statements counted so far and starts the clocks. */
  void start() {
    relationsAtStart = relations(); // counted before the reset, so its counting is not listed
    functionsAtStart = functions();
    database.execute("SELECT pg_stat_statements_reset()");
    walAtStart = database.count("SELECT pg_current_wal_lsn() - '0/0'");
    serverCountsAtStart = serverCounts();
    threadCpuAtStart = THREADS.getCurrentThreadCpuTime();
    processCpuAtStart = processCpu();
    serverCpuAtStart = server.nanos();
    chunkStarts.clear();
    wallAtStart = System.nanoTime();
  }

  /** A chunk of the run starts now (see {@link ChunkMarkingStore}). */
  void chunkStarted() {
    chunkStarts.add(System.nanoTime());
  }

  /** Writes the invocation's profile. */
  void finish() {
    finish(users);
  }

  /** Writes the profile of an invocation that handled {@code users} users (or operations) in all. */
  void finish(long users) {
    double threadCpu = (THREADS.getCurrentThreadCpuTime() - threadCpuAtStart) / 1_000.0 / users;
    double processCpu = (processCpu() - processCpuAtStart) / 1_000.0 / users;
    double serverCpu = (server.nanos() - serverCpuAtStart) / 1_000.0 / users;
    long end = System.nanoTime();
    double wall = (end - wallAtStart) / 1_000.0 / users;
    StringBuilder text = new StringBuilder();
    // the benchmark thread's CPU leaves out the threads overlapping best-effort chunks run on: the JVM's counts them
    text.append(String.format(Locale.ROOT,
        "%s: %d users (or operations); per each: wall %.1f us, benchmark thread CPU %.1f us, JVM CPU %.1f us, PostgreSQL server CPU %.1f us%n",
        name, users, wall, threadCpu, processCpu, serverCpu));
    if (chunkStarts.size() >= chunks && chunks >= TENTHS) {
      // tenth k: from the start of its first chunk to the start of the next tenth's (the run's end for the last)
      text.append("wall us per user by tenth of the run:");
      for (int tenth = 0; tenth < TENTHS; tenth++) {
        long from = chunkStarts.get(tenth * chunks / TENTHS);
        long to = tenth == TENTHS - 1 ? end : chunkStarts.get((tenth + 1) * chunks / TENTHS);
        text.append(String.format(Locale.ROOT, " %.1f", (to - from) / 1_000.0 / (users / (double) TENTHS)));
      }
      text.append(System.lineSeparator());
    }
    text.append(String.format(Locale.ROOT, "%n%10s %10s %12s %12s %12s %12s  %s%n", "calls", "rows", "exec ms", "plan ms",
        "us/user", "buffers/user", "statement"));
    String query = "SELECT calls, rows, total_exec_time, total_plan_time, regexp_replace(query, '\\s+', ' ', 'g'),"
        + " shared_blks_hit + shared_blks_read"
        + " FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'"
        + " ORDER BY total_exec_time + total_plan_time DESC LIMIT 25";
    double total = 0;
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      while (rows.next()) {
        double exec = rows.getDouble(3);
        double plan = rows.getDouble(4);
        total += exec + plan;
        String sql = rows.getString(5);
        text.append(String.format(Locale.ROOT, "%10d %10d %12.1f %12.1f %12.2f %12.2f  %s%n", rows.getLong(1), rows.getLong(2), exec,
            plan, (exec + plan) * 1_000 / users, rows.getLong(6) / (double) users, sql.length() > 400 ? sql.substring(0, 400) + "…" : sql));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading pg_stat_statements failed", e);
    }
    text.append(String.format(Locale.ROOT, "%nstatements listed: %.2f us of database time per user%n", total * 1_000 / users));
    writes(text, users);
    functionCalls(text, users);
    try {
      Path directory = Path.of("target", "invocation-profiles");
      Files.createDirectories(directory);
      Files.writeString(directory.resolve(name + ".txt"), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the invocation wrote, per user: WAL bytes, and for each table that grew its rows and heap
   * bytes, then each of its indexes' entries and bytes.
   */
  private void writes(StringBuilder text, long users) {
    long wal = database.count("SELECT pg_current_wal_lsn() - '0/0'") - walAtStart;
    long[] counts = serverCounts();
    text.append(String.format(Locale.ROOT, "%nWAL records %.2f and full-page images %.3f per user (pg_stat_wal); checkpoints %d;"
        + " autovacuum runs on the tables: %d vacuums, %d analyzes%n", (counts[0] - serverCountsAtStart[0]) / (double) users,
        (counts[1] - serverCountsAtStart[1]) / (double) users, counts[2] - serverCountsAtStart[2], counts[3] - serverCountsAtStart[3],
        counts[4] - serverCountsAtStart[4]));
    text.append(String.format(Locale.ROOT, "%nwritten per user: %.0f WAL bytes%n%12s %12s  %s%n", wal / (double) users,
        "entries", "bytes", "table (rows, heap) or index (entries, bytes)"));
    Map<String, long[]> now = relations();
    long indexEntries = 0;
    for (Map.Entry<String, long[]> relation : now.entrySet()) {
      long[] before = relationsAtStart.getOrDefault(relation.getKey(), new long[2]);
      long rows = relation.getValue()[0] - before[0];
      long bytes = relation.getValue()[1] - before[1];
      if (rows == 0 && bytes == 0) {
        continue;
      }
      boolean index = relation.getKey().startsWith("  ");
      if (index) {
        indexEntries += rows;
      }
      text.append(String.format(Locale.ROOT, "%12.2f %12.1f  %s%n", rows / (double) users, bytes / (double) users, relation.getKey()));
    }
    text.append(String.format(Locale.ROOT, "%12.2f %12s  index entries in all%n", indexEntries / (double) users, ""));
  }

  /**
   * Per user, the calls and own time (without the functions it called) of each function that ran
   * during the invocation, from {@code pg_stat_user_functions}. Backends report their counts when
   * idle, at most once a second: the reading waits that long.
   */
  private void functionCalls(StringBuilder text, long users) {
    try {
      Thread.sleep(1_500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Map<String, double[]> now = functions();
    text.append(String.format(Locale.ROOT, "%nfunctions per user:%n%12s %12s  %s%n", "calls", "self us", "function"));
    for (Map.Entry<String, double[]> function : now.entrySet()) {
      double[] before = functionsAtStart.getOrDefault(function.getKey(), new double[2]);
      double calls = function.getValue()[0] - before[0];
      if (calls > 0) {
        text.append(String.format(Locale.ROOT, "%12.2f %12.2f  %s%n", calls / users,
            (function.getValue()[1] - before[1]) * 1_000 / users, function.getKey()));
      }
    }
  }

  /** Each function of the schema: its calls and its own time in ms so far (none without {@code track_functions}). */
  private Map<String, double[]> functions() {
    Map<String, double[]> functions = new LinkedHashMap<>();
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT funcname, calls, self_time FROM pg_stat_user_functions"
            + " WHERE schemaname = current_schema() ORDER BY funcname")) {
      while (rows.next()) {
        functions.put(rows.getString(1), new double[] {rows.getLong(2), rows.getDouble(3)});
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the functions' calls failed", e);
    }
    return functions;
  }

  /**
   * Each LicenseKit table (its rows and heap bytes with TOAST) followed by its indexes (indented: the
   * rows their predicate holds, and their bytes).
   */
  private Map<String, long[]> relations() {
    String query = "SELECT t.relname, i.relname, pg_get_expr(x.indpred, x.indrelid), pg_total_relation_size(t.oid)"
        + " - pg_indexes_size(t.oid), pg_relation_size(i.oid) FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace"
        + " LEFT JOIN pg_index x ON x.indrelid = t.oid LEFT JOIN pg_class i ON i.oid = x.indexrelid"
        + " WHERE n.nspname = current_schema() AND t.relkind = 'r' AND t.relname LIKE 'lk\\_%' ORDER BY t.relname, i.relname";
    Map<String, long[]> relations = new LinkedHashMap<>();
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      List<String[]> found = new ArrayList<>();
      while (rows.next()) {
        found.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5)});
      }
      for (String[] row : found) {
        relations.computeIfAbsent(row[0], table -> new long[] {database.count("SELECT count(*) FROM " + table), Long.parseLong(row[3])});
        if (row[1] != null) {
          long entries = database.count("SELECT count(*) FROM " + row[0] + (row[2] == null ? "" : " WHERE " + row[2]));
          relations.put("  " + row[1], new long[] {entries, Long.parseLong(row[4])});
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the tables' sizes failed", e);
    }
    return relations;
  }

  private static long processCpu() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0L;
  }

  /**
   * The server's WAL records and full-page images so far ({@code pg_stat_wal}, as its backends have
   * reported them), its checkpoints ({@code pg_stat_checkpointer}), and autovacuum's vacuums and
   * analyzes of every table: the work a committed chunk hands the server's other processes.
   */
  private long[] serverCounts() {
    long[] counts = new long[5];
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT w.wal_records, w.wal_fpi, c.num_timed + c.num_requested,"
            + " (SELECT COALESCE(SUM(autovacuum_count), 0) FROM pg_stat_all_tables),"
            + " (SELECT COALESCE(SUM(autoanalyze_count), 0) FROM pg_stat_all_tables)"
            + " FROM pg_stat_wal w, pg_stat_checkpointer c")) {
      rows.next();
      for (int i = 0; i < counts.length; i++) {
        counts[i] = rows.getLong(i + 1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the server's WAL, checkpoint and autovacuum counts failed", e);
    }
    return counts;
  }
}
