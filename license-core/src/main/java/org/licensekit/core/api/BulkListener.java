package org.licensekit.core.api;

/**
 * Watches a bulk action as it goes. Called on the thread running the action, after each chunk;
 * must be quick and must not call back into LicenseKit.
 */
public interface BulkListener {

  /**
   * Progress: {@code done} users of {@code total} processed so far. {@code total} is the number the
   * filter selected when the action started.
   */
  void progress(long done, long total);

  /**
   * Every user's outcome, in user-id order, as it is decided — use it to keep outcomes of a run too
   * large for {@link BulkResult#outcomes()}. In best-effort mode outcomes arrive after their chunk
   * committed; in all-or-nothing mode and dry runs they are provisional until the result's status.
   */
  default void outcome(UserOutcome outcome) {}

  /** A listener that ignores everything. */
  static BulkListener none() {
    return (done, total) -> {};
  }
}
