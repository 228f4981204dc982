package org.licensekit.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bulk chunk's rows in {@code COPY}'s binary format (PostgreSQL), for the column types the stores
 * write: text of any kind ({@code text}, {@code varchar}, {@code char(n)}), {@code boolean},
 * {@code smallint}, {@code integer}, {@code bigint}, {@code timestamptz}, {@code date} and
 * {@code bytea} (the audit entries' hashes and salt, schema version 31).
 *
 * <p>Why: the text format made the application escape every value and format every instant, and
 * made the server scan every row for delimiters and escapes and parse every instant back from its
 * text; measured, that was most of the application's CPU in a bulk run and a tenth to a quarter of
 * the server's time to load the rows (see docs/benchmarks.md, the sixth day's section). In the
 * binary format a value is its length and its bytes, an instant eight bytes.
 *
 * <p>The encoding is the one the text format's input gives, value for value: a text column gets
 * {@link BulkInsert#text} of the value (so enums by name, booleans as {@code t}/{@code f});
 * an instant becomes microseconds since 2000-01-01 rounded as PostgreSQL rounds the fraction of a
 * second it reads from text ({@code rint} of the fraction, read as a double, times a million);
 * a date, days since 2000-01-01; a {@code byte[]} for a {@code bytea} column, its bytes as they are
 * (which the text format's {@code \x} hex input gives too). The column types are read from the catalog ({@link #kinds}), never
 * assumed from the caller's declaration; a table with a column of another type, or a row with a
 * value that does not fit its column (a string for a number, a number out of the column's range),
 * is not encoded at all, and the caller writes text instead.
 */
final class CopyBinary {

  /** How a column's values are written; one per supported PostgreSQL type family. */
  enum Kind { TEXT, BOOLEAN, INT2, INT4, INT8, TIMESTAMPTZ, DATE, BYTEA }

  private static final Map<String, Kind> KINDS = Map.of("text", Kind.TEXT, "varchar", Kind.TEXT, "bpchar", Kind.TEXT,
      "bool", Kind.BOOLEAN, "int2", Kind.INT2, "int4", Kind.INT4, "int8", Kind.INT8, "timestamptz", Kind.TIMESTAMPTZ,
      "date", Kind.DATE, "bytea", Kind.BYTEA);

  /** The binary format's signature, flags (none) and header extension length (none). */
  private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

  /** 2000-01-01T00:00:00Z, PostgreSQL's epoch for timestamps, in seconds since 1970. */
  private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;
  /** 2000-01-01, PostgreSQL's epoch for dates, in days since 1970-01-01. */
  private static final long POSTGRES_EPOCH_DAYS = 10_957L;

  /** The encoded rows: the first {@code length} bytes of {@code bytes}. */
  record Encoded(byte[] bytes, int length) {}

  private CopyBinary() {}

  /**
   * The kinds of {@code columns} of {@code table} as the catalog types them; empty when the table is
   * not found or a column is missing or of a type this encoder does not write.
   */
  static Optional<List<Kind>> kinds(Connection c, String table, List<String> columns) throws SQLException {
    Map<String, String> types = new HashMap<>();
    try (PreparedStatement statement = c.prepareStatement("SELECT a.attname, t.typname FROM pg_catalog.pg_attribute a"
        + " JOIN pg_catalog.pg_type t ON t.oid = a.atttypid WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          types.put(rows.getString(1), rows.getString(2));
        }
      }
    }
    return kinds(types, columns);
  }

  /** The kinds of {@code columns} given each column's type name; empty when one is missing or not written here. */
  static Optional<List<Kind>> kinds(Map<String, String> typeNames, List<String> columns) {
    List<Kind> kinds = new ArrayList<>(columns.size());
    for (String column : columns) {
      Kind kind = KINDS.get(typeNames.getOrDefault(column, ""));
      if (kind == null) {
        return Optional.empty();
      }
      kinds.add(kind);
    }
    return Optional.of(List.copyOf(kinds));
  }

  /**
   * The rows in the binary format, each value written as its column's kind; empty when a value does
   * not fit its kind (the caller then writes text, which takes any value the server can parse).
   *
   * @throws IllegalArgumentException when a row's length is not the number of kinds
   */
  static Optional<Encoded> encode(List<Object[]> rows, List<Kind> kinds) {
    Buffer out = new Buffer(HEADER.length + 2 + rows.size() * 64);
    out.bytes(HEADER, HEADER.length);
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      if (row.length != kinds.size()) {
        throw new IllegalArgumentException("row " + r + " has " + row.length + " values for " + kinds.size() + " columns");
      }
      out.int16(row.length);
      for (int i = 0; i < row.length; i++) {
        if (!out.value(kinds.get(i), present(row[i]))) {
          return Optional.empty();
        }
      }
    }
    out.int16(-1); // the trailer
    return Optional.of(new Encoded(out.bytes, out.size));
  }

  /**
   * The instant as PostgreSQL stores it when it reads the instant's ISO-8601 text: microseconds
   * since 2000-01-01T00:00:00Z, the fraction of the second rounded as PostgreSQL's
   * {@code ParseFractionalSecond} does ({@code rint} of the fraction's digits read as a double,
   * times a million: ties to even, as the double falls); empty when it overflows.
   */
  static Optional<Long> postgresMicros(Instant instant) {
    int nanos = instant.getNano();
    long fraction;
    if (nanos % 1_000 == 0) {
      fraction = nanos / 1_000;
    } else {
      String digits = Integer.toString(nanos);
      fraction = (long) Math.rint(Double.parseDouble("0." + "000000000".substring(digits.length()) + digits) * 1_000_000);
    }
    try {
      return Optional.of(Math.addExact(Math.multiplyExact(Math.subtractExact(instant.getEpochSecond(), POSTGRES_EPOCH_SECONDS),
          1_000_000L), fraction));
    } catch (ArithmeticException overflow) {
      return Optional.empty();
    }
  }

  /** Whether the value is a whole number within [min, max] (not text, not a fraction). */
  private static boolean integer(Object value, long min, long max) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      long number = ((Number) value).longValue();
      return number >= min && number <= max;
    }
    return false;
  }

  /** The value inside any {@link Optional}s around it, or null when one is empty. */
  private static Object present(Object value) {
    Object inner = value;
    while (inner instanceof Optional<?> optional) {
      inner = optional.orElse(null);
    }
    return inner;
  }

  /** A growing array of bytes written big-endian, as the format wants. */
  private static final class Buffer {
    private byte[] bytes;
    private int size;
    /** The last instant written and its microseconds: a chunk's rows share the chunk's instant. */
    private Instant lastInstant;
    private long lastMicros;

    Buffer(int capacity) {
      bytes = new byte[Math.max(64, capacity)];
    }

    /** Writes one field: its length and bytes, or -1 for NULL; false, when the value does not fit its kind. */
    boolean value(Kind kind, Object value) {
      if (value == null) {
        int32(-1);
        return true;
      }
      switch (kind) {
        case TEXT -> {
          byte[] text = BulkInsert.text(value).getBytes(StandardCharsets.UTF_8);
          int32(text.length);
          bytes(text, text.length);
          return true;
        }
        case BOOLEAN -> {
          return value instanceof Boolean flag && field(1, flag ? 1 : 0);
        }
        case INT2 -> {
          return integer(value, Short.MIN_VALUE, Short.MAX_VALUE) && field(2, ((Number) value).longValue());
        }
        case INT4 -> {
          return integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE) && field(4, ((Number) value).longValue());
        }
        case INT8 -> {
          return integer(value, Long.MIN_VALUE, Long.MAX_VALUE) && field(8, ((Number) value).longValue());
        }
        case TIMESTAMPTZ -> {
          Instant instant = value instanceof OffsetDateTime time ? time.toInstant() : value instanceof Instant at ? at : null;
          return instant != null && instant(instant);
        }
        case DATE -> {
          if (!(value instanceof LocalDate date)) {
            return false;
          }
          long days = date.toEpochDay() - POSTGRES_EPOCH_DAYS;
          return days == (int) days && field(4, days);
        }
        case BYTEA -> {
          if (!(value instanceof byte[] binary)) {
            return false;
          }
          int32(binary.length);
          bytes(binary, binary.length);
          return true;
        }
        default -> throw new IllegalStateException("unknown kind " + kind);
      }
    }

    private boolean instant(Instant instant) {
      if (!instant.equals(lastInstant)) {
        Optional<Long> micros = postgresMicros(instant);
        if (micros.isEmpty()) {
          return false;
        }
        lastInstant = instant;
        lastMicros = micros.get();
      }
      return field(8, lastMicros);
    }

    /** A fixed-width field of {@code width} bytes (1, 2, 4 or 8) holding {@code value}'s low bytes. */
    private boolean field(int width, long value) {
      int32(width);
      switch (width) {
        case 1 -> int8((int) value);
        case 2 -> int16((int) value);
        case 4 -> int32((int) value);
        default -> int64(value);
      }
      return true;
    }

    private void room(int more) {
      if (size + more > bytes.length) {
        long wanted = Math.max((long) bytes.length * 2, (long) size + more);
        if (wanted > Integer.MAX_VALUE - 16) {
          throw new IllegalStateException("a COPY of more than 2 GB in one write");
        }
        bytes = Arrays.copyOf(bytes, (int) wanted);
      }
    }

    void bytes(byte[] from, int length) {
      room(length);
      System.arraycopy(from, 0, bytes, size, length);
      size += length;
    }

    void int8(int value) {
      room(1);
      bytes[size++] = (byte) value;
    }

    void int16(int value) {
      room(2);
      bytes[size++] = (byte) (value >>> 8);
      bytes[size++] = (byte) value;
    }

    void int32(int value) {
      room(4);
      bytes[size++] = (byte) (value >>> 24);
      bytes[size++] = (byte) (value >>> 16);
      bytes[size++] = (byte) (value >>> 8);
      bytes[size++] = (byte) value;
    }

    void int64(long value) {
      int32((int) (value >>> 32));
      int32((int) value);
    }
  }
}
