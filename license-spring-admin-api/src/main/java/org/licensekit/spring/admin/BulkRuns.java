package org.licensekit.spring.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.LicensingException;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ActorKind;
import org.licensekit.core.domain.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The bulk runs started through the admin API on this instance: each runs on a thread of its own
 * pool, keyed by tenant and idempotency key, and can be polled for progress and its result. The
 * library keeps each finished run's result under its idempotency key in the store, so sending the
 * request again (on any instance) answers with it; this registry only adds progress while running.
 * Finished runs are forgotten oldest first beyond {@link #KEEP_FINISHED}.
 */
final class BulkRuns implements DisposableBean {

  /** How many finished runs are kept for polling. */
  static final int KEEP_FINISHED = 1_000;

  private static final Logger log = LoggerFactory.getLogger(BulkRuns.class);

  /** The state of a run. */
  enum State {
    RUNNING,
    COMPLETED,
    FAILED
  }

  private record Key(TenantId tenant, String idempotencyKey) {}

  /** One run: written by its worker thread, read by pollers. */
  static final class Run {
    private final String idempotencyKey;
    private final String fingerprint;
    private final Actor actor;
    private final Instant startedAt;
    private volatile long done;
    private volatile long total;
    private volatile State state = State.RUNNING;
    private volatile Instant finishedAt;
    private volatile BulkResult result;
    private volatile LicensingException failure;

    private Run(String idempotencyKey, String fingerprint, Actor actor, Instant startedAt) {
      this.idempotencyKey = idempotencyKey;
      this.fingerprint = fingerprint;
      this.actor = actor;
      this.startedAt = startedAt;
    }

    String idempotencyKey() {
      return idempotencyKey;
    }

    State state() {
      return state;
    }

    long done() {
      return done;
    }

    long total() {
      return total;
    }

    Instant startedAt() {
      return startedAt;
    }

    Optional<Instant> finishedAt() {
      return Optional.ofNullable(finishedAt);
    }

    Optional<BulkResult> result() {
      return Optional.ofNullable(result);
    }

    Optional<LicensingException> failure() {
      return Optional.ofNullable(failure);
    }
  }

  private final Map<Key, Run> runs = new ConcurrentHashMap<>();
  private final ExecutorService executor;
  private final Clock clock;

  BulkRuns(int threads, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, "licensekit-admin-bulk-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.executor = Executors.newFixedThreadPool(threads, factory);
  }

  /**
   * Starts {@code request} (which carries an idempotency key) as {@code session}'s actor, or returns
   * the run already started with the same key and request.
   *
   * @throws ConflictException {@code IDEMPOTENCY_KEY_REUSED} when the key was used here for another request
   */
  Run start(ActorSession session, BulkRequest request) {
    String idempotencyKey = request.idempotencyKey().orElseThrow();
    Key key = new Key(session.tenant(), idempotencyKey);
    Run fresh = new Run(idempotencyKey, request.fingerprint(), session.actor(), clock.instant());
    Run run = runs.putIfAbsent(key, fresh);
    if (run != null) {
      if (!run.fingerprint.equals(request.fingerprint())) {
        throw new ConflictException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "Idempotency key '" + idempotencyKey + "' was used before for a different bulk request.");
      }
      return run;
    }
    forgetOldFinished();
    executor.execute(() -> execute(session, request, fresh));
    return fresh;
  }

  /**
   * Runs {@code request} on the calling thread, for an actor the library is expected to refuse at
   * once (it then throws, having audited the refusal); a run it does perform is returned finished.
   */
  Run runNow(ActorSession session, BulkRequest request) {
    Run run = new Run(request.idempotencyKey().orElseThrow(), request.fingerprint(), session.actor(), clock.instant());
    BulkResult result = session.bulk().run(request);
    run.result = result;
    run.done = result.selected();
    run.total = result.selected();
    finish(run, State.COMPLETED);
    return run;
  }

  private void execute(ActorSession session, BulkRequest request, Run run) {
    try {
      BulkResult result = session.bulk().run(request, new BulkListener() {
        @Override
        public void progress(long done, long total) {
          run.total = total;
          run.done = done;
        }
      });
      run.result = result;
      run.done = result.selected();
      run.total = result.selected();
      finish(run, State.COMPLETED);
    } catch (LicensingException e) {
      log.info("Bulk run {} of {} refused: {} {}", run.idempotencyKey, session.tenant(), e.code(), e.getMessage());
      run.failure = e;
      finish(run, State.FAILED);
    } catch (RuntimeException e) {
      log.error("Bulk run {} of {} failed", run.idempotencyKey, session.tenant(), e);
      run.failure = new LicensingException(ErrorCode.STORE_UNAVAILABLE.name(), "The bulk run failed: " + e.getMessage(), e);
      finish(run, State.FAILED);
    }
  }

  private void finish(Run run, State state) {
    run.finishedAt = clock.instant();
    run.state = state;
  }

  /**
   * The run of {@code idempotencyKey} in {@code session}'s tenant, visible to the actor who started
   * it and to the tenant's system administrators.
   *
   * @throws BulkRunNotFoundException when no such run was started here
   * @throws NotAuthorizedException when the session's actor may not see it
   */
  Run find(ActorSession session, String idempotencyKey) {
    Run run = runs.get(new Key(session.tenant(), idempotencyKey));
    if (run == null) {
      throw new BulkRunNotFoundException(idempotencyKey);
    }
    if (!run.actor.equals(session.actor()) && session.actor().kind() != ActorKind.SYSTEM_ADMINISTRATOR) {
      throw new NotAuthorizedException("Only the actor who started bulk run '" + idempotencyKey
          + "' and system administrators may read it.");
    }
    return run;
  }

  private void forgetOldFinished() {
    long finished = runs.values().stream().filter(r -> r.state != State.RUNNING).count();
    if (finished <= KEEP_FINISHED) {
      return;
    }
    runs.entrySet().stream().filter(e -> e.getValue().state != State.RUNNING)
        .sorted(java.util.Comparator.comparing(e -> e.getValue().finishedAt))
        .limit(finished - KEEP_FINISHED)
        .map(Map.Entry::getKey).toList()
        .forEach(runs::remove);
  }

  @Override
  public void destroy() throws InterruptedException {
    executor.shutdownNow();
    if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
      log.warn("Bulk runs of the admin API still running at shutdown; their last transaction rolls back.");
    }
  }
}
