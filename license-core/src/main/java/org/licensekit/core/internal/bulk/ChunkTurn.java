package org.licensekit.core.internal.bulk;

/**
 * A chunk's place in line when best-effort chunks overlap ({@link OverlappedChunks}): the chunk may
 * read, decide and write the rows only its own users own (accounts it registers, memberships, role
 * rows) while the chunk before it finishes, but it waits for its turn — the chunk before it
 * committed and its outcomes told — before anything the two could share: a seat (a claim's insert
 * updates its pool's counters, a seat take its row), the waitlist, the audit chain. A chunk whose
 * predecessor did not commit its first attempt loses its turn ({@link Lost}): its transaction is
 * rolled back and the chunk is run again on its own, after the predecessor, so every outcome is the
 * one the chunks give one after the other.
 *
 * <p>A chunk run on its own has the turn {@link #alone()}, which never waits.
 */
final class ChunkTurn {

  /** Thrown from {@link #await()} when the chunk lost its turn: nothing it did may commit. */
  static final class Lost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Lost() {
      super("the bulk chunk before this one did not commit its first attempt", null, false, false);
    }
  }

  private static final ChunkTurn ALONE = new ChunkTurn(null);

  /** The chunk before, while it may still be running; null when the chunk runs alone. */
  private final InFlightChunk<?> predecessor;
  private volatile boolean taken;
  private volatile boolean exclusive;
  /** When the chunk first asked for its turn, and how long it waited for it (nanoTime; 0 until asked). */
  private volatile long askedAt;
  private volatile long waited;

  ChunkTurn(InFlightChunk<?> predecessor) {
    this.predecessor = predecessor;
  }

  /** The turn of a chunk nothing runs beside. */
  static ChunkTurn alone() {
    return ALONE;
  }

  /**
   * Waits until the chunk before this one committed and its outcomes were told; at once when that
   * happened already or the chunk runs alone.
   *
   * @throws Lost when the chunk before did not commit its first attempt, or the run was stopped
   */
  void await() {
    if (predecessor == null || taken) {
      return;
    }
    long asked = System.nanoTime();
    askedAt = asked;
    predecessor.awaitSettled();
    waited = System.nanoTime() - asked;
    taken = true;
  }

  /** When the chunk first asked for its turn (nanoTime), 0 when it never waited for one. */
  long askedAt() {
    return askedAt;
  }

  /** How long the chunk waited for its turn, in nanoseconds. */
  long waited() {
    return waited;
  }

  /**
   * Says the chunk did something the next chunk must see committed before it even reads (it served
   * or joined a waitlist, or went one user at a time): the next chunk then starts only after this
   * one is settled.
   */
  void exclusive() {
    if (this != ALONE) {
      exclusive = true;
    }
  }

  /** Whether the next chunk may start before this one commits. */
  boolean quiet() {
    return !exclusive;
  }
}
