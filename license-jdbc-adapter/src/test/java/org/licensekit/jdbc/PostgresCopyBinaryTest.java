package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.ClaimStatus;
import org.postgresql.PGConnection;

/**
 * {@link CopyBinary}'s rows load into PostgreSQL exactly as the same rows in {@code COPY}'s text
 * format ({@link BulkInsert#copyText}, the encoding it replaces) do, column by column, on seeded
 * random rows of every type it writes: texts of every kind with characters the text format escapes
 * and beyond Latin-1, enums and booleans in text columns, numbers at their types' bounds, instants
 * with nanoseconds (ties between two microseconds included, which PostgreSQL rounds as it reads the
 * text) and from several offsets, dates, absent values. A value that does not fit its column is not
 * encoded (the store then sends text), and a table with a column of another type is not written in
 * binary at all.
 */
class PostgresCopyBinaryTest {

  private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create();
  private static final String COLUMNS = "n, t, v, c, b, s, i, l, at, d, h";
  private static final List<String> NAMES = List.of(COLUMNS.split(", "));

  @BeforeAll
  static void tables() throws Exception {
    try (Connection c = DATABASE.raw().getConnection(); Statement statement = c.createStatement()) {
      for (String table : List.of("by_text", "by_binary")) {
        statement.execute("CREATE TABLE " + table + " (n BIGINT PRIMARY KEY, t TEXT, v VARCHAR(80), c CHAR(5), b BOOLEAN,"
            + " s SMALLINT, i INTEGER, l BIGINT, at TIMESTAMPTZ, d DATE, h BYTEA)");
      }
      statement.execute("CREATE TABLE with_json (n BIGINT, j JSONB)");
    }
  }

  @Test
  void binaryRowsLoadAsTheirTextDoesOnSeededRandomRows() throws Exception {
    long base = Long.getLong("licensekit.seed", new Random().nextLong());
    List<CopyBinary.Kind> kinds;
    try (Connection c = DATABASE.raw().getConnection()) {
      kinds = CopyBinary.kinds(c, "by_binary", NAMES).orElseThrow();
    }
    assertThat(kinds).containsExactly(CopyBinary.Kind.INT8, CopyBinary.Kind.TEXT, CopyBinary.Kind.TEXT, CopyBinary.Kind.TEXT,
        CopyBinary.Kind.BOOLEAN, CopyBinary.Kind.INT2, CopyBinary.Kind.INT4, CopyBinary.Kind.INT8, CopyBinary.Kind.TIMESTAMPTZ,
        CopyBinary.Kind.DATE, CopyBinary.Kind.BYTEA);
    long next = 0;
    for (int round = 0; round < 40; round++) {
      long seed = base + round;
      Random random = new Random(seed);
      List<Object[]> rows = new ArrayList<>();
      int count = 1 + random.nextInt(60);
      for (int r = 0; r < count; r++) {
        rows.add(row(random, next++));
      }
      CopyBinary.Encoded binary = CopyBinary.encode(rows, kinds).orElseThrow(() -> new AssertionError("seed " + seed));
      copy("COPY by_text (" + COLUMNS + ") FROM STDIN", BulkInsert.copyText(rows), -1);
      copy("COPY by_binary (" + COLUMNS + ") FROM STDIN (FORMAT binary)", binary.bytes(), binary.length());
      assertThat(read("by_binary")).as("rerun with -Dlicensekit.seed=" + seed).containsExactlyElementsOf(read("by_text"));
    }
  }

