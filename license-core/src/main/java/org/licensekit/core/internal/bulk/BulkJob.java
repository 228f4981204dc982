package org.licensekit.core.internal.bulk;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.spi.Transactions;

/**
 * What the {@link BulkEngine} runs: items read a page at a time (user ids a filter selects, or new
 * users to register), each page applied set-based inside a transaction, and each item on its own
 * when its page failed unexpectedly.
 *
 * @param <T> what one page holds
 */
interface BulkJob<T> {

  /**
   * How the run goes and what its summary records.
   *
   * @param mode all-or-nothing or best-effort
   * @param reason why, recorded with every change
   * @param idempotencyKey the key the result is stored under, if any
   * @param chunkSize items per page and (best-effort) per transaction
   * @param sampleLimit the most outcomes the result keeps
   * @param action the canonical text of the action, for the summary's audit entry
   */
  record Settings(BulkMode mode, String reason, Optional<String> idempotencyKey, int chunkSize, int sampleLimit, String action) {}

  Settings settings();

  /** How many items the run will process. */
  long count();

  /** Hands the items to {@code work} a page of at most {@code chunkSize} at a time, in order. */
  void forEachPage(int chunkSize, Consumer<List<T>> work);

  /**
   * Applies every page inside the caller's one transaction (an all-or-nothing run, a preview),
   * telling {@code done} each page's outcomes, in order, once its audit entries are recorded in
   * {@code changes}. By default one page after the other ({@link #applyPage}), as
   * {@link #forEachPage} reads them: the items are new users, whose accounts do not exist yet.
   * {@link FilteredJob} first holds every account it selects, then applies the pages it held.
   */
  default void applyInOneTransaction(RunScope scope, UnitOfWork changes, SeatTally tally, Consumer<List<UserOutcome>> done) {
    forEachPage(settings().chunkSize(), page -> done.accept(applyPage(scope, changes, page, tally)));
  }

  /**
   * Whether this job's best-effort chunks overlap on a store with {@code transactions}
   * ({@link OverlappedChunks}): by default whenever the store allows it.
   */
  default boolean overlapsOn(Transactions transactions) {
    return transactions.overlapsBulkChunks();
  }

  /** Applies one page inside the caller's transaction; one outcome per item, in page order. */
  List<UserOutcome> applyPage(RunScope scope, UnitOfWork changes, List<T> page, SeatTally tally);

  /** Applies one item inside a transaction of its own (the page it was in failed). */
  UserOutcome applyOne(RunScope scope, UnitOfWork changes, T item, SeatTally tally);

  /** The user an item concerns, for the refusal when its own transaction fails. */
  UserId userOf(T item);
}
