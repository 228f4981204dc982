package org.licensekit.core.internal.bulk;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.internal.bulk.OverlappedChunks.Settled;

/** A chunk {@link OverlappedChunks} started beside the one before it. */
final class InFlightChunk<T> {
  final List<T> page;
  final ChunkTurn turn;
  private final OverlappedChunks<?> owner;
  private final Object monitor;
  private final CompletableFuture<Boolean> applied = new CompletableFuture<>();
  Future<Optional<Settled>> future;
  volatile List<OutboxMessage> messages = List.of();
  /** When the committed attempt started, decided its users and committed (nanoTime, on the chunk's thread). */
  volatile long startedAt;
  volatile long appliedAt;
  volatile long committedAt;
  /** Guarded by the run's monitor. */
  private boolean settled;
  private boolean lost;

  InFlightChunk(OverlappedChunks<?> owner, List<T> page, InFlightChunk<T> predecessor) {
    this.owner = owner;
    this.monitor = owner.monitor;
    this.page = page;
    this.turn = new ChunkTurn(predecessor);
  }

  /** The chunk decided its users; {@code quiet} when the next one may start before it commits. */
  void applied(boolean quiet) {
    applied.complete(quiet);
  }

  boolean awaitApplied() {
    return applied.join();
  }

  /** Nothing this chunk did beside the next one may be built upon: the next one loses its turn. */
  void lose() {
    synchronized (monitor) {
      lost = true;
      monitor.notifyAll();
    }
  }

  /** Whether nothing this chunk did beside the next one may be built upon. */
  boolean lost() {
    synchronized (monitor) {
      return lost;
    }
  }

  /** The chunk was told (or, the run ending, will never be): the chunk after it may take its turn. */
  void markSettled() {
    synchronized (monitor) {
      settled = true;
      monitor.notifyAll();
    }
  }

  /**
   * Waits until this chunk is settled; throws {@link ChunkTurn.Lost} when it did not commit its
   * first attempt, or the run stopped.
   */
  void awaitSettled() {
    synchronized (monitor) {
      while (!settled && !lost && !stopped()) {
        try {
          monitor.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ChunkTurn.Lost();
        }
      }
      if (lost || !settled) {
        throw new ChunkTurn.Lost();
      }
    }
  }

  private boolean stopped() {
    return owner.stopped;
  }

  /** The chunk's result once its thread is done: empty when it must run again on its own. */
  Optional<Settled> result() {
    return OverlappedChunks.resultOf(future);
  }
}