  @Test
  void instantsBetweenTwoMicrosecondsRoundAsPostgresReadsTheirText() throws Exception {
    Instant second = Instant.parse("2026-11-30T23:59:59Z");
    List<Object[]> rows = new ArrayList<>();
    long n = 1_000_000;
    for (int nanos : new int[] {500, 1_500, 2_500, 999_999_500, 999_999_999, 1, 499, 501, 123_456_500, 654_321_500}) {
      for (Instant at : List.of(second.plusNanos(nanos), Instant.parse("1969-12-31T23:59:59Z").plusNanos(nanos),
          Instant.parse("1999-12-31T23:59:59Z").plusNanos(nanos))) {
        rows.add(new Object[] {n++, null, null, null, null, null, null, null, at, null, null});
      }
    }
    List<CopyBinary.Kind> kinds;
    try (Connection c = DATABASE.raw().getConnection()) {
      kinds = CopyBinary.kinds(c, "by_binary", NAMES).orElseThrow();
    }
    CopyBinary.Encoded binary = CopyBinary.encode(rows, kinds).orElseThrow();
    copy("COPY by_text (" + COLUMNS + ") FROM STDIN", BulkInsert.copyText(rows), -1);
    copy("COPY by_binary (" + COLUMNS + ") FROM STDIN (FORMAT binary)", binary.bytes(), binary.length());
    List<String> text = read("by_text");
    assertThat(read("by_binary")).containsExactlyElementsOf(text);
    // the rounding was exercised: .0000005 is read as .000000 and .0000025 as .000002 (a tie goes to even, and the
    // doubles PostgreSQL reads them as fall on or below the tie)
    assertThat(text).anyMatch(row -> row.contains("2026-11-30 23:59:59+00")).anyMatch(row -> row.contains("23:59:59.000002+00"));
  }

  @Test
  void aValueThatDoesNotFitItsColumnIsNotEncoded() {
    List<CopyBinary.Kind> kinds = List.of(CopyBinary.Kind.INT8, CopyBinary.Kind.INT2, CopyBinary.Kind.INT4,
        CopyBinary.Kind.BOOLEAN, CopyBinary.Kind.TIMESTAMPTZ, CopyBinary.Kind.DATE, CopyBinary.Kind.BYTEA);
    Object[] fits = {1L, (short) 2, 3, true, Instant.EPOCH, LocalDate.EPOCH, new byte[] {1, 2}};
    assertThat(CopyBinary.encode(List.<Object[]>of(fits), kinds)).isPresent();
    List<Object[]> unfit = List.of(
        new Object[] {"1", (short) 2, 3, true, Instant.EPOCH, LocalDate.EPOCH, new byte[0]},
        new Object[] {1L, 40_000, 3, true, Instant.EPOCH, LocalDate.EPOCH, new byte[0]},
        new Object[] {1L, (short) 2, 3.0, true, Instant.EPOCH, LocalDate.EPOCH, new byte[0]},
        new Object[] {1L, (short) 2, Long.MAX_VALUE, true, Instant.EPOCH, LocalDate.EPOCH, new byte[0]},
        new Object[] {1L, (short) 2, 3, "t", Instant.EPOCH, LocalDate.EPOCH, new byte[0]},
        new Object[] {1L, (short) 2, 3, true, "2026-11-30T00:00:00Z", LocalDate.EPOCH, new byte[0]},
        new Object[] {1L, (short) 2, 3, true, Instant.MAX, LocalDate.EPOCH, new byte[0]},
        new Object[] {1L, (short) 2, 3, true, Instant.EPOCH, Instant.EPOCH, new byte[0]},
        new Object[] {1L, (short) 2, 3, true, Instant.EPOCH, LocalDate.EPOCH, "0102"});
    for (Object[] row : unfit) {
      assertThat(CopyBinary.encode(List.<Object[]>of(fits, row), kinds)).as(java.util.Arrays.toString(row)).isEmpty();
    }
    assertThatThrownBy(() -> CopyBinary.encode(List.<Object[]>of(new Object[] {1L}), kinds))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 values for 7 columns");
  }

