package org.licensekit.reports.csv;

import java.io.Flushable;
import java.io.IOException;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes CSV records exactly as Apache Commons CSV's printer writes them in {@code format} (its
 * minimal quoting), into a buffer handed to the output in large pieces. A cell that the format
 * would write as it is — not empty, its first character after {@code #}, its last after a space,
 * and no comma, quote or line break in it — is copied straight into the buffer; any other cell is
 * written by the format itself, so quoting stays the library's. A million rows then cost a few
 * hundred writes to the output instead of one synchronized call per cell, and no list per row.
 */
final class CsvRows {

  /** Characters buffered before they are handed to the output. */
  static final int BUFFER = 1 << 16;

  private final CSVFormat format;
  private final Appendable out;
  private final StringBuilder buffer = new StringBuilder(BUFFER + 1024);
  private boolean newRecord = true;

  CsvRows(CSVFormat format, Appendable out) {
    this.format = format;
    this.out = out;
  }

  /** Appends a cell to the current record. */
  void cell(String value) throws IOException {
    if (plain(value)) {
      if (!newRecord) {
        buffer.append(',');
      }
      buffer.append(value);
    } else {
      format.print(value, buffer, newRecord);
    }
    newRecord = false;
  }

  /**
   * Starts a cell the caller writes straight into the returned buffer, knowing it to be plain (see
   * {@link #plain}), such as an instant in ISO-8601 form.
   */
  StringBuilder plainCell() {
    if (!newRecord) {
      buffer.append(',');
    }
    newRecord = false;
    return buffer;
  }

  /** Ends the current record (CRLF) and hands the buffer to the output when it is full. */
  void endRecord() throws IOException {
    buffer.append("\r\n");
    newRecord = true;
    if (buffer.length() >= BUFFER) {
      drain();
    }
  }

  /** Hands everything buffered to the output and flushes it when it can be flushed. */
  void flush() throws IOException {
    drain();
    if (out instanceof Flushable flushable) {
      flushable.flush();
    }
  }

  private void drain() throws IOException {
    if (buffer.length() > 0) {
      out.append(buffer);
      buffer.setLength(0);
    }
  }

  /**
   * Whether Commons CSV's minimal quoting writes {@code value} unquoted in any position of a
   * record: it quotes an empty first cell, a cell starting with a character up to {@code #}, one
   * ending with a character up to a space, and one holding a comma, a quote or a line break.
   */
  static boolean plain(String value) {
    int length = value.length();
    if (length == 0 || value.charAt(0) <= '#' || value.charAt(length - 1) <= ' ') {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return false;
      }
    }
    return true;
  }
}
