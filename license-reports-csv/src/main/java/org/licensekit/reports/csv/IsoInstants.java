package org.licensekit.reports.csv;

import java.time.Instant;

/**
 * Appends an instant exactly as {@link Instant#toString()} writes it, without the formatter's
 * allocations: {@code yyyy-MM-ddTHH:mm:ss}, then the fraction in groups of three digits as long as
 * needed (none, milli, micro or nanoseconds), then {@code Z}. Only years 0000 to 9999 are written
 * here; an instant outside them goes through {@link Instant#toString()}.
 */
final class IsoInstants {

  private static final long FIRST = -62_167_219_200L; // 0000-01-01T00:00:00Z
  private static final long AFTER_LAST = 253_402_300_800L; // 10000-01-01T00:00:00Z
  private static final long SECONDS_PER_DAY = 86_400L;

  private IsoInstants() {}

  /** Whether {@link #append} writes {@code instant} itself (its year is 0000 to 9999). */
  static boolean inFourDigitYears(Instant instant) {
    long seconds = instant.getEpochSecond();
    return seconds >= FIRST && seconds < AFTER_LAST;
  }

  /** Appends {@code instant} as {@link Instant#toString()} would, which must be in four-digit years. */
  static void append(StringBuilder out, Instant instant) {
    long seconds = instant.getEpochSecond();
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    // civil date from days since 1970-01-01 (proleptic Gregorian), by 400-year eras
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    four(out, year);
    out.append('-');
    two(out, month);
    out.append('-');
    two(out, day);
    out.append('T');
    two(out, secondOfDay / 3_600);
    out.append(':');
    two(out, secondOfDay / 60 % 60);
    out.append(':');
    two(out, secondOfDay % 60);
    int nanos = instant.getNano();
    if (nanos > 0) {
      out.append('.');
      if (nanos % 1_000_000 == 0) {
        three(out, nanos / 1_000_000);
      } else if (nanos % 1_000 == 0) {
        int micros = nanos / 1_000;
        three(out, micros / 1_000);
        three(out, micros % 1_000);
      } else {
        three(out, nanos / 1_000_000);
        three(out, nanos / 1_000 % 1_000);
        three(out, nanos % 1_000);
      }
    }
    out.append('Z');
  }

  // Fixed widths with constant divisors, which the compiler turns into multiplications: the
  // loop over a computed divisor these replace (two divisions a digit) took a fifth of the exporting thread's samples.
  private static void two(StringBuilder out, int value) {
    out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private static void three(StringBuilder out, int value) {
    out.append((char) ('0' + value / 100)).append((char) ('0' + value / 10 % 10)).append((char) ('0' + value % 10));
  }

  private static void four(StringBuilder out, int value) {
    two(out, value / 100);
    two(out, value % 100);
  }
}