  @Test
  void aTableWithAColumnOfAnotherTypeOrNoSuchTableIsNotWrittenInBinary() throws Exception {
    try (Connection c = DATABASE.raw().getConnection()) {
      assertThat(CopyBinary.kinds(c, "with_json", List.of("n", "j"))).isEmpty();
      assertThat(CopyBinary.kinds(c, "with_json", List.of("n"))).contains(List.of(CopyBinary.Kind.INT8));
      assertThat(CopyBinary.kinds(c, "by_binary", List.of("n", "missing"))).isEmpty();
      assertThat(CopyBinary.kinds(c, "no_such_table", List.of("n"))).isEmpty();
    }
    assertThat(CopyBinary.kinds(Map.of("a", "varchar", "b", "numeric"), List.of("a", "b"))).isEmpty();
    assertThat(CopyBinary.kinds(Map.of("a", "varchar", "b", "bpchar"), List.of("b", "a")))
        .contains(List.of(CopyBinary.Kind.TEXT, CopyBinary.Kind.TEXT));
  }

  private static Object[] row(Random random, long n) {
    return new Object[] {n, maybe(random, () -> text(random)), maybe(random, () -> random.nextBoolean()
        ? ClaimStatus.values()[random.nextInt(ClaimStatus.values().length)] : (Object) random.nextBoolean()),
        maybe(random, () -> random.nextBoolean() ? "abc" : "é€x"),
        maybe(random, random::nextBoolean),
        maybe(random, () -> (short) (random.nextBoolean() ? Short.MIN_VALUE + random.nextInt(3) : Short.MAX_VALUE - random.nextInt(3))),
        maybe(random, () -> random.nextBoolean() ? random.nextInt() : (Object) (long) (random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE)),
        maybe(random, () -> random.nextBoolean() ? random.nextLong() : (Object) (random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE)),
        maybe(random, () -> instant(random)),
        maybe(random, () -> LocalDate.ofEpochDay(random.nextInt(200_000) - 100_000)),
        maybe(random, () -> bytes(random))};
  }

  /** Bytes as an audit hash is (32), none, or a few of any value: every byte from 0 to 255 may appear, tab and backslash too. */
  private static byte[] bytes(Random random) {
    byte[] bytes = new byte[switch (random.nextInt(3)) {
      case 0 -> 32;
      case 1 -> 0;
      default -> random.nextInt(70);
    }];
    random.nextBytes(bytes);
    return bytes;
  }

  private static Object instant(Random random) {
    Instant at = Instant.parse("1990-01-01T00:00:00Z").plusSeconds(random.nextInt(1_500_000_000));
    int nanos = switch (random.nextInt(4)) {
      case 0 -> 0;
      case 1 -> random.nextInt(1_000_000) * 1_000;
      case 2 -> random.nextInt(1_000_000) * 1_000 + 500;
      default -> random.nextInt(1_000_000_000);
    };
    at = at.plusNanos(nanos);
    return random.nextInt(4) == 0 ? OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(random.nextInt(25) - 12)) : at;
  }

  /** The value, or an absent one (null, an empty Optional), or the value in an Optional. */
  private static Object maybe(Random random, java.util.function.Supplier<Object> value) {
    return switch (random.nextInt(6)) {
      case 0 -> null;
      case 1 -> Optional.empty();
      case 2 -> Optional.of(value.get());
      default -> value.get();
    };
  }

  /** Text that may begin with COPY's text form of an absent value, which binary must keep as text. */
  private static String text(Random random) {
    return (random.nextInt(8) == 0 ? "\\N" : "") + CopyTestTexts.random(random, "N.");
  }

  private static void copy(String statement, byte[] data, int length) throws Exception {
    try (Connection c = DATABASE.raw().getConnection()) {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn(statement,
          new ByteArrayInputStream(data, 0, length < 0 ? data.length : length));
    }
  }

  /** Every row of the table as PostgreSQL prints it, in order. */
  private static List<String> read(String table) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DATABASE.raw().getConnection(); Statement statement = c.createStatement()) {
      statement.execute("SET TIME ZONE 'UTC'");
      try (ResultSet result = statement.executeQuery("SELECT CAST(x AS TEXT) FROM " + table + " x ORDER BY n")) {
        while (result.next()) {
          rows.add(result.getString(1));
        }
      }
    }
    return rows;
  }
}
