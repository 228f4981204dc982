package org.licensekit.jdbc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * A bulk chunk's rows written set-based on PostgreSQL, in one round trip and one statement
 * whatever the number of rows: {@code COPY … FROM STDIN} for rows that must all be new (a
 * duplicate fails the whole write, as a failed row of a batch would), else one
 * {@code INSERT … SELECT … FROM unnest(?, …)} with one array per column, which can carry
 * {@code ON CONFLICT}. A {@code COPY} sends its rows in the binary format ({@link CopyBinary}) when
 * the table's columns are all of types it writes and every value fits its column, else as text. PostgreSQL refuses {@code COPY FROM} into a table with row-level security
 * for a role the policies bind (SQLSTATE {@code 0A000}); the first refusal is taken inside a
 * savepoint, remembered, and every later write of this store takes the {@code INSERT}. Where the
 * driver's connection is not reachable through {@code unwrap} the {@code INSERT} is taken too.
 * On H2, a JDBC batch (as {@link Sql#batch} and {@link Sql#batchInsertMissing}).
 */
final class BulkInsert {

  /**
   * From how many rows a caller that also writes a few rows at a time (a single command) should
   * come here: {@code COPY} takes two round trips where one small batch takes one.
   */
  static final int SET_BASED_FROM = 16;

  /** One column: its name and its PostgreSQL type, which the unnest path casts its array to. */
  record Column(String name, String type) {}

  private enum Copy { UNTRIED, ALLOWED, REFUSED }

  private final Sql sql;
  private final JdbcTransactions transactions;
  private volatile Copy copy;
  /** Per table and column list, the kinds its binary {@code COPY} writes (empty: it is copied as text). */
  private final java.util.concurrent.ConcurrentMap<String, Optional<List<CopyBinary.Kind>>> binaryKinds =
      new java.util.concurrent.ConcurrentHashMap<>();

  BulkInsert(Sql sql, JdbcTransactions transactions, boolean copyAllowed) {
    this.sql = sql;
    this.transactions = transactions;
    this.copy = copyAllowed ? Copy.UNTRIED : Copy.REFUSED;
  }

  /** Whether this store's bulk inserts take {@code COPY}: known once one was tried (or it was turned off). */
  Optional<Boolean> copies() {
    return switch (copy) {
      case UNTRIED -> Optional.empty();
      case ALLOWED -> Optional.of(true);
      case REFUSED -> Optional.of(false);
    };
  }

  /**
   * Inserts every row; a row that breaks a unique key fails the whole write (a
   * {@link SqlFailure.Kind#DUPLICATE} failure) and the caller's transaction with it.
   */
  void insert(String table, List<Column> columns, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    if (!sql.postgres()) {
      sql.batch("INSERT INTO " + table + " (" + names(columns) + ") VALUES (" + Dialect.placeholders(columns.size()) + ")", rows);
      return;
    }
    if (copy != Copy.REFUSED && copied(table, columns, rows)) {
      return;
    }
    unnest(table, columns, rows, "");
  }

  /**
   * Inserts each row unless one with the same key is there already ({@code ON CONFLICT DO NOTHING}),
   * for tables whose every column is part of the key (a membership, a role of it).
   */
  void insertMissing(String table, List<Column> columns, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    if (!sql.postgres()) {
      sql.batchInsertMissing(table, columns.stream().map(Column::name).toList(), rows);
      return;
    }
    unnest(table, columns, rows, " ON CONFLICT DO NOTHING");
  }

  /** Whether the rows were copied; false, having written nothing, when PostgreSQL refuses the COPY. */
  private boolean copied(String table, List<Column> columns, List<Object[]> rows) {
    return transactions.withConnection(c -> {
      if (!c.isWrapperFor(PGConnection.class)) {
        return false;
      }
      Optional<CopyBinary.Encoded> binary = binaryKinds(c, table, columns).flatMap(kinds -> CopyBinary.encode(rows, kinds));
      String statement = "COPY " + table + " (" + names(columns) + ") FROM STDIN" + (binary.isPresent() ? " (FORMAT binary)" : "");
      byte[] data = binary.map(CopyBinary.Encoded::bytes).orElseGet(() -> copyText(rows));
      int length = binary.map(CopyBinary.Encoded::length).orElse(data.length);
      if (copy == Copy.ALLOWED) {
        copyIn(c, statement, data, length);
        return true;
      }
      Savepoint savepoint = c.setSavepoint();
      try {
        copyIn(c, statement, data, length);
      } catch (SQLException e) {
        if (!"0A000".equals(e.getSQLState())) {
          throw e; // the transaction fails whole, as a failed batch would make it
        }
        c.rollback(savepoint);
        copy = Copy.REFUSED;
        return false;
      }
      c.releaseSavepoint(savepoint);
      copy = Copy.ALLOWED;
      return true;
    });
  }

  private static void copyIn(Connection c, String statement, byte[] data, int length) throws SQLException {
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(statement, new ByteArrayInputStream(data, 0, length));
    } catch (IOException e) {
      throw new SQLException("COPY could not read its own rows", "58030", e);
    }
  }

  /**
   * The kinds {@link CopyBinary} writes the columns as, read from the catalog at this store's first
   * {@code COPY} into the table with these columns and remembered; empty when the table has a column
   * of a type it does not write (its rows are then sent as text).
   */
  private Optional<List<CopyBinary.Kind>> binaryKinds(Connection c, String table, List<Column> columns) throws SQLException {
    String key = table + " (" + names(columns) + ")";
    Optional<List<CopyBinary.Kind>> kinds = binaryKinds.get(key);
    if (kinds == null) {
      kinds = CopyBinary.kinds(c, table, columns.stream().map(Column::name).toList());
      binaryKinds.put(key, kinds);
    }
    return kinds;
  }

  /** The tables (with their columns) whose rows this store's {@code COPY} sends in the binary format, known once one was copied. */
  java.util.Set<String> binaryCopies() {
    return binaryKinds.entrySet().stream().filter(e -> e.getValue().isPresent()).map(java.util.Map.Entry::getKey)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** One {@code INSERT … SELECT * FROM unnest(…)} of every row, each column bound as one text array cast to its type. */
  private void unnest(String table, List<Column> columns, List<Object[]> rows, String onConflict) {
    String arrays = columns.stream().map(column -> "CAST(? AS " + column.type() + "[])").collect(Collectors.joining(", "));
    String statement = "INSERT INTO " + table + " (" + names(columns) + ") SELECT * FROM unnest(" + arrays + ")" + onConflict;
    transactions.withConnection(c -> {
      try (PreparedStatement insert = c.prepareStatement(statement)) {
        for (int column = 0; column < columns.size(); column++) {
          String[] values = new String[rows.size()];
          for (int row = 0; row < rows.size(); row++) {
            values[row] = text(rows.get(row)[column]);
          }
          Array array = c.createArrayOf("text", values);
          insert.setArray(column + 1, array);
        }
        insert.executeUpdate();
      }
      return null;
    });
  }

  /**
   * The rows in COPY's text format: tab between values, a line per row, {@code \N} for NULL, backslash escapes.
   * A chunk's rows are hundreds of kilobytes of text, and this was most of the application's CPU
   * time in a bulk run: a value without a character to escape is copied whole, numbers are
   * written without a string of their own, an instant's text is made once for the rows that share
   * it (every row of a chunk is stamped with the chunk's instant), and the buffer is sized from the
   * first row. The text is exactly {@link #text}'s, escaped.
   */
  static byte[] copyText(List<Object[]> rows) {
    StringBuilder out = new StringBuilder(256);
    Instant lastInstant = null;
    String lastInstantText = null;
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          out.append('\t');
        }
        Object value = present(row[i]);
        if (value == null) {
          out.append("\\N");
        } else if (value instanceof Instant instant) {
          if (!instant.equals(lastInstant)) {
            lastInstant = instant;
            lastInstantText = text(instant);
          }
          out.append(lastInstantText); // digits, '-', ':', '.', 'T' and 'Z': nothing to escape
        } else if (value instanceof Long number) {
          out.append(number.longValue());
        } else if (value instanceof Integer number) {
          out.append(number.intValue());
        } else {
          escape(text(value), out);
        }
      }
      out.append('\n');
      if (r == 0 && rows.size() > 1) {
        out.ensureCapacity((int) Math.min(Integer.MAX_VALUE - 64, out.length() + (long) out.length() * (rows.size() - 1) * 9 / 8));
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The value inside any {@link Optional}s around it, or null when one is empty. */
  private static Object present(Object value) {
    Object inner = value;
    while (inner instanceof Optional<?> optional) {
      inner = optional.orElse(null);
    }
    return inner;
  }

  /** Appends the value with COPY's backslash escapes; runs without one are copied whole. */
  private static void escape(String value, StringBuilder out) {
    int from = 0;
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char ch = value.charAt(i);
      if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
        out.append(value, from, i).append('\\').append(switch (ch) {
          case '\t' -> 't';
          case '\n' -> 'n';
          case '\r' -> 'r';
          default -> '\\';
        });
        from = i + 1;
      }
    }
    out.append(value, from, length);
  }

  /**
   * A value as PostgreSQL reads it from text: {@link Optional} as its value or NULL, an instant as
   * an ISO-8601 UTC timestamp, a boolean as {@code t}/{@code f}, an enum by name, bytes as
   * {@code bytea}'s hex input ({@code \x} and two lower-case hex digits a byte), anything else
   * (strings, numbers, dates) as its {@code toString}.
   */
  static String text(Object value) {
    if (value instanceof Optional<?> optional) {
      return optional.map(BulkInsert::text).orElse(null);
    }
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }
    if (value instanceof OffsetDateTime time) {
      return time.toString();
    }
    if (value instanceof Boolean flag) {
      return flag ? "t" : "f";
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof byte[] bytes) {
      return "\\x" + java.util.HexFormat.of().formatHex(bytes);
    }
    return value.toString();
  }

  private static String names(List<Column> columns) {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }
}
