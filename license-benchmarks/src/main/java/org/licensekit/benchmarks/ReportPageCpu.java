package org.licensekit.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;

/**
 * CPU time per claims page with organization and role filters, on {@link ReportBenchmark}'s
 * database (1,000,000 claims): the PostgreSQL server's ({@link ServerCpu}, from {@code /proc}) and
 * this JVM's (its process CPU time, JIT and GC included), each page run {@code n} times to warm up
 * and {@code n} times measured, one page at a time. Unlike wall time, neither counts the time the
 * page waited for a core on a busy machine. The measured runs' statements are also summed from
 * {@code pg_stat_statements}: their planning and execution time per page, and statements per page;
 * {@code <output.md>.statements} lists them statement by statement.
 *
 * <p>Run (after {@code package}): {@code java -cp <the module's classpath>
 * org.licensekit.benchmarks.ReportPageCpu <output.md> [n, default 150] [page-name regex]}.
 */
public final class ReportPageCpu {

  private ReportPageCpu() {}

  /**
   * Measures every selected page and writes a table row per page.
   *
   * @param args output file, then optionally the runs per page and a regex on the page names
   * @throws IOException when the table cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path output = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 150;
    String names = args.length > 2 ? args[2] : ".*";
    OperatingSystemMXBean jvm = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<String> lines = new ArrayList<>(List.of("| page | server CPU ms/page | planning ms/page | execution ms/page | statements/page | JVM CPU ms/page | wall ms/page |",
        "|---|---|---|---|---|---|---|"));
    List<String> details = new ArrayList<>();
    try (BenchmarkPostgres database = BenchmarkPostgres.seeded(250_000, 2)) {
      ServerCpu server = ServerCpu.of(database.dataSource());
      Reports reports = Licensing.builder().store(database.store()).build().tenant(TenantId.of(BenchmarkPostgres.TENANT))
          .as(Actor.reporter("reporter")).reports();
      for (Map.Entry<String, ClaimsQuery> page : pages().entrySet()) {
        if (!page.getKey().matches(names)) {
          continue;
        }
        for (int run = 0; run < runs; run++) {
          reports.claims(page.getValue());
        }
        database.execute("SELECT pg_stat_statements_reset()");
        long serverStart = server.nanos();
        long jvmStart = jvm.getProcessCpuTime();
        long wallStart = System.nanoTime();
        for (int run = 0; run < runs; run++) {
          reports.claims(page.getValue());
        }
        long serverNanos = server.nanos() - serverStart;
        long jvmNanos = jvm.getProcessCpuTime() - jvmStart;
        long wallNanos = System.nanoTime() - wallStart;
        double[] statements = statements(database);
        statementLines(database, page.getKey(), runs).forEach(details::add);
        Files.write(Path.of(output + ".statements"), details, StandardCharsets.UTF_8);
        lines.add(String.format("| %s | %.1f | %.2f | %.2f | %.1f | %.1f | %.1f |", page.getKey(), serverNanos / 1e6 / runs,
            statements[0] / runs, statements[1] / runs, statements[2] / runs, jvmNanos / 1e6 / runs, wallNanos / 1e6 / runs));
        Files.write(output, lines, StandardCharsets.UTF_8);
      }
    }
  }

  /** Planning ms, execution ms and calls of the statements since the last reset (SET LOCAL included). */
  private static double[] statements(BenchmarkPostgres database) {
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT COALESCE(SUM(total_plan_time), 0), COALESCE(SUM(total_exec_time), 0),"
            + " COALESCE(SUM(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'")) {
      row.next();
      return new double[] {row.getDouble(1), row.getDouble(2), row.getDouble(3)};
    } catch (SQLException e) {
      throw new IllegalStateException("Reading pg_stat_statements failed", e);
    }
  }

  /** Per statement of the measured runs: calls, planning and execution ms per page, and its text's start. */
  private static List<String> statementLines(BenchmarkPostgres database, String page, int runs) {
    List<String> lines = new ArrayList<>(List.of("## " + page, "calls/page | planning ms/page | execution ms/page | statement"));
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT calls, total_plan_time, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 160)"
            + " FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_plan_time + total_exec_time DESC")) {
      while (row.next()) {
        lines.add(String.format("%.1f | %.2f | %.2f | %s", row.getDouble(1) / runs, row.getDouble(2) / runs, row.getDouble(3) / runs,
            row.getString(4)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading pg_stat_statements failed", e);
    }
    return lines;
  }

  private static Map<String, ClaimsQuery> pages() {
    OrganizationId area = OrganizationId.of("area-04");
    ClaimsQuery roleInArea = ClaimsQuery.builder().organization(area).role(DefaultCatalog.OBSERVER)
        .sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING).limit(50).build();
    Map<String, ClaimsQuery> pages = new LinkedHashMap<>();
    pages.put("role in an area, newest first", roleInArea);
    pages.put("role in an area + pending, newest first", roleInArea.toBuilder().status(ClaimStatus.PENDING).build());
    pages.put("a school + active", ClaimsQuery.builder().organization(OrganizationId.of("school-042")).status(ClaimStatus.ACTIVE)
        .limit(50).build());
    pages.put("active + product, newest first", ClaimsQuery.builder().status(ClaimStatus.ACTIVE).product(ProductId.of("product-3"))
        .sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING).limit(50).build());
    pages.put("a school, newest first", ClaimsQuery.builder().organization(OrganizationId.of("school-042"))
        .sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING).limit(50).build());
    pages.put("an area by status", ClaimsQuery.builder().organization(area).sortBy(ClaimSortKey.STATUS).limit(50).build());
    pages.put("an area by product", ClaimsQuery.builder().organization(area).sortBy(ClaimSortKey.PRODUCT).limit(50).build());
    return pages;
  }
}
