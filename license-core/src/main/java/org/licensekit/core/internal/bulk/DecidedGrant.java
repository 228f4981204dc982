package org.licensekit.core.internal.bulk;

import java.util.List;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.internal.UnitOfWork;

/**
 * A {@link ChunkGrant} chunk {@linkplain ChunkGrant#decideAhead decided ahead}: its outcomes, what
 * it writes, the seats it counted, the audit entries and events recorded aside, and its tally.
 */
final class DecidedGrant {
  private final List<UserOutcome> outcomes;
  private final GrantWrites writes;
  private final ChunkSeats seats;
  private final UnitOfWork recorded;
  private final SeatTally tally;

  DecidedGrant(List<UserOutcome> outcomes, GrantWrites writes, ChunkSeats seats, UnitOfWork recorded, SeatTally tally) {
    this.outcomes = outcomes;
    this.writes = writes;
    this.seats = seats;
    this.recorded = recorded;
    this.tally = tally;
  }

  /** The seats of the chunk after this one, counted as the store will hold them once this one is written. */
  ChunkSeats seatsAfter() {
    return seats.carried();
  }

  /**
   * Writes the chunk (role rows, claims, seats) on the transaction's thread, then adopts what it
   * recorded into {@code changes} and its tally into {@code runTally}; returns its outcomes.
   */
  List<UserOutcome> write(UnitOfWork changes, SeatTally runTally) {
    writes.write(changes, seats);
    changes.adopt(recorded);
    runTally.addAll(tally);
    return outcomes;
  }
}
