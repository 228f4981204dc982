package org.licensekit.core.internal.bulk;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A grant's chunks in one transaction (all or nothing, a preview), each chunk decided on a worker
 * thread while the transaction's thread writes the chunk before it, so that the application's and
 * the database's work overlap inside the one transaction: chunk N+1's users are read (on the
 * transaction's connection), then decided on the worker — who holds what, which pool gives each
 * seat, the audit entries and events — while chunk N's role rows, claims, seats and audit entries
 * are written; then chunk N+1 is written while chunk N+2 is decided. The worker never uses the
 * store: {@link ChunkGrant#readAhead} read the users, {@link ChunkSeats#readAhead} the pools.
 *
 * <p>The outcomes, what is written and the audit trail's order are those of the chunks applied one
 * after the other ({@link ChunkGrant#apply}):
 *
 * <ul>
 *   <li>chunk N's writes change only its own users' rows and the pools' seats; chunk N+1 is read
 *       before them, which is the same for its users (disjoint from chunk N's), and counts the
 *       pools as chunk N leaves them ({@link ChunkSeats#carried}). A seat another transaction
 *       takes meanwhile fails the seat change, and the run, as it does one chunk after the other;
 *   <li>whatever would write while deciding — a user waits or would wait for a seat (served or
 *       queued) — is not decided ahead: the chunk before is written first and the chunk is applied
 *       as one after the other would ({@link ChunkGrant#apply});
 *   <li>each chunk's audit entries and events are recorded aside and adopted into the transaction's
 *       unit of work after the chunk before them was written and told, so the chain holds them in
 *       chunk order, and {@code done} hears each chunk once written, in order.
 * </ul>
 *
 * <p>A failure on either thread ends the run with it (the transaction rolls back whole); the worker
 * is waited for first, so nothing of the run runs after it.
 */
final class OverlappedDecisions implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OverlappedDecisions.class);

  private final ChunkGrant grant;
  private final RunScope scope;
  private final UnitOfWork changes;
  private final String reason;
  private final SeatTally tally;
  private final Consumer<List<UserOutcome>> done;
  private final ExecutorService worker = OverlappedChunks.workers(1);
  /** The chunk decided and not yet written; null when none. */
  private DecidedGrant pending;
  private long ahead;
  private long alone;

  /**
   * @param done hears each chunk's outcomes once it is written (its audit entries adopted into
   *     {@code changes}), in chunk order, on the calling thread
   */
  OverlappedDecisions(ChunkGrant grant, RunScope scope, UnitOfWork changes, String reason, SeatTally tally,
      Consumer<List<UserOutcome>> done) {
    this.grant = grant;
    this.scope = scope;
    this.changes = changes;
    this.reason = reason;
    this.tally = tally;
    this.done = done;
  }

  /**
   * Reads the page's users (locking and reading their accounts unless {@code held}: the run holds
   * them already, and these are their statuses), decides them beside the writes of the chunk
   * before, and keeps them to write.
   */
  void accept(List<UserId> page, Optional<Map<UserId, AccountStatus>> held) {
    Optional<ChunkGrant.Read> read = grant.readAhead(page, held);
    if (read.isEmpty()) {
      inOrder(page);
      return;
    }
    ChunkSeats seats = (pending == null ? new ChunkSeats(scope) : pending.seatsAfter()).readAhead(grant.products());
    UnitOfWork aside = changes.aside();
    Optional<DecidedGrant> decided;
    if (pending == null) {
      decided = grant.decideAhead(read.get(), seats, aside, reason); // nothing to write beside it
    } else {
      Future<Optional<DecidedGrant>> deciding = worker.submit(() -> grant.decideAhead(read.get(), seats, aside, reason));
      try {
        writePending();
      } catch (RuntimeException | Error failure) {
        settleQuietly(deciding);
        throw failure;
      }
      decided = OverlappedChunks.resultOf(deciding);
    }
    if (decided.isEmpty()) {
      inOrder(page);
      return;
    }
    ahead++;
    pending = decided.get();
  }

  /** Writes the last chunk decided. */
  void finish() {
    writePending();
    LOG.debug("one-transaction grant: {} chunks decided ahead, {} applied in order", ahead, alone);
  }

  /** Applies the page after the chunk before it is written, as chunks one after the other do. */
  private void inOrder(List<UserId> page) {
    writePending();
    alone++;
    done.accept(grant.apply(changes, page, reason, tally));
  }

  private void writePending() {
    if (pending != null) {
      DecidedGrant chunk = pending;
      pending = null;
      done.accept(chunk.write(changes, tally));
    }
  }

  private static void settleQuietly(Future<?> task) {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException ignored) {
      // the run fails with the writer's failure; the decision no longer matters
    }
  }

  @Override
  public void close() {
    worker.shutdown();
    try {
      while (!worker.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("still waiting for a bulk chunk's decisions");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
