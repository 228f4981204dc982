package org.licensekit.core.cache;

/**
 * A transaction the host application runs around LicenseKit's commands, which the wrapped store's
 * transactions join (for instance a Spring-managed transaction on the same {@code DataSource}).
 * While one is open on a thread, a {@link CachingLicenseStore} neither reads from nor fills its
 * cache on that thread (the reads see uncommitted writes), and invalidates what a command wrote only
 * once the enclosing transaction has committed — never before, and not when it rolls back.
 */
public interface EnclosingTransaction {

  /**
   * Whether an enclosing transaction, one that the store's transactions join, is open on the calling thread.
   *
   * @return true while one is open
   */
  boolean isOpen();

  /**
   * Runs {@code action} once the enclosing transaction open on the calling thread has committed;
   * never when it rolls back. Called only while {@link #isOpen()} is true.
   *
   * @param action what to run after the commit
   */
  void afterCommit(Runnable action);

  /**
   * No enclosing transaction, ever: every command's transaction is the store's own.
   *
   * @return the empty enclosing transaction
   */
  static EnclosingTransaction none() {
    return None.INSTANCE;
  }

  /** See {@link #none()}. */
  enum None implements EnclosingTransaction {
    INSTANCE;

    @Override
    public boolean isOpen() {
      return false;
    }

    @Override
    public void afterCommit(Runnable action) {
      throw new IllegalStateException("No enclosing transaction is open");
    }
  }
}
