package org.licensekit.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scans of one table in a captured text plan ({@code auto_explain} or {@code EXPLAIN ANALYZE}
 * with actual rows and without timing, {@link PlanCapturingDataSource}): what the plan tests walk
 * to find sequential scans, the indexes used and the rows read.
 */
final class PlanScans {

  /** A scan node: its kind, index, relation, and actual rows and loops (or never executed). */
  private static final Pattern NODE = Pattern.compile(
      "(Seq Scan|Index Only Scan(?: Backward)?|Index Scan(?: Backward)?|Bitmap Index Scan|Bitmap Heap Scan)"
          + "(?: using (\\S+))? on (\\S+).*(?:\\(actual rows=(\\d+(?:\\.\\d+)?) loops=(\\d+)\\)|\\(never executed\\))");
  private static final Pattern REMOVED = Pattern.compile("Rows Removed by (?:Filter|Index Recheck): (\\d+(?:\\.\\d+)?)");

  private PlanScans() {}

  /**
   * One scan of the table.
   *
   * @param kind the node's kind ({@code Seq Scan}, {@code Index Only Scan Backward}, …)
   * @param index the index it reads (a bitmap index scan's is the relation it names), empty for a
   *     sequential or bitmap heap scan
   * @param rowsRead the rows it returned or filtered out, times its loops (0 when never executed)
   * @param loops how many times it ran (0 when never executed)
   * @param line the plan line, trimmed
   */
  record Scan(String kind, String index, long rowsRead, long loops, String line) {

    boolean sequential() {
      return kind.equals("Seq Scan");
    }

    boolean bitmapIndex() {
      return kind.equals("Bitmap Index Scan");
    }
  }

  /** The scans of {@code table} in {@code plan}: of the table itself, or bitmap index scans of its indexes ({@code table_…}). */
  static List<Scan> of(String plan, String table) {
    List<Scan> scans = new ArrayList<>();
    String[] lines = plan.split("\n");
    for (int at = 0; at < lines.length; at++) {
      Matcher node = NODE.matcher(lines[at]);
      if (!node.find()) {
        continue;
      }
      boolean bitmapIndex = node.group(1).equals("Bitmap Index Scan");
      String relation = node.group(3);
      if (!(bitmapIndex ? relation.startsWith(table + "_") : relation.equals(table))) {
        continue;
      }
      String index = bitmapIndex ? relation : Optional.ofNullable(node.group(2)).orElse("");
      long loops = node.group(5) == null ? 0 : Long.parseLong(node.group(5));
      long read = node.group(4) == null ? 0 : (long) ((Double.parseDouble(node.group(4)) + removed(lines, at)) * loops);
      scans.add(new Scan(node.group(1), index, read, loops, lines[at].trim()));
    }
    return scans;
  }

  /** The rows a plan node read and dropped (per loop): its "Rows Removed by …" lines before the next node. */
  private static double removed(String[] lines, int node) {
    double removed = 0;
    for (int at = node + 1; at < lines.length && !lines[at].contains("->"); at++) {
      Matcher matcher = REMOVED.matcher(lines[at]);
      if (matcher.find()) {
        removed += Double.parseDouble(matcher.group(1));
      }
    }
    return removed;
  }
}
