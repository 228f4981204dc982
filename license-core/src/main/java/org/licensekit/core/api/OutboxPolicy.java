package org.licensekit.core.api;

import java.time.Duration;
import org.licensekit.core.InvalidInputException;

/**
 * How the outbox retries a message that failed: attempt {@code n} failing makes it due again after
 * {@code firstBackoff × 2^(n-1)}, at most {@code maxBackoff}; the {@code maxAttempts}-th failure
 * makes it a dead letter. A deliverer holds a message for {@code lease}: if its instance stops
 * before marking the message, another may deliver it once the lease ran out.
 *
 * @param maxAttempts attempts before a message is a dead letter, at least 1
 * @param firstBackoff the wait after the first failure, positive
 * @param maxBackoff the longest wait, at least {@code firstBackoff}
 * @param lease how long a deliverer holds a message, positive
 */
public record OutboxPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration lease) {

  /**
   * A policy.
   *
   * @throws InvalidInputException naming the field when a value is out of range
   */
  public OutboxPolicy {
    if (maxAttempts < 1) {
      throw InvalidInputException.of("maxAttempts", "must be at least 1 (was " + maxAttempts + ")");
    }
    requirePositive("firstBackoff", firstBackoff);
    requirePositive("maxBackoff", maxBackoff);
    requirePositive("lease", lease);
    if (maxBackoff.compareTo(firstBackoff) < 0) {
      throw InvalidInputException.of("maxBackoff", "must be at least firstBackoff (" + firstBackoff + ")");
    }
  }

  /** Eight attempts, 30 seconds after the first failure doubling to at most 6 hours, a 2-minute lease. */
  public static OutboxPolicy defaults() {
    return new OutboxPolicy(8, Duration.ofSeconds(30), Duration.ofHours(6), Duration.ofMinutes(2));
  }

  /**
   * The wait after failed attempt {@code attempt}.
   *
   * @param attempt the number of the attempt that failed, from 1
   * @return the backoff
   */
  public Duration backoff(int attempt) {
    Duration wait = firstBackoff;
    for (int i = 1; i < attempt; i++) {
      if (wait.compareTo(maxBackoff.dividedBy(2)) >= 0) {
        return maxBackoff;
      }
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  private static void requirePositive(String field, Duration value) {
    if (value == null) {
      throw InvalidInputException.of(field, "must be set");
    }
    if (value.isZero() || value.isNegative()) {
      throw InvalidInputException.of(field, "must be positive (was " + value + ")");
    }
  }
}
