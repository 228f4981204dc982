package org.licensekit.core.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.InvalidInputException;

/**
 * How long the outbox keeps messages it is done with, for {@link Outbox#purge}: a delivered message
 * is deleted once it was delivered longer than {@code delivered} ago. Dead letters wait for an
 * administrator ({@link Outbox#retry} or {@link Outbox#discard}); only with a {@code deadLetters}
 * retention are dead and discarded messages deleted too, once created longer than that ago. Pending
 * messages are never purged.
 *
 * @param delivered how long a delivered message is kept after its delivery, positive
 * @param deadLetters how long a dead or discarded message is kept after it was written; empty: kept
 *     until deleted by hand; when present, at least {@code delivered}
 */
public record OutboxRetention(Duration delivered, Optional<Duration> deadLetters) {

  /**
   * A retention.
   *
   * @throws InvalidInputException naming {@code delivered} or {@code deadLetters} when it is not positive,
   *     or {@code deadLetters} when it is shorter than {@code delivered}
   */
  public OutboxRetention {
    if (delivered == null || delivered.isZero() || delivered.isNegative()) {
      throw InvalidInputException.of("delivered", "must be positive (was " + delivered + ")");
    }
    Objects.requireNonNull(deadLetters, "deadLetters");
    if (deadLetters.isPresent()) {
      Duration dead = deadLetters.get();
      if (dead.isZero() || dead.isNegative()) {
        throw InvalidInputException.of("deadLetters", "must be positive (was " + dead + ")");
      }
      if (dead.compareTo(delivered) < 0) {
        throw InvalidInputException.of("deadLetters", "must be at least the delivered retention (" + delivered + "), was " + dead);
      }
    }
  }

  /** Delivered messages kept 30 days; dead letters kept until an administrator acts. */
  public static OutboxRetention defaults() {
    return deliveredFor(Duration.ofDays(30));
  }

  /**
   * Delivered messages kept for {@code delivered}; dead letters kept until an administrator acts.
   *
   * @throws InvalidInputException naming {@code delivered} when it is not positive
   */
  public static OutboxRetention deliveredFor(Duration delivered) {
    return new OutboxRetention(delivered, Optional.empty());
  }

  /**
   * This retention, with dead and discarded messages deleted once older than {@code deadLetters}.
   *
   * @throws InvalidInputException naming {@code deadLetters} when it is not positive or shorter than {@code delivered}
   */
  public OutboxRetention withDeadLetters(Duration deadLetters) {
    return new OutboxRetention(delivered, Optional.of(Objects.requireNonNull(deadLetters, "deadLetters")));
  }
}
