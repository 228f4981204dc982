package org.licensekit.core.domain;

import java.time.Instant;
import java.util.Objects;
import org.licensekit.core.InvalidInputException;

/**
 * A license pool's term: seats may be used from {@code start} (inclusive) until {@code end}
 * (exclusive), the expiration. Both lie between {@link InputBounds#EARLIEST} and
 * {@link InputBounds#LATEST}, the instants every supported database stores.
 */
public record Term(Instant start, Instant end) {

  public Term {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    InputBounds.requireStorable("term.start", start);
    InputBounds.requireStorable("term.end", end);
    if (!end.isAfter(start)) {
      throw InvalidInputException.of("term.end", "must be after term.start (" + start + ")");
    }
  }

  public static Term of(Instant start, Instant end) {
    return new Term(start, end);
  }

  /** Whether {@code instant} falls inside the term. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(start) && instant.isBefore(end);
  }

  /** Whether the term is over at {@code instant}. */
  public boolean endedAt(Instant instant) {
    return !instant.isBefore(end);
  }

  /** The same term ending at {@code newEnd}. */
  public Term withEnd(Instant newEnd) {
    return new Term(start, newEnd);
  }
}
