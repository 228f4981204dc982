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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * What the claims-report plan tests share: the benchmarks' seed script ({@code million-claims.sql})
 * run at a smaller size, and the claims rows a captured plan read ({@code auto_explain} with actual
 * rows, {@link PlanCapturingDataSource}).
 */
final class ClaimPlanReading {

  /** A scan node of a plan: its kind, index, relation, and actual rows and loops (or never executed). */
  static final Pattern CLAIMS_NODE = Pattern.compile(
      "(Seq Scan|Index Only Scan(?: Backward)?|Index Scan(?: Backward)?|Bitmap Index Scan|Bitmap Heap Scan)"
          + "(?: using (\\S+))? on (\\S+).*(?:\\(actual rows=(\\d+(?:\\.\\d+)?) loops=(\\d+)\\)|\\(never executed\\))");

  private static final Pattern REMOVED = Pattern.compile("Rows Removed by (?:Filter|Index Recheck): (\\d+(?:\\.\\d+)?)");
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
    long read = 0;
    for (String plan : captured) {
      String[] lines = plan.split("\n");
      for (int at = 0; at < lines.length; at++) {
        Matcher node = CLAIMS_NODE.matcher(lines[at]);
        if (node.find() && node.group(4) != null && (node.group(3).equals("lk_claims") || node.group(3).startsWith("lk_claims_"))) {
          read += (long) ((Double.parseDouble(node.group(4)) + removed(lines, at)) * Long.parseLong(node.group(5)));
        }
      }
    }
    return read;
  }

  /** The rows a plan node read and dropped (per loop): its "Rows Removed by …" lines before the next node. */
  static double removed(String[] lines, int node) {
    double removed = 0;
    for (int at = node + 1; at < lines.length && !lines[at].contains("->"); at++) {
      Matcher matcher = REMOVED.matcher(lines[at]);
      if (matcher.find()) {
        removed += Double.parseDouble(matcher.group(1));
      }
    }
    return removed;
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
      String[] lines = plan.split("\n");
      for (int at = 0; at < lines.length; at++) {
        String line = lines[at];
        Matcher node = CLAIMS_NODE.matcher(line);
        if (!node.find()) {
          continue;
        }
        boolean bitmapIndex = node.group(1).equals("Bitmap Index Scan");
        String index = bitmapIndex ? node.group(3) : Optional.ofNullable(node.group(2)).orElse("");
        if (!(bitmapIndex ? index.startsWith("lk_claims_") : node.group(3).equals("lk_claims"))) {
          continue;
        }
        if (node.group(1).equals("Seq Scan")) {
          problems.add("sequential scan: " + line.trim());
        }
        indexed |= index.startsWith("lk_claims_");
        double rows = node.group(4) == null ? 0 : (Double.parseDouble(node.group(4)) + removed(lines, at))
            * Long.parseLong(node.group(5));
        if (rows > claims / 5.0) {
          problems.add("reads (returns or filters out) " + (long) rows + " of " + claims + " claims: " + line.trim());
        }
      }
      if (!indexed) {
        problems.add("no index of the claims table");
      }
      assertThat(problems).as("%s:%n%s", name, plan).isEmpty();
    }
  }
}
