package org.licensekit.core.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The host's clock with its instants truncated to the microsecond, the precision every supported
 * database stores. Unlike {@code Clock.tick(clock, 1 µs)} — whose {@code millis()} divides by zero
 * on JDK 17 — {@link #millis()} is the host clock's own, so a caller that needs only milliseconds
 * (the warm access check) reads the time without building an {@link Instant}.
 */
public final class MicrosecondClock extends Clock {

  private static final Class<? extends Clock> SYSTEM_CLOCK = Clock.systemUTC().getClass();

  private final Clock base;
  private final boolean systemTime;

  private MicrosecondClock(Clock base) {
    this.base = base;
    this.systemTime = base.getClass() == SYSTEM_CLOCK;
  }

  /**
   * The host clock at microsecond precision.
   *
   * @param base the host's clock
   * @return {@code base} truncated to the microsecond
   * @throws NullPointerException when {@code base} is null
   */
  public static MicrosecondClock of(Clock base) {
    Objects.requireNonNull(base, "base");
    return base instanceof MicrosecondClock micro ? micro : new MicrosecondClock(base);
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(base.getZone()) ? this : new MicrosecondClock(base.withZone(zone));
  }

  /**
   * Whether the host clock is the JDK's system clock ({@code Clock.systemUTC()}, {@code
   * Clock.systemDefaultZone()}, {@code Clock.system(zone)}), whose milliseconds are the system's
   * wall time: what the access-decision cache may measure elapsed time on.
   *
   * @return whether it reads the system's time
   */
  public boolean readsSystemTime() {
    return systemTime;
  }

  /** The host clock's milliseconds: truncating to the microsecond leaves them unchanged. */
  @Override
  public long millis() {
    return base.millis();
  }

  @Override
  public Instant instant() {
    Instant now = base.instant();
    int nanos = now.getNano();
    int truncated = nanos - nanos % 1_000;
    return truncated == nanos ? now : Instant.ofEpochSecond(now.getEpochSecond(), truncated);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MicrosecondClock that && base.equals(that.base);
  }

  @Override
  public int hashCode() {
    return base.hashCode() ^ 0x6d6963;
  }

  @Override
  public String toString() {
    return "MicrosecondClock[" + base + "]";
  }
}
