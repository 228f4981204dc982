package org.licensekit.core.internal.bulk;

import java.util.Locale;

/**
 * Where an overlapped run's time went ({@link OverlappedChunks} logs it at debug level when the run
 * ends), summed over its chunks that committed beside another: the work before a chunk asked for
 * its turn (what overlaps the chunk before), the wait for the turn, the work after it up to the
 * decided users, then the audit entries and the commit; and how long the calling thread waited for
 * a chunk's decisions and for its commit. Read on the calling thread only.
 */
final class OverlapTimes {
  long chunks;
  long alone;
  long beforeTurn;
  long turnWait;
  long afterTurn;
  long commit;
  long callerWaitedForDecisions;
  long callerWaitedForCommits;

  void add(InFlightChunk<?> chunk) {
    chunks++;
    long asked = chunk.turn.askedAt();
    long turnEnd = asked == 0 ? chunk.startedAt : asked + chunk.turn.waited();
    beforeTurn += (asked == 0 ? chunk.appliedAt : asked) - chunk.startedAt;
    turnWait += chunk.turn.waited();
    afterTurn += Math.max(0, chunk.appliedAt - turnEnd);
    commit += chunk.committedAt - chunk.appliedAt;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d chunks beside another, %d alone; per chunk (ms): before the turn %.1f, waiting"
        + " for it %.1f, after it %.1f, audit and commit %.1f; the caller waited %.1f for decisions, %.1f for commits",
        chunks, alone, perChunk(beforeTurn), perChunk(turnWait), perChunk(afterTurn), perChunk(commit),
        perChunk(callerWaitedForDecisions), perChunk(callerWaitedForCommits));
  }

  private double perChunk(long nanos) {
    return chunks == 0 ? 0 : nanos / 1e6 / chunks;
  }
}
