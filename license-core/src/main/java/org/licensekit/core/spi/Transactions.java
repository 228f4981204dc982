package org.licensekit.core.spi;

import java.util.function.Supplier;

/**
 * Runs a unit of work all-or-nothing. Every store call made by {@code work} on the calling thread
 * takes part; when {@code work} throws, nothing it wrote remains. A call inside a running
 * transaction joins it behind a savepoint: if the inner work throws, its own writes are undone
 * and the exception reaches the outer work, which may catch it and still commit its other writes.
 *
 * <p>An implementation may run {@code work} more than once (to retry a serialization failure), so
 * {@code work} must have no effects outside the store: LicenseKit publishes events and sends
 * notifications only after the transaction committed.
 */
public interface Transactions {

  <T> T inTransaction(Supplier<T> work);

  /**
   * Runs {@code action} once the work the calling thread just ran has committed for good.
   * LicenseKit calls it right after {@link #inTransaction} returned, to deliver the command's
   * notifications and events; by default it runs {@code action} at once. A store whose commands
   * may join a transaction of the host's runs it only after that transaction commits, and never
   * when it rolls back.
   *
   * @param action what to run after the commit
   */
  default void afterCommit(Runnable action) {
    action.run();
  }

  /**
   * Whether the calling thread has no transaction open — neither one of this store's nor one of the
   * host's that {@link #inTransaction} would join — so that work it asks for may run inside a
   * transaction another thread begins. LicenseKit combines concurrent single assignments of one
   * product into one transaction only for callers for whom this holds. A store that cannot tell
   * must keep the default, {@code false}.
   *
   * @return whether no transaction is open on the calling thread
   */
  default boolean detached() {
    return false;
  }

  /**
   * Whether a best-effort bulk run may begin its next chunk's transaction on a second thread while
   * the previous chunk's transaction, on another, appends its audit entries and commits: the second
   * waits, in LicenseKit, for the first to commit before it touches anything the two could share, so
   * the store must let two transactions hold row locks side by side (as PostgreSQL's row locks do)
   * and must not serialize whole transactions. Each chunk in flight holds a connection of its own.
   * A store that cannot promise this keeps the default, {@code false}.
   *
   * @return whether bulk chunks may overlap on this store
   */
  default boolean overlapsBulkChunks() {
    return false;
  }

  /**
   * Whether a best-effort bulk onboarding run ({@code BulkActions#register}) overlaps its chunks as
   * {@link #overlapsBulkChunks()} describes; only asked when that holds. Bulk actions on existing
   * users overlap whenever {@link #overlapsBulkChunks()} holds; onboarding only when this does too.
   * A registration chunk does most of its work before its turn (checking, deciding and writing the
   * new accounts, memberships and role rows), so the overlap can only hide the chunk before's audit
   * entries and commit behind it, and measured on an idle two-core machine it did not pay:
   * overlapped onboarding was slower than its chunks one after the other (215 against 181 µs per
   * user), while the bulk grant was faster (71 against 104). False by default; a store may let its
   * host turn it on where it measurably pays.
   *
   * @return whether bulk onboarding's chunks may overlap on this store
   */
  default boolean overlapsBulkRegistrations() {
    return false;
  }

  /**
   * How many concurrent single assignments of one product LicenseKit runs in one transaction of
   * this store unless the host says otherwise ({@code Licensing.Builder#combinedAssignments}): 1,
   * none combined, by default. A store whose commits and row locks cost enough that sharing them
   * wins (PostgreSQL) says more.
   *
   * @return the default batch bound, at least 1
   */
  default int combinedAssignmentsByDefault() {
    return 1;
  }
}
