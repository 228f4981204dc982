package org.licensekit.spring;

import java.util.Optional;
import javax.sql.DataSource;
import org.licensekit.core.cache.EnclosingTransaction;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The Spring-managed transaction LicenseKit's commands join: one open on the calling thread that
 * holds a connection of the store's {@link DataSource} (a {@code @Transactional} method under
 * {@code DataSourceTransactionManager}, {@code JdbcTransactionManager} or a JPA transaction manager
 * exposing its connection). Knows when one is open, and runs work after it commits.
 */
final class JoinedTransaction implements EnclosingTransaction {

  /** Cache invalidation runs before anything else after the commit, so listeners read fresh state. */
  static final int INVALIDATION_ORDER = Ordered.HIGHEST_PRECEDENCE;

  /** Notifications and events follow every other after-commit callback of ours. */
  static final int DISPATCH_ORDER = Ordered.LOWEST_PRECEDENCE;

  private static final JoinedTransaction NONE = new JoinedTransaction(Optional.empty());

  /**
   * Set while one of our after-commit actions runs: the Spring transaction has committed but is
   * still bound to the thread, and what the action does (marking outbox messages delivered) must
   * run in transactions of its own rather than on the finished one's connection.
   */
  private static final ThreadLocal<Boolean> COMPLETING = new ThreadLocal<>();

  private final Optional<DataSource> dataSource;

  private JoinedTransaction(Optional<DataSource> dataSource) {
    this.dataSource = dataSource;
  }

  /** Transactions on {@code dataSource}. */
  static JoinedTransaction on(DataSource dataSource) {
    return new JoinedTransaction(Optional.of(dataSource));
  }

  /** Never open: the store does not join Spring's transactions (in memory, or the host's own store). */
  static JoinedTransaction none() {
    return NONE;
  }

  /** The data source whose transactions commands join, if any. */
  Optional<DataSource> dataSource() {
    return dataSource;
  }

  @Override
  public boolean isOpen() {
    if (COMPLETING.get() != null || dataSource.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return false;
    }
    return TransactionSynchronizationManager.getResource(dataSource.get()) instanceof ConnectionHolder holder
        && holder.isSynchronizedWithTransaction();
  }

  @Override
  public void afterCommit(Runnable action) {
    afterCommit(INVALIDATION_ORDER, action);
  }

  /** Runs {@code action} after the open transaction commits, in {@code order}; not on rollback. */
  void afterCommit(int order, Runnable action) {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        Boolean outer = COMPLETING.get();
        COMPLETING.set(Boolean.TRUE);
        try {
          action.run();
        } finally {
          if (outer == null) {
            COMPLETING.remove();
          }
        }
      }

      @Override
      public int getOrder() {
        return order;
      }
    });
  }

  /** Runs {@code action} after the joined transaction commits when one is open, else at once. */
  void whenCommitted(Runnable action) {
    if (isOpen()) {
      afterCommit(DISPATCH_ORDER, action);
    } else {
      action.run();
    }
  }
}
