package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the claims-report plan tests share: the benchmarks' seed script ({@code million-claims.sql})
 * run at a smaller size, and the claims rows a captured plan read ({@code auto_explain} with actual
 * rows, {@link PlanCapturingDataSource}; its scans found by {@link PlanScans}).
 */
final class ClaimPlanReading {

  private static final Path SEED = Path.of("..", "license-benchmarks", "src", "main", "resources", "org", "licensekit",
      "benchmarks", "million-claims.sql");

  private ClaimPlanReading() {}

  /** Runs the seed script for {@code tenant} with {@code users} users (four claims each) on {@code raw}, statement by statement. */
  static void seed(DataSource raw, String tenant, int users) throws IOException, SQLException {
    String script = Files.readString(SEED, StandardCharsets.UTF_8).replace("${prefix}", "lk_")
        .replace("${tenant}", tenant).replace("${users}", Integer.toString(users));
    try (Connection connection = raw.getConnection(); Statement statement = connection.createStatement()) {
      for (String sql : script.split(";\\s*\\n")) {
        String body = sql.lines().filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
        if (!body.isEmpty()) {
          statement.execute(body);
        }
      }
    }
  }

  /** The claims rows every claims node of the plans returned or filtered out, times its loops. */
  static long claimsRowsRead(List<String> captured) {
    return captured.stream().flatMap(plan -> PlanScans.of(plan, "lk_claims").stream()).mapToLong(PlanScans.Scan::rowsRead).sum();
  }

  /**
   * The plans that read the claims table: each through one of its indexes, none reading a fifth of
   * its {@code claims} rows, and together using every one of {@code indexes}.
   */
  static void assertPagePlans(String name, List<String> captured, List<String> indexes, long claims) {
    List<String> ofClaims = captured.stream().filter(plan -> plan.contains(" on lk_claims")).toList();
    assertThat(ofClaims).as("%s: statements reading the claims table (captured: %s)", name, captured).isNotEmpty();
    for (String index : indexes) {
      // "a|b&text": index a, or index b with the text in the same plan (the planner picks by the statistics)
      List<String> either = List.of(index.split("\\|"));
      assertThat(ofClaims).as("%s: a plan using %s", name, index).anyMatch(plan -> either.stream().anyMatch(one -> {
        String[] parts = one.split("&", 2);
        return plan.contains(" " + parts[0] + " ") && (parts.length == 1 || plan.contains(parts[1]));
      }));
    }
    for (String plan : ofClaims) {
      List<String> problems = new ArrayList<>();
      boolean indexed = false;
      for (PlanScans.Scan scan : PlanScans.of(plan, "lk_claims")) {
        if (scan.sequential()) {
          problems.add("sequential scan: " + scan.line());
        }
        indexed |= scan.index().startsWith("lk_claims_");
        if (scan.rowsRead() > claims / 5.0) {
          problems.add("reads (returns or filters out) " + scan.rowsRead() + " of " + claims + " claims: " + scan.line());
        }
      }
      if (!indexed) {
        problems.add("no index of the claims table");
      }
      assertThat(problems).as("%s:%n%s", name, plan).isEmpty();
    }
  }
}
