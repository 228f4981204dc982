package org.licensekit.examples.lms;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The clock LicenseKit reads: the system clock, except while the seeder replays months of history,
 * when it is set to each past instant in turn, for every thread or for one replaying thread. Only
 * the seeder sets it, before the web server accepts requests.
 */
public final class DemoClock extends Clock {

  private final Clock system;
  private volatile Optional<Instant> fixed = Optional.empty();
  private final ThreadLocal<Instant> thisThread = new ThreadLocal<>();

  DemoClock(Clock system) {
    this.system = system;
  }

  /** A clock on the system's UTC time. */
  public static DemoClock systemUtc() {
    return new DemoClock(Clock.systemUTC());
  }

  /** Sets the time every later read returns, until {@link #resume()}. */
  void travelTo(Instant instant) {
    fixed = Optional.of(instant);
  }

  /** Returns to the system clock. */
  void resume() {
    fixed = Optional.empty();
  }

  /** Sets the time the calling thread reads, until {@link #resumeThisThread()}; other threads are not affected. */
  void travelThisThreadTo(Instant instant) {
    thisThread.set(instant);
  }

  /** The calling thread reads the shared time again. */
  void resumeThisThread() {
    thisThread.remove();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock's instants seen in {@code zone}: the same travels, another zone for local dates. */
  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(getZone())) {
      return this;
    }
    DemoClock source = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return source.withZone(other);
      }

      @Override
      public Instant instant() {
        return source.instant();
      }
    };
  }

  @Override
  public Instant instant() {
    Instant mine = thisThread.get();
    return mine != null ? mine : fixed.orElseGet(system::instant);
  }
}
