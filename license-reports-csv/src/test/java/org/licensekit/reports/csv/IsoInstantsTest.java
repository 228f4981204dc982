package org.licensekit.reports.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The export's instant writer against {@link Instant#toString()}. */
class IsoInstantsTest {

  private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  @Test
  void writesWhatInstantToStringWrites() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    for (int i = 0; i < 200_000; i++) {
      long seconds = FIRST + Math.floorMod(random.nextLong(), LAST - FIRST + 1);
      int nanos = switch (random.nextInt(4)) {
        case 0 -> 0;
        case 1 -> random.nextInt(1_000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      assertWritten(Instant.ofEpochSecond(seconds, nanos), seed);
    }
  }

  @Test
  void writesTheEdgesOfItsRangeAndLeapDays() {
    for (String text : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59.999Z", "2000-02-29T12:00:00.000001Z", "1900-03-01T00:00:00Z", "2024-02-29T23:59:59Z",
        "0004-02-29T00:00:00.100Z")) {
      assertWritten(Instant.parse(text), 0);
    }
  }

  @Test
  void knowsWhichYearsItWrites() {
    assertThat(IsoInstants.inFourDigitYears(Instant.parse("0000-01-01T00:00:00Z"))).isTrue();
    assertThat(IsoInstants.inFourDigitYears(Instant.parse("9999-12-31T23:59:59.999999999Z"))).isTrue();
    assertThat(IsoInstants.inFourDigitYears(Instant.parse("0000-01-01T00:00:00Z").minusNanos(1))).isFalse();
    assertThat(IsoInstants.inFourDigitYears(Instant.parse("9999-12-31T23:59:59.999999999Z").plusNanos(1))).isFalse();
  }

  private static void assertWritten(Instant instant, long seed) {
    StringBuilder out = new StringBuilder();
    IsoInstants.append(out, instant);
    assertThat(out.toString()).as("%s (seed %d)", instant, seed).isEqualTo(instant.toString());
  }
}
