package org.licensekit.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One clock for several processes on one machine: it reads the system clock and runs {@code rate}
 * times faster from {@code origin}, where it shows {@code start}. Processes given the same three
 * values agree on the time (as far as the machine's clock does), and days pass in seconds, so claims
 * expire and leases run out during a short run.
 */
final class AcceleratedClock extends Clock {

  private final Instant origin;
  private final Instant start;
  private final long rate;

  AcceleratedClock(Instant origin, Instant start, long rate) {
    if (rate < 1) {
      throw new IllegalArgumentException("rate must be at least 1, was " + rate);
    }
    this.origin = origin;
    this.start = start;
    this.rate = rate;
  }

  @Override
  public Instant instant() {
    Duration real = Duration.between(origin, Instant.now());
    return start.plus(real.multipliedBy(rate));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** The same clock: instants do not depend on the zone, and LicenseKit works in UTC. */
  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
