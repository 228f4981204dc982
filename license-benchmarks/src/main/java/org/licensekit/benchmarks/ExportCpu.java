package org.licensekit.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;
import org.licensekit.jdbc.JdbcLicenseStore;
import org.licensekit.reports.csv.ClaimsCsvExport;

/**
 * CPU time per exported row of {@link ClaimsCsvExportBenchmark}'s export (every claim of
 * {@link ReportBenchmark}'s 1,000,000, newest first, to a writer that discards): the PostgreSQL
 * server's ({@link ServerCpu}, from {@code /proc}), this JVM's (its process CPU time, JIT and GC
 * included) and the exporting thread's, and the statements the export sent (counted by a data
 * source that wraps the pool's). Unlike rows per second, none of these counts the time the export
 * waited for a core on a busy machine.
 *
 * <p>Run (after {@code package}): {@code java -cp <the module's classpath>
 * org.licensekit.benchmarks.ExportCpu <output.md> [exports measured, default 5] [statements.sql]}; one
 * export runs first to warm up, and one more through the counting data source. The statements of
 * the optional file ({@code ;} at a line's end ends one), such as an {@code EXPLAIN (ANALYZE,
 * BUFFERS)} of the export's query, run on one connection before the exports, their rows appended
 * to the output.
 */
public final class ExportCpu {

  private static final long ROWS = 1_000_000;

  private ExportCpu() {}

  /**
   * Measures the export and writes a table row per measured export, then the statement count.
   *
   * @param args output file, then optionally the number of exports measured
   * @throws IOException when the table cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path output = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    OperatingSystemMXBean jvm = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<String> lines = new ArrayList<>(List.of(
        "| export | server CPU µs/row | JVM CPU µs/row | exporting thread CPU µs/row | wall s | rows/s (wall) |",
        "|---|---|---|---|---|---|"));
    ClaimsQuery everyClaim = ClaimsQuery.builder().limit(ClaimsQuery.MAX_LIMIT).build();
    try (BenchmarkPostgres database = BenchmarkPostgres.seeded(250_000, 2)) {
      if (args.length > 2) {
        lines.addAll(run(database.dataSource(), Files.readString(Path.of(args[2]))));
        Files.write(output, lines, StandardCharsets.UTF_8);
      }
      ServerCpu server = ServerCpu.of(database.dataSource());
      ClaimsCsvExport export = ClaimsCsvExport.of(reports(database.store()));
      check(export.write(everyClaim, Writer.nullWriter()));
      for (int run = 1; run <= runs; run++) {
        long serverStart = server.nanos();
        long jvmStart = jvm.getProcessCpuTime();
        long threadStart = threads.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        check(export.write(everyClaim, Writer.nullWriter()));
        double wall = (System.nanoTime() - wallStart) / 1e9;
        lines.add(String.format("| %d | %.2f | %.2f | %.2f | %.2f | %,.0f |", run, (server.nanos() - serverStart) / 1e3 / ROWS,
            (jvm.getProcessCpuTime() - jvmStart) / 1e3 / ROWS, (threads.getCurrentThreadCpuTime() - threadStart) / 1e3 / ROWS,
            wall, ROWS / wall));
        Files.write(output, lines, StandardCharsets.UTF_8);
      }
      AtomicLong statements = new AtomicLong();
      JdbcLicenseStore counted = JdbcLicenseStore.builder(counting(database.dataSource(), statements)).migrate(false).build();
      check(ClaimsCsvExport.of(reports(counted)).write(everyClaim, Writer.nullWriter()));
      lines.add("");
      lines.add("statements executed by one export (each fetch of a cursor is one more round trip): " + statements.get());
      Files.write(output, lines, StandardCharsets.UTF_8);
    }
  }

  private static List<String> run(DataSource dataSource, String script) {
    List<String> rows = new ArrayList<>(List.of("", "```"));
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String sql : script.split(";\\s*\\n")) {
        if (sql.isBlank()) {
          continue;
        }
        if (statement.execute(sql)) {
          try (java.sql.ResultSet result = statement.getResultSet()) {
            while (result.next()) {
              rows.add(result.getString(1));
            }
          }
        }
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("Could not run the statements", e);
    }
    rows.add("```");
    return rows;
  }

  private static Reports reports(JdbcLicenseStore store) {
    return Licensing.builder().store(store).build().tenant(TenantId.of(BenchmarkPostgres.TENANT)).as(Actor.reporter("reporter")).reports();
  }

  private static void check(long written) {
    if (written != ROWS) {
      throw new IllegalStateException("exported " + written + " rows, expected " + ROWS);
    }
  }

  /** {@code dataSource} counting every statement its connections execute. */
  private static DataSource counting(DataSource dataSource, AtomicLong statements) {
    return (DataSource) Proxy.newProxyInstance(ExportCpu.class.getClassLoader(), new Class<?>[] {DataSource.class},
        forwarding(dataSource, (target, method, result) -> method.getName().startsWith("getConnection")
            ? Proxy.newProxyInstance(ExportCpu.class.getClassLoader(), new Class<?>[] {Connection.class},
                forwarding(result, (c, m, r) -> r instanceof Statement
                    ? Proxy.newProxyInstance(ExportCpu.class.getClassLoader(), interfacesOf(r), forwarding(r, (s, sm, sr) -> {
                      if (sm.getName().startsWith("execute")) {
                        statements.incrementAndGet();
                      }
                      return sr;
                    }))
                    : r))
            : result));
  }

  private static Class<?>[] interfacesOf(Object statement) {
    if (statement instanceof java.sql.CallableStatement) {
      return new Class<?>[] {java.sql.CallableStatement.class};
    }
    return statement instanceof java.sql.PreparedStatement ? new Class<?>[] {java.sql.PreparedStatement.class}
        : new Class<?>[] {Statement.class};
  }

  private interface After {
    Object apply(Object target, java.lang.reflect.Method method, Object result) throws Exception;
  }

  private static InvocationHandler forwarding(Object target, After after) {
    return (proxy, method, arguments) -> {
      try {
        if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
          return method.invoke(target, arguments);
        }
        return after.apply(target, method, method.invoke(target, arguments));
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
  }
}
