package org.licensekit.core.internal.bulk;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.licensekit.core.LicensingException;
import org.licensekit.core.StoreException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.internal.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Best-effort chunks two at a time, so that the database and the application work at once: while
 * one chunk appends its audit entries and commits, the next one (on a second thread and connection)
 * locks and reads its users, decides them and writes the rows only they own; it then waits for its
 * {@link ChunkTurn} — the chunk before committed and told — before it touches what the two could
 * share (seats, claims' pool counters, the waitlist, the audit chain). The outcomes, the audit
 * trail's order, the outbox messages and what the listener hears, in order, are those of the chunks
 * run one after the other:
 *
 * <ul>
 *   <li>a chunk's reads made before its turn are stale only by the chunk before it, which wrote
 *       nothing but its own users' rows and seats (else it is {@linkplain ChunkTurn#exclusive()
 *       exclusive} and the next chunk starts after it): seats counted on a stale pool are taken
 *       with the same conditional change, which fails (and the chunk is run again) exactly when the
 *       stale count chose differently;
 *   <li>a chunk whose predecessor did not commit its first attempt (retried, failed, itself late)
 *       is rolled back and run again on its own after it, as is a chunk that failed for any
 *       refusal of the store: that run is the one-after-the-other run, falling back to one user
 *       per transaction as it does;
 *   <li>nothing waits for the chunk that waits for its turn: the chunk before it only appends its
 *       audit entries and outbox messages and commits, and a retried attempt of it takes the turn
 *       away first.
 * </ul>
 *
 * <p>The notifications and events a chunk owes are delivered, and the listener hears its outcomes
 * and progress, on the calling thread, in chunk order. Every chunk in flight holds a connection,
 * so a run takes up to three at once (two chunks and the caller's page reads).
 *
 * @param <T> what one page holds
 */
final class OverlappedChunks<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OverlappedChunks.class);
  private static final AtomicInteger RUNS = new AtomicInteger();

  /** What a settled chunk gave: its outcomes and the seats it counted. */
  record Settled(List<UserOutcome> outcomes, SeatTally tally) {}

  /** Hears each chunk once settled, in order. */
  interface Told {
    void tell(Settled chunk);
  }

  /** Runs a chunk on its own (one transaction, or one per user when it fails), on the calling thread. */
  interface Alone<T> {
    Settled run(List<T> page);
  }

  private final Context context;
  private final BulkJob<T> job;
  private final Alone<T> alone;
  private final Told told;
  /** Runs the chunks in flight, so that one may wait for its turn while the one before it commits. */
  private final ExecutorService workers;
  /** Guards the chunks' settled and lost flags, and {@link #stopped}. */
  final Object monitor = new Object();
  volatile boolean stopped;
  private InFlightChunk<T> previous;
  /** Where the run's time went, summed over its chunks (logged at debug level when the run closes). */
  private final OverlapTimes times = new OverlapTimes();

  OverlappedChunks(Context context, BulkJob<T> job, Alone<T> alone, Told told) {
    this.context = context;
    this.job = job;
    this.alone = alone;
    this.told = told;
    this.workers = workers(2);
  }

  /** A bulk run's own worker threads (daemons, named after the run), {@code count} of them. */
  static ExecutorService workers(int count) {
    int run = RUNS.incrementAndGet();
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory named = work -> {
      Thread thread = new Thread(work, "licensekit-bulk-" + run + "-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    return Executors.newFixedThreadPool(count, named);
  }

  /** What a worker's task returned, or what it threw, thrown on the calling thread. */
  static <V> V resultOf(Future<V> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(ErrorCode.STORE_INTERRUPTED, "Interrupted while waiting for a bulk chunk's work", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * Starts the page's chunk beside the one before it, settles that one, and returns once the new
   * chunk has decided its users (or, when it must be seen committed first, once it is settled):
   * the next page may then be read.
   */
  void submit(List<T> page) {
    InFlightChunk<T> current = new InFlightChunk<>(this, page, previous);
    current.future = workers.submit(() -> overlapped(current));
    if (previous != null) {
      InFlightChunk<T> before = previous;
      previous = null; // settled here, or never told: close() must not tell it again
      settle(before, Optional.of(current));
    }
    long asked = System.nanoTime();
    boolean quiet = current.awaitApplied();
    times.callerWaitedForDecisions += System.nanoTime() - asked;
    if (quiet && !current.lost()) {
      previous = current;
    } else {
      // it must be seen committed before the next page is read, or it will run again on its own (so
      // will the chunk after it, which would have started beside an attempt that did not commit)
      previous = null;
      settle(current, Optional.empty());
    }
  }

  /** Settles the last chunk in flight. */
  void finish() {
    if (previous != null) {
      InFlightChunk<T> last = previous;
      previous = null;
      settle(last, Optional.empty());
    }
  }

  /**
   * Stops the chunks still in flight from taking their turn (a chunk that took it commits) and
   * waits for their threads to end. A run that ends by an exception (a page that could not be read,
   * its key's lease lost) before the last chunk in flight was settled has that chunk told first,
   * when it committed ({@link #tellIfCommitted}): the listener hears of every committed chunk
   * before the exception reaches the caller.
   */
  @Override
  public void close() {
    try {
      if (previous != null) {
        InFlightChunk<T> last = previous;
        previous = null;
        tellIfCommitted(last);
      }
    } finally {
      stop();
    }
  }

  private void stop() {
    synchronized (monitor) {
      stopped = true;
      monitor.notifyAll();
    }
    workers.shutdown();
    LOG.debug("overlapped bulk run: {}", times);
    try {
      while (!workers.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
        LOG.warn("still waiting for a bulk chunk's transaction to end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One attempt at the chunk beside the one before it, on a worker; empty when it must run again on its own. */
  private Optional<Settled> overlapped(InFlightChunk<T> chunk) {
    int[] attempts = {0};
    SeatTally[] tally = new SeatTally[1];
    try {
      Context.Undelivered<List<UserOutcome>> done = context.runUndelivered(changes -> {
        chunk.startedAt = System.nanoTime();
        if (++attempts[0] > 1) {
          // the store runs the chunk again: the next chunk read beside an attempt that did not commit
          chunk.lose();
        }
        tally[0] = new SeatTally();
        changes.dispatchInBatches();
        RunScope scope = new RunScope(context.store(), context.tenant(), chunk.turn);
        List<UserOutcome> outcomes = job.applyPage(scope, changes, chunk.page, tally[0]);
        chunk.appliedAt = System.nanoTime();
        chunk.applied(chunk.turn.quiet() && attempts[0] == 1);
        chunk.turn.await(); // the audit entries and outbox messages follow the chunk before's
        return outcomes;
      });
      chunk.messages = done.messages();
      chunk.committedAt = System.nanoTime();
      return Optional.of(new Settled(done.value(), tally[0]));
    } catch (ChunkTurn.Lost | LicensingException notCommitted) {
      chunk.lose();
      LOG.debug("a bulk chunk of {} did not commit beside the one before it ({}); it runs again on its own", chunk.page.size(),
          notCommitted.getMessage());
      return Optional.empty();
    } catch (RuntimeException | Error failure) {
      chunk.lose();
      throw failure;
    } finally {
      chunk.applied(false);
    }
  }

  /**
   * Waits for the chunk, runs it again on its own when it did not commit (after {@code next}, the
   * chunk started beside it, has ended: it cannot commit then), delivers its messages, tells it,
   * and opens the next turn.
   */
  private void settle(InFlightChunk<T> chunk, Optional<InFlightChunk<T>> next) {
    long asked = System.nanoTime();
    Optional<Settled> result = chunk.result();
    times.callerWaitedForCommits += System.nanoTime() - asked;
    Settled settled;
    if (result.isPresent()) {
      times.add(chunk);
      context.deliver(chunk.messages);
      settled = result.get();
    } else {
      next.ifPresent(InFlightChunk::result);
      times.alone++;
      settled = alone.run(chunk.page);
    }
    told.tell(settled);
    chunk.markSettled();
  }

  /**
   * Waits for a chunk started when the run failed and, when it committed, delivers its messages and
   * tells it, as {@link #settle} would; one that did not commit is not run again (the run is ending).
   * Its turn is open (the chunk before it was settled), so it waits for nothing but its own commit.
   */
  private void tellIfCommitted(InFlightChunk<T> chunk) {
    Optional<Settled> result = chunk.result();
    if (result.isPresent()) {
      context.deliver(chunk.messages);
      told.tell(result.get());
    }
    chunk.markSettled();
  }
}
