package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.ClaimStatus;

/**
 * The text a bulk chunk's {@code COPY} sends is exactly the plain encoding of every value — its
 * {@link BulkInsert#text} with each backslash, tab, newline and carriage return escaped, {@code \N}
 * for NULL — however the encoder takes its shortcuts: checked on seeded random rows of every kind
 * of value the stores write (strings with and without characters to escape, text beyond Latin-1,
 * empty and nested {@link Optional}s, instants repeated across rows and not, numbers, booleans,
 * enums, dates).
 */
class BulkInsertCopyTextTest {

  @Test
  void copyTextIsThePlainEscapedTextOfEveryValueOnSeededRandomRows() {
    long base = Long.getLong("licensekit.seed", new Random().nextLong());
    for (int round = 0; round < 200; round++) {
      long seed = base + round;
      List<Object[]> rows = randomRows(new Random(seed));
      assertThat(new String(BulkInsert.copyText(rows), StandardCharsets.UTF_8))
          .as("rerun with -Dlicensekit.seed=" + seed)
          .isEqualTo(plainText(rows));
    }
  }

  @Test
  void specialCharactersAreEscapedAndNullsWritten() {
    List<Object[]> rows = List.of(
        new Object[] {"a\\b", "tab\there", "line\nnext", "cr\rend", Optional.empty(), null},
        new Object[] {"plain", Optional.of(Optional.of("x\ty")), 42L, 7, true, ClaimStatus.PENDING});

    assertThat(new String(BulkInsert.copyText(rows), StandardCharsets.UTF_8))
        .isEqualTo("a\\\\b\ttab\\there\tline\\nnext\tcr\\rend\t\\N\t\\N\nplain\tx\\ty\t42\t7\tt\tPENDING\n");
  }

  @Test
  void noRowsIsNoText() {
    assertThat(BulkInsert.copyText(List.of())).isEmpty();
  }

  /** The encoding as first written: each value through {@link BulkInsert#text}, escaped a character at a time. */
  private static String plainText(List<Object[]> rows) {
    StringBuilder out = new StringBuilder();
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        if (i > 0) {
          out.append('\t');
        }
        String value = BulkInsert.text(row[i]);
        if (value == null) {
          out.append("\\N");
          continue;
        }
        for (char ch : value.toCharArray()) {
          switch (ch) {
            case '\\' -> out.append("\\\\");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            default -> out.append(ch);
          }
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static List<Object[]> randomRows(Random random) {
    int count = random.nextInt(12);
    int width = 1 + random.nextInt(8);
    Instant shared = Instant.parse("2026-09-01T08:00:00Z").plusMillis(random.nextInt(1_000_000));
    List<Object[]> rows = new ArrayList<>();
    for (int r = 0; r < count; r++) {
      Object[] row = new Object[width];
      for (int i = 0; i < width; i++) {
        row[i] = value(random, shared);
      }
      rows.add(row);
    }
    return rows;
  }

  private static Object value(Random random, Instant shared) {
    return switch (random.nextInt(12)) {
      case 0 -> null;
      case 1 -> Optional.empty();
      case 2 -> Optional.of(text(random));
      case 3 -> Optional.of(Optional.of(shared));
      case 4 -> shared;
      case 5 -> shared.plusNanos(random.nextInt(1_000_000_000)).plusSeconds(random.nextInt(3) - 1);
      case 6 -> random.nextLong();
      case 7 -> random.nextInt();
      case 8 -> random.nextBoolean();
      case 9 -> ClaimStatus.values()[random.nextInt(ClaimStatus.values().length)];
      case 10 -> random.nextBoolean() ? LocalDate.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28))
          : OffsetDateTime.ofInstant(shared, ZoneOffset.UTC);
      default -> text(random);
    };
  }

  private static String text(Random random) {
    return CopyTestTexts.random(random, "");
  }
}
