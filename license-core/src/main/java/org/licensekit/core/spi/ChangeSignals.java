package org.licensekit.core.spi;

import java.util.Collection;

/**
 * Tells other instances sharing the store's database what this one changed, so their caches forget
 * it before their staleness bound: each change is sent as part of the writing transaction and
 * reaches the others only once that transaction has committed (never when it rolls back). The JDBC
 * adapter sends through PostgreSQL's {@code LISTEN/NOTIFY} or through a change-log table that the
 * other instances poll. A cache keeps its staleness bound as a safety net: a signal lost (a
 * dropped connection, a change log pruned) costs at most that bound.
 */
public interface ChangeSignals {

  /**
   * Sends that these records changed, within the transaction running on this thread (or in a
   * transaction of its own when none runs).
   *
   * @param changes what changed; nothing is sent when empty
   */
  void send(Collection<ChangedRecords> changes);

  /**
   * Starts delivering the changes sent by every instance (this one's included) until the returned
   * subscription is closed. Delivery runs on a thread of the signals' own.
   *
   * @param receiver what hears the changes
   * @return the subscription, to close when the receiver is done
   */
  Subscription subscribe(Receiver receiver);

  /** Hears changes made through the database. */
  interface Receiver {

    /**
     * These records changed in a committed transaction.
     *
     * @param changes what changed
     */
    void changed(Collection<ChangedRecords> changes);

    /**
     * Changes may have been missed (the listening connection broke, or the change log was read
     * after it was pruned): forget everything.
     */
    void missed();
  }

  /** Stops a delivery started by {@link #subscribe}. */
  interface Subscription extends AutoCloseable {

    /** Stops delivering; returns once no more delivery is under way. */
    @Override
    void close();
  }

  /**
   * Sends nothing and delivers nothing: a single instance, or a store no other instance shares.
   *
   * @return the signals that do nothing
   */
  static ChangeSignals none() {
    return new ChangeSignals() {
      @Override
      public void send(Collection<ChangedRecords> changes) {
        // No other instance to tell.
      }

      @Override
      public Subscription subscribe(Receiver receiver) {
        return () -> { };
      }

      @Override
      public String toString() {
        return "ChangeSignals.none()";
      }
    };
  }
}
