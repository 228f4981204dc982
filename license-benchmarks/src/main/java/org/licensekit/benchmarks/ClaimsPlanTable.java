package org.licensekit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.jdbc.JdbcLicenseStore;
import org.licensekit.jdbc.PlanCapturingDataSource;

/**
 * Writes the plan table of docs/reports.md: every filter combination of the claims report (the
 * filters of {@link ClaimsQuery} alone and in the combinations an administrator uses) × every
 * {@link ClaimSortKey} × both directions, on the 1,000,000 claims of {@link ReportBenchmark}'s
 * database. For each, the first page (50 rows) and the page after it run through the public API
 * with {@code auto_explain} ({@code ANALYZE, BUFFERS}, every statement logged to the client), and
 * the table gives the claims-table nodes of their plans (scan and index, and a sort when the
 * database sorted claims), the claims rows those nodes read (returned or filtered out, times
 * loops), the shared buffers touched and the wall time of the second of two runs.
 *
 * <p>Run (after {@code package}): {@code java -cp <the module's classpath>
 * org.licensekit.benchmarks.ClaimsPlanTable <output.md> [filter regex] [sort regex] [timeout seconds]}.
 */
public final class ClaimsPlanTable {

  private static final int USERS = 250_000;
  private static final Pattern CLAIMS_NODE = Pattern.compile(
      "(Seq Scan|Index Only Scan(?: Backward)?|Index Scan(?: Backward)?|Bitmap Index Scan|Bitmap Heap Scan)"
          + "(?: using (\\S+))? on (\\S+).*?(?:actual (?:time=\\S+ )?rows=(\\d+(?:\\.\\d+)?) loops=(\\d+)|never executed)");
  private static final Pattern REMOVED = Pattern.compile("Rows Removed by (?:Filter|Index Recheck): (\\d+(?:\\.\\d+)?)");
  private static final Pattern BUFFERS = Pattern.compile("Buffers: shared (?:hit=(\\d+))?\\s*(?:read=(\\d+))?");

  private ClaimsPlanTable() {}

  /**
   * Seeds (or reuses) the database, runs every selected combination and writes the table.
   *
   * @param args output file, then optionally a regex on the filter names, one on the sort names,
   *     and the statement timeout in seconds (default 10)
   * @throws IOException when the table cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path output = Path.of(args[0]);
    Pattern filterNames = Pattern.compile(args.length > 1 ? args[1] : ".*");
    Pattern sortNames = Pattern.compile(args.length > 2 ? args[2] : ".*");
    int timeout = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    List<String> lines = new ArrayList<>();
    lines.add("| filters | sort | plan of the claims (first page) | claims rows read, first / next page | buffers | ms, first / next page |");
    lines.add("|---|---|---|---|---|---|");
    try (BenchmarkPostgres database = BenchmarkPostgres.seeded(USERS, 2)) {
      PlanCapturingDataSource plans =
          new PlanCapturingDataSource(database.dataSource(), true, Optional.of(Duration.ofSeconds(timeout)));
      JdbcLicenseStore store = JdbcLicenseStore.builder(plans).build();
      Reports reports = Licensing.builder().store(store).build().tenant(TenantId.of(BenchmarkPostgres.TENANT))
          .as(Actor.reporter("reporter")).reports();
      for (Map.Entry<String, UnaryOperator<ClaimsQuery.Builder>> filter : filters().entrySet()) {
        if (!filterNames.matcher(filter.getKey()).find()) {
          continue;
        }
        for (ClaimSortKey key : ClaimSortKey.values()) {
          for (SortDirection direction : SortDirection.values()) {
            String sort = key.name().toLowerCase() + (direction == SortDirection.ASCENDING ? "" : " desc");
            if (!sortNames.matcher(sort).find()) {
              continue;
            }
            ClaimsQuery query = filter.getValue().apply(ClaimsQuery.builder().limit(50)).sortBy(key).direction(direction).build();
            lines.add("| " + filter.getKey() + " | " + sort + " | " + measure(reports, plans, query) + " |");
            Files.write(output, lines, StandardCharsets.UTF_8);
          }
        }
      }
    }
  }

  private static Map<String, UnaryOperator<ClaimsQuery.Builder>> filters() {
    Instant now = Instant.now();
    OrganizationId school = OrganizationId.of("school-042");
    OrganizationId area = OrganizationId.of("area-04");
    ProductId product = ProductId.of("product-3");
    Map<String, UnaryOperator<ClaimsQuery.Builder>> filters = new LinkedHashMap<>();
    filters.put("none", q -> q);
    filters.put("status ACTIVE", q -> q.status(ClaimStatus.ACTIVE));
    filters.put("status PENDING", q -> q.status(ClaimStatus.PENDING));
    filters.put("status PENDING, ACTIVE", q -> q.status(ClaimStatus.PENDING, ClaimStatus.ACTIVE));
    filters.put("product", q -> q.product(product));
    filters.put("product + status", q -> q.product(product).status(ClaimStatus.ACTIVE));
    filters.put("user", q -> q.user(UserId.of("user-0001234")));
    filters.put("school", q -> q.organization(school));
    filters.put("area", q -> q.organization(area));
    filters.put("school + status", q -> q.organization(school).status(ClaimStatus.ACTIVE));
    filters.put("area + product", q -> q.organization(area).product(product));
    filters.put("role", q -> q.role(DefaultCatalog.OBSERVER));
    filters.put("role + status", q -> q.role(DefaultCatalog.OBSERVER).status(ClaimStatus.EXPIRED));
    filters.put("role in area", q -> q.organization(area).role(DefaultCatalog.OBSERVER));
    filters.put("role in area + status", q -> q.organization(area).role(DefaultCatalog.OBSERVER).status(ClaimStatus.PENDING));
    filters.put("assigned in 30 days", q -> q.assignedBetween(now.minus(Duration.ofDays(30)), now));
    filters.put("claimed in 30 days + status", q -> q.claimedBetween(now.minus(Duration.ofDays(30)), now).status(ClaimStatus.ACTIVE));
    return filters;
  }

  /** The row's cells after filters and sort: plan, rows read, buffers, milliseconds. */
  private static String measure(Reports reports, PlanCapturingDataSource plans, ClaimsQuery query) {
    try {
      Page<ClaimRow> warm = reports.claims(query);
      plans.takePlans();
      long start = System.nanoTime();
      Page<ClaimRow> first = reports.claims(query);
      double firstMs = (System.nanoTime() - start) / 1e6;
      List<String> firstPlans = plans.takePlans();
      Optional<String> cursor = first.nextCursor().or(warm::nextCursor);
      String next = "–";
      String nextMs = "–";
      if (cursor.isPresent()) {
        ClaimsQuery after = query.toBuilder().cursor(cursor.get()).build();
        reports.claims(after);
        plans.takePlans();
        start = System.nanoTime();
        reports.claims(after);
        nextMs = String.format("%.1f", (System.nanoTime() - start) / 1e6);
        next = String.format("%,d", rowsRead(plans.takePlans()));
      }
      return shape(firstPlans) + " | " + String.format("%,d", rowsRead(firstPlans)) + " / " + next + " | "
          + String.format("%,d", buffers(firstPlans)) + " | " + String.format("%.1f", firstMs) + " / " + nextMs;
    } catch (RuntimeException failed) {
      plans.takePlans();
      return "failed: " + Optional.ofNullable(failed.getCause()).orElse(failed).getMessage().lines().findFirst().orElse("")
          + " | – | – | –";
    }
  }

