package org.licensekit.core.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.licensekit.core.spi.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All-or-nothing units of work for the in-memory store. One store-wide lock serialises every
 * transaction and every read, so no thread ever sees another's half-done work; each write records
 * how to undo itself, and a failed transaction replays those undo actions newest first.
 *
 * <p>A JVM lock is the right tool here because the data lives in this JVM only; adapters whose data
 * is shared across JVMs get their guarantees from the database instead.
 */
final class InMemoryTransactions implements Transactions {

  private static final Logger LOG = LoggerFactory.getLogger(InMemoryTransactions.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    lock.lock();
    try {
      Deque<Runnable> running = undoLog.get();
      if (running != null) {
        return nested(running, work);
      }
      Deque<Runnable> log = new ArrayDeque<>();
      undoLog.set(log);
      try {
        return work.get();
      } catch (Throwable failure) {
        rollBack(log, failure);
        throw failure;
      } finally {
        undoLog.remove();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Joins the running transaction behind a savepoint: when {@code work} throws, only its own
   * writes are undone and the failure goes on to the caller, who decides the outer outcome — the
   * same as the JDBC store's savepoints.
   */
  private static <T> T nested(Deque<Runnable> log, Supplier<T> work) {
    int savepoint = log.size();
    try {
      return work.get();
    } catch (Throwable failure) {
      Deque<Runnable> newer = new ArrayDeque<>();
      while (log.size() > savepoint) {
        newer.addLast(log.pop());
      }
      rollBack(newer, failure);
      throw failure;
    }
  }

  @Override
  public boolean detached() {
    return undoLog.get() == null;
  }

  /** Runs a read under the store lock, so it sees only whole transactions. */
  <T> T read(Supplier<T> query) {
    lock.lock();
    try {
      return query.get();
    } finally {
      lock.unlock();
    }
  }

  /** Runs a write as part of the caller's transaction, or as a transaction of its own. */
  <T> T write(Supplier<T> statement) {
    return inTransaction(statement);
  }

  /** Registers how to undo a write just made; only legal inside {@link #write}. */
  void onRollback(Runnable undo) {
    Deque<Runnable> log = undoLog.get();
    if (log == null || !lock.isHeldByCurrentThread()) {
      throw new IllegalStateException("in-memory store written outside a transaction");
    }
    log.push(undo);
  }

  private static void rollBack(Deque<Runnable> log, Throwable failure) {
    LOG.debug("rolling back {} in-memory write(s) after {}", log.size(), failure.toString());
    while (!log.isEmpty()) {
      try {
        log.pop().run();
      } catch (RuntimeException undoFailure) {
        failure.addSuppressed(undoFailure);
        LOG.error("undo of an in-memory write failed; the store may be inconsistent", undoFailure);
      }
    }
  }
}
