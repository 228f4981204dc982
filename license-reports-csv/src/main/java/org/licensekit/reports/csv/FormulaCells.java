package org.licensekit.reports.csv;

import java.util.Objects;

/**
 * What the export does with a cell a spreadsheet would read as a formula (CSV or "formula"
 * injection): a user named {@code =HYPERLINK("http://evil.example","click")} must not run in the
 * administrator's spreadsheet when the report is opened.
 *
 * <p>{@link #NEUTRALIZE} follows OWASP's advice: a cell whose first character is {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return — or whose first such character
 * comes after leading spaces, which some spreadsheets skip — is written with a single quote
 * ({@code '}) in front, so spreadsheets show it as text. So that the quote can always be taken off
 * again, a cell that already starts with quotes followed by such a character gets one more. The
 * quote is visible to programs that read the CSV; {@link #original(String)} takes it off. {@link #VERBATIM} writes every cell
 * as it is, for programs that read the CSV and never a spreadsheet.
 */
public enum FormulaCells {

  /** Prefix cells that a spreadsheet would evaluate with {@code '} (the default). */
  NEUTRALIZE,

  /** Write every cell unchanged. */
  VERBATIM;

  /** The prefix {@link #NEUTRALIZE} puts in front of a cell a spreadsheet would evaluate. */
  public static final char PREFIX = '\'';

  /**
   * The cell as this policy writes it.
   *
   * @throws NullPointerException when {@code cell} is null
   */
  public String apply(String cell) {
    Objects.requireNonNull(cell, "cell");
    return this == NEUTRALIZE && triggers(withoutQuotes(cell)) ? PREFIX + cell : cell;
  }

  /**
   * Whether a spreadsheet could read {@code cell} as a formula: its first character other than a
   * space is one of {@code = + - @}, a tab or a carriage return.
   */
  public static boolean triggers(String cell) {
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c != ' ') {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
      }
    }
    return false;
  }

  /**
   * The value a {@link #NEUTRALIZE}d cell was written from: the cell without its first quote when
   * it starts with quotes followed by a formula character, otherwise the cell itself. A reader of an exported file uses it to
   * get back exactly what the report held.
   */
  public static String original(String cell) {
    if (!cell.isEmpty() && cell.charAt(0) == PREFIX && triggers(withoutQuotes(cell))) {
      return cell.substring(1);
    }
    return cell;
  }

  private static String withoutQuotes(String cell) {
    int start = 0;
    while (start < cell.length() && cell.charAt(start) == PREFIX) {
      start++;
    }
    return cell.substring(start);
  }
}
