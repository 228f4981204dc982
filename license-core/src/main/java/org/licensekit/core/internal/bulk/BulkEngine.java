package org.licensekit.core.internal.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.LicensingException;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a bulk job — an action on the users a filter selects, or a registration of new users — a
 * page at a time, so memory stays bounded by the chunk size (plus, in one-transaction runs, the events waiting for the commit).
 *
 * <ul>
 *   <li>Best-effort: each chunk is a transaction; when a chunk fails unexpectedly (a seat or claim
 *       taken by another instance meanwhile) it is redone one user per transaction, and a user who
 *       still fails is refused with the error's code. Where the store allows it, a chunk starts
 *       while the one before it commits ({@link OverlappedChunks}), with the outcomes of chunks
 *       run one after the other; onboarding's chunks only when that is turned on as well
 *       ({@link BulkJob#overlapsOn}).
 *   <li>All-or-nothing and dry runs: one transaction; audit entries are written chunk by chunk inside
 *       it; a dry run, or an all-or-nothing run with any refusal, is rolled back whole.
 * </ul>
 *
 * <p>Either way the notifications a transaction owes (a registration's invitations) and its events
 * go to the outbox in batches, handed to the notifier's {@code sendAll} and the event publisher's
 * {@code publishAll} after commit.
 */
final class BulkEngine {

  private static final Logger LOG = LoggerFactory.getLogger(BulkEngine.class);

  /** The most users one transaction (an all-or-nothing run, a preview) may select. */
  static final long ONE_TRANSACTION_LIMIT = 250_000;

  private final Context context;

  BulkEngine(Context context) {
    this.context = context;
  }

  /**
   * Runs the job. The listener hears only of committed work (or, for a dry or refused run, work
   * whose transaction has ended): never from inside a transaction the store may retry. The result
   * is stored under the lease's key in the run's last transaction.
   */
  public <T> BulkResult run(BulkJob<T> job, BulkListener listener, boolean dry, KeyLease lease) {
    BulkJob.Settings settings = job.settings();
    long total = job.count();
    boolean oneTransaction = dry || settings.mode() == BulkMode.ALL_OR_NOTHING;
    if (oneTransaction && total > ONE_TRANSACTION_LIMIT) {
      // one transaction keeps every user's row locks and every event until it ends
      throw InvalidInputException.of("mode", (dry ? "a preview" : "an ALL_OR_NOTHING run") + " runs in one transaction, which"
          + " holds at most " + ONE_TRANSACTION_LIMIT + " users; the request selects " + total
          + ": run it BEST_EFFORT (one transaction per chunk), or narrow it");
    }
    Map<ProductId, Long> available = freeSeats(context.ports().clock().instant());
    return oneTransaction
        ? inOneTransaction(job, listener, dry, total, available, lease)
        : inChunks(job, listener, total, available, lease);
  }

  private <T> BulkResult inOneTransaction(BulkJob<T> job, BulkListener listener, boolean dry, long total,
      Map<ProductId, Long> available, KeyLease lease) {
    BulkJob.Settings settings = job.settings();
    Context.Transacted<Attempt> run = context.transact(changes -> {
      Attempt attempt = new Attempt(settings.sampleLimit()); // a retried transaction starts afresh
      changes.dispatchInBatches();
      // a turn of its own, not alone(): it tells whether a chunk did what may change whom the filter selects
      RunScope scope = new RunScope(context.store(), context.tenant(), new ChunkTurn(null));
      job.applyInOneTransaction(scope, changes, attempt.tally, outcomes -> {
        outcomes.forEach(attempt::add);
        if (dry) {
          changes.discard();
        } else {
          changes.flush();
        }
        long done = attempt.sample.total();
        attempt.events.add(heard -> heard.progress(done, total));
      });
      if (commits(attempt, dry)) {
        recordSummary(changes, settings, attempt.sample);
        lease.complete(result(settings, false, BulkResult.Status.COMPLETED, attempt.sample, attempt.tally, available));
      }
      return attempt;
    }, attempt -> commits(attempt, dry));
    Attempt attempt = run.value();
    attempt.events.forEach(event -> event.accept(listener));
    BulkResult.Status status = attempt.sample.refused() > 0 && settings.mode() == BulkMode.ALL_OR_NOTHING
        ? BulkResult.Status.REFUSED : BulkResult.Status.COMPLETED;
    BulkResult result = result(settings, dry, status, attempt.sample, attempt.tally, available);
    if (!commits(attempt, dry) && !dry) {
      // a refused run wrote nothing; its result (the refusals) is stored on its own
      context.run(changes -> {
        lease.complete(result);
        return null;
      });
    }
    return result;
  }

  /** A dry run never commits; a one-transaction run commits only when no user was refused. */
  private static boolean commits(Attempt attempt, boolean dry) {
    return !dry && attempt.sample.refused() == 0;
  }

  private <T> BulkResult inChunks(BulkJob<T> job, BulkListener listener, long total, Map<ProductId, Long> available,
      KeyLease lease) {
    BulkJob.Settings settings = job.settings();
    OutcomeSample sample = new OutcomeSample(settings.sampleLimit());
    SeatTally tally = new SeatTally();
    OverlappedChunks.Told told = chunk -> {
      tally.addAll(chunk.tally());
      chunk.outcomes().forEach(outcome -> {
        sample.add(outcome);
        listener.outcome(outcome);
      });
      listener.progress(sample.total(), total);
    };
    if (overlaps(job)) {
      try (OverlappedChunks<T> chunks = new OverlappedChunks<>(context, job, page -> alone(job, page), told)) {
        job.forEachPage(settings.chunkSize(), page -> {
          lease.renew();
          chunks.submit(page);
        });
        chunks.finish();
      }
    } else {
      job.forEachPage(settings.chunkSize(), page -> {
        lease.renew();
        told.tell(alone(job, page));
      });
    }
    BulkResult result = result(settings, false, BulkResult.Status.COMPLETED, sample, tally, available);
    context.run(changes -> {
      recordSummary(changes, settings, sample);
      lease.complete(result);
      return null;
    });
    return result;
  }

  /**
   * Whether the job's best-effort chunks may overlap ({@link OverlappedChunks}): the store says its
   * transactions on two threads run side by side for this kind of job ({@link BulkJob#overlapsOn}:
   * bulk actions whenever the store allows it, onboarding only when it is turned on too), and no
   * transaction is open on this thread (one of the host's, which every chunk would join).
   */
  private boolean overlaps(BulkJob<?> job) {
    return job.overlapsOn(context.store().transactions()) && context.store().transactions().detached();
  }

  private <T> OverlappedChunks.Settled alone(BulkJob<T> job, List<T> page) {
    SeatTally chunkTally = new SeatTally();
    List<UserOutcome> outcomes = chunk(job, page, chunkTally);
    return new OverlappedChunks.Settled(outcomes, chunkTally);
  }

  /** One chunk in one transaction; on an unexpected failure, each of its items in a transaction of their own. */
  private <T> List<UserOutcome> chunk(BulkJob<T> job, List<T> page, SeatTally tally) {
    try {
      SeatTally[] attemptTally = new SeatTally[1];
      List<UserOutcome> outcomes = context.run(changes -> {
        attemptTally[0] = new SeatTally(); // a retried transaction counts afresh
        changes.dispatchInBatches();
        return job.applyPage(new RunScope(context.store(), context.tenant()), changes, page, attemptTally[0]);
      });
      tally.addAll(attemptTally[0]);
      return outcomes;
    } catch (LicensingException chunkFailure) {
      LOG.info("bulk chunk of {} users failed ({}); redoing it one user at a time", page.size(), chunkFailure.code());
      List<UserOutcome> outcomes = new ArrayList<>();
      for (T item : page) {
        SeatTally[] userTally = new SeatTally[1];
        try {
          outcomes.add(context.run(changes -> {
            userTally[0] = new SeatTally();
            return job.applyOne(new RunScope(context.store(), context.tenant()), changes, item, userTally[0]);
          }));
          tally.addAll(userTally[0]);
        } catch (LicensingException userFailure) {
          outcomes.add(UserOutcome.refused(job.userOf(item), userFailure.code(), userFailure.getMessage()));
        }
      }
      return outcomes;
    }
  }

  private Map<ProductId, Long> freeSeats(Instant now) {
    Map<ProductId, Long> free = new TreeMap<>();
    for (PoolUsage usage : context.store().pools().list(context.tenant())) {
      if (usage.pool().term().contains(now)) {
        free.merge(usage.pool().product(), (long) Math.max(0, usage.free()), Long::sum);
      }
    }
    return free;
  }

  private static void recordSummary(UnitOfWork changes, BulkJob.Settings settings, OutcomeSample sample) {
    changes.record(ChangeType.BULK_COMPLETED, "bulk", settings.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString()))
        .after(settings.action())
        .reason(Optional.of(settings.reason()))
        .attributes(Map.of(
            "action", settings.action(),
            "mode", settings.mode().name(),
            "done", Long.toString(sample.done()),
            "already", Long.toString(sample.already()),
            "refused", Long.toString(sample.refused())))
        .done();
  }

  private static BulkResult result(BulkJob.Settings settings, boolean dry, BulkResult.Status status, OutcomeSample sample,
      SeatTally tally, Map<ProductId, Long> available) {
    return new BulkResult(settings.idempotencyKey(), settings.mode(), dry, status, sample.total(), sample.done(),
        sample.already(), sample.refused(), sample.outcomes(), sample.truncated(), tally.forecast(available), false);
  }

  /**
   * What one attempt of a one-transaction run has seen; a retried transaction starts a new one. Its
   * outcomes and progress reach the listener only after the transaction ended, from the attempt
   * that ended it.
   */
  private static final class Attempt {
    final OutcomeSample sample;
    final SeatTally tally = new SeatTally();
    final List<Consumer<BulkListener>> events = new ArrayList<>();

    Attempt(int sampleLimit) {
      this.sample = new OutcomeSample(sampleLimit);
    }

    void add(UserOutcome outcome) {
      sample.add(outcome);
      events.add(heard -> heard.outcome(outcome));
    }
  }
}