  /** The claims-table scans of the plans (node and index), and "sort" when a plan sorts. */
  private static String shape(List<String> captured) {
    Set<String> nodes = new LinkedHashSet<>();
    for (String plan : captured) {
      if (!plan.contains(" on lk_claims")) {
        continue;
      }
      for (String line : plan.split("\n")) {
        Matcher node = CLAIMS_NODE.matcher(line);
        if (node.find() && (node.group(3).equals("lk_claims") || node.group(3).startsWith("lk_claims_"))) {
          String index = node.group(1).equals("Bitmap Index Scan") ? node.group(3) : Optional.ofNullable(node.group(2)).orElse("");
          nodes.add((node.group(1) + " " + index.replace("lk_claims_", "")).trim());
        } else if (line.contains("-> Sort ") || line.contains("-> Incremental Sort")) {
          nodes.add(line.contains("Incremental") ? "incremental sort" : "sort");
        }
      }
    }
    return String.join(", ", nodes);
  }

  private static long rowsRead(List<String> captured) {
    double rows = 0;
    for (String plan : captured) {
      String[] lines = plan.split("\n");
      for (int at = 0; at < lines.length; at++) {
        Matcher node = CLAIMS_NODE.matcher(lines[at]);
        if (!node.find() || node.group(4) == null || node.group(1).equals("Bitmap Index Scan")
            || !(node.group(3).equals("lk_claims"))) {
          continue;
        }
        double removed = 0;
        for (int below = at + 1; below < lines.length && !lines[below].contains("->"); below++) {
          Matcher m = REMOVED.matcher(lines[below]);
          if (m.find()) {
            removed += Double.parseDouble(m.group(1));
          }
        }
        rows += (Double.parseDouble(node.group(4)) + removed) * Long.parseLong(node.group(5));
      }
    }
    return Math.round(rows);
  }

  /** Shared buffers (hit and read) of each plan's top node, summed over the page's statements. */
  private static long buffers(List<String> captured) {
    long buffers = 0;
    for (String plan : captured) {
      Matcher m = BUFFERS.matcher(plan);
      if (m.find()) {
        buffers += (m.group(1) == null ? 0 : Long.parseLong(m.group(1))) + (m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
      }
    }
    return buffers;
  }
}
