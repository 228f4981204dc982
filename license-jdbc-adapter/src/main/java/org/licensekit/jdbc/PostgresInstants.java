package org.licensekit.jdbc;

import java.time.Instant;
import java.util.Optional;

/** PostgreSQL's binary {@code timestamptz}: microseconds since 2000-01-01T00:00:00Z, 8 bytes, big-endian. */
final class PostgresInstants {

  /** 2000-01-01T00:00:00Z in seconds since the epoch. */
  private static final long EPOCH_2000 = 946_684_800L;
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private PostgresInstants() {}

  /**
   * The instant of a binary {@code timestamptz}; empty when {@code bytes} is not one (not 8 bytes:
   * the text form) or holds {@code infinity} or {@code -infinity}, which the driver maps to values
   * of its own.
   */
  static Optional<Instant> fromBinary(byte[] bytes) {
    if (bytes.length != Long.BYTES) {
      return Optional.empty();
    }
    long micros = 0;
    for (byte b : bytes) {
      micros = micros << 8 | (b & 0xFF);
    }
    if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(EPOCH_2000 + Math.floorDiv(micros, MICROS_PER_SECOND),
        Math.floorMod(micros, MICROS_PER_SECOND) * 1_000L));
  }
}
