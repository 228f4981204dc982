package org.licensekit.core.cache;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import org.licensekit.core.spi.Transactions;

/**
 * The delegate's transactions, plus what the cache must know of them: reads inside a running
 * transaction bypass the cache (they must see the transaction's own writes and take part in its
 * locking), and every scope a transaction wrote is invalidated when it is written and again when
 * the outermost transaction has committed or rolled back — so a result another thread read from
 * the database while the transaction ran (the old state) does not outlive it.
 *
 * <p>Only transactions begun through this object count: a transaction the host begins on the
 * delegate directly is invisible to the cache.
 */
final class CachingTransactions implements Transactions {

  private final Transactions delegate;
  private final SnapshotCache cache;
  private final ThreadLocal<Unit> running = new ThreadLocal<>();

  CachingTransactions(Transactions delegate, SnapshotCache cache) {
    this.delegate = delegate;
    this.cache = cache;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    Unit unit = running.get();
    if (unit != null) {
      return delegate.inTransaction(work);
    }
    unit = new Unit();
    running.set(unit);
    try {
      return delegate.inTransaction(work);
    } finally {
      running.remove();
      unit.written.forEach(cache::invalidate);
    }
  }

  /** {@code load}'s result, from the cache when no transaction runs on this thread. */
  <V> V read(Scope scope, Object query, Supplier<V> load) {
    return running.get() != null ? load.get() : cache.get(scope, query, load);
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

  private void written(Scope scope) {
    cache.invalidate(scope);
    Unit unit = running.get();
    if (unit != null) {
      unit.written.add(scope);
    }
  }

  /** The outermost transaction running on a thread: the scopes it wrote. */
  private static final class Unit {
    final Set<Scope> written = new HashSet<>();
  }
}
