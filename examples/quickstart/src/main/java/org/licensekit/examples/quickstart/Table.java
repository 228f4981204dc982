package org.licensekit.examples.quickstart;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A plain-text table for the quickstart's console output. */
final class Table {

  private final String[] headers;
  private final List<String[]> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = headers;
  }

  Table row(Object... cells) {
    rows.add(Arrays.stream(cells).map(String::valueOf).toArray(String[]::new));
    return this;
  }

  void print(PrintStream out, String title) {
    int[] widths = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      widths[i] = headers[i].length();
      for (String[] row : rows) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    out.println();
    out.println("== " + title);
    out.println(line(headers, widths));
    StringBuilder rule = new StringBuilder();
    for (int width : widths) {
      rule.append("-".repeat(width)).append("-+-");
    }
    out.println(rule.substring(0, rule.length() - 3));
    rows.forEach(row -> out.println(line(row, widths)));
  }

  private static String line(String[] cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      line.append(String.format("%-" + widths[i] + "s", cells[i]));
      if (i < cells.length - 1) {
        line.append(" | ");
      }
    }
    return line.toString().stripTrailing();
  }
}
