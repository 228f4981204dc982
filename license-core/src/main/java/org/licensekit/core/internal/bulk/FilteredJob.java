package org.licensekit.core.internal.bulk;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.UnitOfWork;
import org.licensekit.core.spi.UserCriteria;

/** A bulk action on the users a filter selects, read as keyset pages of ids. */
final class FilteredJob implements BulkJob<UserId> {

  private final Context context;
  private final BulkRequest request;
  private final UserCriteria criteria;

  FilteredJob(Context context, BulkRequest request, UserCriteria criteria) {
    this.context = context;
    this.request = request;
    this.criteria = criteria;
  }

  @Override
  public Settings settings() {
    return new Settings(request.mode(), request.reason(), request.idempotencyKey(), request.chunkSize(), request.sampleLimit(),
        request.action().canonical());
  }

  @Override
  public long count() {
    return context.store().userQueries().countUsers(context.tenant(), criteria);
  }

  @Override
  public void forEachPage(int chunkSize, Consumer<List<UserId>> work) {
    forEachPageAfter(Optional.empty(), chunkSize, work);
  }

  /** The pages of the selected ids after {@code after} (keyset order), read as they are handed out. */
  private void forEachPageAfter(Optional<UserId> start, int chunkSize, Consumer<List<UserId>> work) {
    Optional<UserId> after = start;
    while (true) {
      List<UserId> page = context.store().userQueries().findUserIds(context.tenant(), criteria, after, chunkSize);
      if (page.isEmpty()) {
        return;
      }
      work.accept(page);
      if (page.size() < chunkSize) {
        return;
      }
      after = Optional.of(page.get(page.size() - 1));
    }
  }

  /**
   * Holds every selected account first, a page at a time in user id order (so the locks are taken
   * in the stores' order), keeping the pages' ids; then applies those pages — a grant's chunks each
   * decided beside the writes of the one before ({@link OverlappedDecisions}) — without reading
   * the selection again. See {@link HeldPages} for why the held pages are the run's selection.
   */
  @Override
  public void applyInOneTransaction(RunScope scope, UnitOfWork changes, SeatTally tally, Consumer<List<UserOutcome>> done) {
    int chunkSize = request.chunkSize();
    HeldPages held = new HeldPages(BulkEngine.ONE_TRANSACTION_LIMIT);
    forEachPage(chunkSize, page -> {
      held.add(page, scope.store().directory().lockUsers(scope.tenant(), page));
    });
    Optional<ChunkGrant> grant = ChunkGrant.of(scope, request.action());
    if (grant.isEmpty()) {
      held.forEach(scope, (after, work) -> forEachPageAfter(after, chunkSize, work),
          (page, statuses) -> done.accept(applyPage(scope, changes, page, tally)));
      return;
    }
    try (OverlappedDecisions chunks = new OverlappedDecisions(grant.get(), scope, changes, request.reason(), tally, done)) {
      held.forEach(scope, (after, work) -> forEachPageAfter(after, chunkSize, work), chunks::accept);
      chunks.finish();
    }
  }

  /**
   * Set-based when the action has a chunk path ({@link ChunkGrant}), else one user at a time; the
   * outcomes are the same either way.
   */
  @Override
  public List<UserOutcome> applyPage(RunScope scope, UnitOfWork changes, List<UserId> page, SeatTally tally) {
    Optional<ChunkGrant> grant = ChunkGrant.of(scope, request.action());
    if (grant.isPresent()) {
      return grant.get().apply(changes, page, request.reason(), tally);
    }
    scope.exclusive(); // one user at a time may free seats and serve queues: nothing of it beside another chunk
    UserStep step = new UserStep(scope);
    List<UserOutcome> outcomes = new ArrayList<>(page.size());
    page.forEach(user -> outcomes.add(step.apply(changes, request.action(), user, request.reason(), tally)));
    return outcomes;
  }

  @Override
  public UserOutcome applyOne(RunScope scope, UnitOfWork changes, UserId user, SeatTally tally) {
    return new UserStep(scope).apply(changes, request.action(), user, request.reason(), tally);
  }

  @Override
  public UserId userOf(UserId item) {
    return item;
  }
}
