package org.licensekit.spring;

import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.Notifier;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Holds work back until the Spring-managed transaction running on the calling thread has committed,
 * and drops it when that transaction rolls back; with none running, does it at once. LicenseKit
 * calls its notifier and event publisher after its own command committed, but a command that
 * joined a host transaction is only committed when the host's transaction is.
 */
final class AfterHostCommit {

  private AfterHostCommit() {}

  /** Whether a Spring-managed transaction with synchronization is running on this thread. */
  static boolean hostTransactionRunning() {
    return TransactionSynchronizationManager.isSynchronizationActive()
        && TransactionSynchronizationManager.isActualTransactionActive();
  }

  /** Runs {@code action} after the host transaction commits, in {@code order}; or now, when none runs. */
  static void run(int order, Runnable action) {
    if (!hostTransactionRunning()) {
      action.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        action.run();
      }

      @Override
      public int getOrder() {
        return order;
      }
    });
  }

  /** {@code notifier}, sending after the host transaction commits. */
  static Notifier notifier(Notifier notifier) {
    return notification -> run(Ordered.LOWEST_PRECEDENCE, () -> notifier.send(notification));
  }

  /** {@code events}, publishing after the host transaction commits. */
  static EventPublisher events(EventPublisher events) {
    return event -> run(Ordered.LOWEST_PRECEDENCE, () -> events.publish(event));
  }
}
