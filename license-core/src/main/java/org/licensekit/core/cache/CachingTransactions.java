package org.licensekit.core.cache;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.AccessDecisionCache;
import org.licensekit.core.spi.ChangeSignals;
import org.licensekit.core.spi.ChangedRecords;
import org.licensekit.core.spi.Transactions;

/**
 * The delegate's transactions, plus what the cache must know of them: reads inside a running
 * transaction bypass the cache (they must see the transaction's own writes and take part in its
 * locking), and every scope a transaction wrote is invalidated when it is written and again when
 * the outermost transaction has committed or rolled back — so a result another thread read from
 * the database while the transaction ran (the old state) does not outlive it.
 *
 * <p>Only transactions begun through this object count: a transaction the host begins on the
 * delegate directly is invisible to the cache. The exception is an {@link EnclosingTransaction}
 * the delegate's transactions join: while it is open, reads bypass the cache, and the scopes a
 * command wrote are invalidated after it commits (not when it is written, nor on rollback).
 *
 * <p>The scopes a transaction wrote are also sent through the store's {@link ChangeSignals} at the
 * end of its work, inside it, so other instances hear of them once it commits.
 */
final class CachingTransactions implements Transactions, AccessDecisionCache {

  private final Transactions delegate;
  private final SnapshotCache cache;
  private final EnclosingTransaction enclosing;
  private final ChangeSignals signals;
  private final ThreadLocal<Unit> running = new ThreadLocal<>();
  /**
   * How many outermost transactions begun here are running, on any thread: while none is, no
   * thread runs one, and a check need not look up its thread's (a thread-local lookup per warm
   * check saved). A thread's own count is always seen by itself, so a check inside a transaction
   * never misses it; another thread's count only sends a check to the thread-local.
   */
  private final AtomicInteger runningCount = new AtomicInteger();

  CachingTransactions(Transactions delegate, SnapshotCache cache, EnclosingTransaction enclosing, ChangeSignals signals) {
    this.delegate = delegate;
    this.cache = cache;
    this.enclosing = enclosing;
    this.signals = signals;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    Unit unit = running.get();
    if (unit != null) {
      return delegate.inTransaction(work);
    }
    unit = new Unit(enclosing.isOpen());
    runningCount.incrementAndGet();
    running.set(unit);
    boolean completed = false;
    Unit current = unit;
    try {
      T result = delegate.inTransaction(() -> {
        T done = work.get();
        // Still inside the transaction: the signal commits (and is heard elsewhere) with the writes.
        signal(current.written);
        return done;
      });
      completed = true;
      return result;
    } finally {
      running.remove();
      runningCount.decrementAndGet();
      if (!unit.enclosed) {
        unit.written.forEach(cache::invalidate);
      } else if (completed && !unit.written.isEmpty()) {
        // A command that threw left nothing behind (its writes were undone with it), so only a
        // completed one has scopes to invalidate, once the enclosing transaction commits.
        Set<Scope> written = Set.copyOf(unit.written);
        enclosing.afterCommit(() -> written.forEach(cache::invalidate));
      }
    }
  }

  /** After the enclosing transaction commits when one is open (never on its rollback), else as the delegate says. */
  @Override
  public void afterCommit(Runnable action) {
    if (running.get() == null && enclosing.isOpen()) {
      enclosing.afterCommit(action);
    } else {
      delegate.afterCommit(action);
    }
  }

  @Override
  public boolean detached() {
    return running.get() == null && !enclosing.isOpen() && delegate.detached();
  }

  @Override
  public int combinedAssignmentsByDefault() {
    return delegate.combinedAssignmentsByDefault();
  }

  @Override
  public boolean overlapsBulkChunks() {
    return delegate.overlapsBulkChunks();
  }

  @Override
  public boolean overlapsBulkRegistrations() {
    return delegate.overlapsBulkRegistrations();
  }

  /** {@code load}'s result, from the cache when no transaction runs on this thread. */
  <V> V read(Scope scope, Object query, Supplier<V> load) {
    return runningHere() || enclosing.isOpen() ? load.get() : cache.get(scope, query, load);
  }

  /** A kept access decision when no transaction runs on this thread; else {@code decider}'s, not kept. */
  @Override
  public AccessDecision decide(TenantId tenant, UserId user, ProductId product, InstantSource clock, Decider decider) {
    return runningHere() || enclosing.isOpen()
        ? decider.decide(user, product, clock.instant()).decision()
        : cache.decide(tenant, user, product, clock, decider);
  }

  /** Whether a transaction begun here runs on the calling thread. */
  private boolean runningHere() {
    return runningCount.get() != 0 && running.get() != null;
  }

  /** Runs a write of the delegate and invalidates the scope it touches, now and after the transaction. */
  <T> T write(Scope scope, Supplier<T> statement) {
    try {
      return statement.get();
    } finally {
      written(scope);
    }
  }

  /** A write that returns nothing; see {@link #write(Scope, Supplier)}. */
  void perform(Scope scope, Runnable statement) {
    write(scope, () -> {
      statement.run();
      return null;
    });
  }

  /** A write touching many scopes (a bulk run's batch): each is invalidated as {@link #write} does one. */
  void performAll(java.util.Collection<Scope> scopes, Runnable statement) {
    try {
      statement.run();
    } finally {
      scopes.forEach(this::written);
    }
  }

  private void written(Scope scope) {
    Unit unit = running.get();
    if (unit == null) {
      if (enclosing.isOpen()) {
        enclosing.afterCommit(() -> cache.invalidate(scope));
      } else {
        cache.invalidate(scope);
      }
      signal(Set.of(scope));
      return;
    }
    if (!unit.enclosed) {
      cache.invalidate(scope);
    }
    unit.written.add(scope);
  }

  private void signal(Set<Scope> written) {
    if (!written.isEmpty()) {
      List<ChangedRecords> changes = new ArrayList<>(written.size());
      for (Scope scope : written) {
        changes.add(scope.change());
      }
      signals.send(changes);
    }
  }

  /** The outermost transaction running on a thread: the scopes it wrote, and whether it joined an enclosing one. */
  private static final class Unit {
    final Set<Scope> written = new HashSet<>();
    final boolean enclosed;

    Unit(boolean enclosed) {
      this.enclosed = enclosed;
    }
  }
}
