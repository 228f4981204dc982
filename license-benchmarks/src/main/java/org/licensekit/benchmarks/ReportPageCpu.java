package org.licensekit.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * page waited for a core on a busy machine.
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
    List<String> lines = new ArrayList<>(List.of("| page | server CPU ms/page | JVM CPU ms/page | wall ms/page |", "|---|---|---|---|"));
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
        long serverStart = server.nanos();
        long jvmStart = jvm.getProcessCpuTime();
        long wallStart = System.nanoTime();
        for (int run = 0; run < runs; run++) {
          reports.claims(page.getValue());
        }
        lines.add(String.format("| %s | %.1f | %.1f | %.1f |", page.getKey(), (server.nanos() - serverStart) / 1e6 / runs,
            (jvm.getProcessCpuTime() - jvmStart) / 1e6 / runs, (System.nanoTime() - wallStart) / 1e6 / runs));
        Files.write(output, lines, StandardCharsets.UTF_8);
      }
    }
  }

  private static Map<String, ClaimsQuery> pages() {
    OrganizationId area = OrganizationId.of("area-04");
    ClaimsQuery roleInArea = ClaimsQuery.builder().organization(area).role(DefaultCatalog.OBSERVER)
        .sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING).limit(50).build();
    Map<String, ClaimsQuery> pages = new LinkedHashMap<>();
    pages.put("role in an area, newest first", roleInArea);
    pages.put("role in an area + pending, newest first", roleInArea.toBuilder().status(ClaimStatus.PENDING).build());
    pages.put("active + product, newest first", ClaimsQuery.builder().status(ClaimStatus.ACTIVE).product(ProductId.of("product-3"))
        .sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING).limit(50).build());
    pages.put("a school, newest first", ClaimsQuery.builder().organization(OrganizationId.of("school-042"))
        .sortBy(ClaimSortKey.ASSIGNED_AT).direction(SortDirection.DESCENDING).limit(50).build());
    pages.put("an area by status", ClaimsQuery.builder().organization(area).sortBy(ClaimSortKey.STATUS).limit(50).build());
    pages.put("an area by product", ClaimsQuery.builder().organization(area).sortBy(ClaimSortKey.PRODUCT).limit(50).build());
    return pages;
  }
}
