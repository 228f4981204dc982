package org.licensekit.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.InvalidInputException;

/**
 * How long a claimed license stays valid: until the pool's term ends, or a fixed duration after the
 * user claims it (never past the pool's term, which the access check enforces on its own). The
 * duration is positive and at most {@link InputBounds#MAX_VALIDITY} (100 years).
 */
public record Validity(Kind kind, Optional<Duration> duration) {

  /** The two validity rules. */
  public enum Kind {
    UNTIL_TERM_END,
    DURATION_AFTER_CLAIM
  }

  public Validity {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(duration, "duration");
    if (kind == Kind.DURATION_AFTER_CLAIM) {
      if (duration.isEmpty()) {
        throw InvalidInputException.of("validity.duration", "must be a positive duration");
      }
      InputBounds.requireDuration("validity.duration", duration.get(), InputBounds.MAX_VALIDITY);
    }
    if (kind == Kind.UNTIL_TERM_END && duration.isPresent()) {
      throw InvalidInputException.of("validity.duration", "must be empty when the validity is the pool term");
    }
  }

  public static Validity untilTermEnd() {
    return new Validity(Kind.UNTIL_TERM_END, Optional.empty());
  }

  public static Validity afterClaim(Duration duration) {
    return new Validity(Kind.DURATION_AFTER_CLAIM, Optional.of(duration));
  }

  /** When a license claimed at {@code claimedAt} from a pool with {@code term} expires. */
  public Instant expiryFor(Instant claimedAt, Term term) {
    return kind == Kind.UNTIL_TERM_END ? term.end() : claimedAt.plus(duration.orElseThrow());
  }
}
