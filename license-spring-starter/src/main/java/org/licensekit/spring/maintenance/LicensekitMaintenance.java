package org.licensekit.spring.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.ExpirationAlerts;
import org.licensekit.core.api.FollowUp;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.api.MonthlyReview;
import org.licensekit.core.api.OutboxRetention;
import org.licensekit.core.api.Lifecycle;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;
import org.licensekit.spring.LicensingTenants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;

/**
 * Runs LicenseKit's maintenance jobs on their cron schedules, each under a lock held in the database
 * (ShedLock) so that one instance of a cluster runs a job at a time; an instance that finds the lock
 * taken skips that run. It schedules on a thread of its own, so it neither needs nor enables the
 * application's {@code @EnableScheduling}. After every run it publishes a {@link MaintenanceRun}.
 */
public final class LicensekitMaintenance implements SmartLifecycle {

  /** The actor the jobs run as, as the audit trail shows it. */
  public static final Actor ACTOR = Actor.system("licensekit-maintenance");

  private static final Logger log = LoggerFactory.getLogger(LicensekitMaintenance.class);

  private final Licensing licensing;
  private final MaintenanceSettings settings;
  private final LicensingTenants tenants;
  private final LockingTaskExecutor locks;
  private final ApplicationEventPublisher events;
  private final Clock clock = Clock.systemUTC();
  private final Map<MaintenanceJob, ScheduledFuture<?>> scheduled = new EnumMap<>(MaintenanceJob.class);
  private ThreadPoolTaskScheduler scheduler;

  /**
   * Maintenance of {@code licensing}'s tenants.
   *
   * @param licensing the licensing facade
   * @param settings schedules, lock durations and the jobs' parameters
   * @param tenants the tenants to maintain
   * @param locks runs a job under its cluster-wide lock
   * @param events receives a {@link MaintenanceRun} after each run
   */
  public LicensekitMaintenance(Licensing licensing, MaintenanceSettings settings, LicensingTenants tenants,
      LockingTaskExecutor locks, ApplicationEventPublisher events) {
    this.licensing = Objects.requireNonNull(licensing, "licensing");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.locks = Objects.requireNonNull(locks, "locks");
    this.events = Objects.requireNonNull(events, "events");
  }

  /**
   * Runs {@code job} now for every maintained tenant, unless another instance holds its lock.
   *
   * @param job the job
   * @return what the run did; {@code executed() == false} when it was skipped
   * @throws IllegalStateException when the lock could not be taken or released because of the database
   */
  public MaintenanceRun run(MaintenanceJob job) {
    Instant startedAt = clock.instant();
    LockConfiguration lock = new LockConfiguration(startedAt, "licensekit-" + job.id(), settings.lockAtMostFor(),
        settings.lockAtLeastFor());
    LockingTaskExecutor.TaskResult<MaintenanceRun> result;
    try {
      result = locks.executeWithLock(() -> runLocked(job, startedAt), lock);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException("Maintenance job " + job.id() + " failed", e);
    }
    MaintenanceRun run = result.wasExecuted() ? result.getResult()
        : new MaintenanceRun(job, startedAt, Duration.ZERO, false, 0, 0, 0, 0);
    if (!run.executed()) {
      log.debug("Skipped maintenance job {}: another instance holds its lock", job.id());
    }
    events.publishEvent(run);
    return run;
  }

  private MaintenanceRun runLocked(MaintenanceJob job, Instant startedAt) {
    long start = System.nanoTime();
    List<TenantId> maintained = tenants.tenants();
    if (maintained.isEmpty()) {
      log.warn("Maintenance job {} has no tenant to run for: set licensekit.tenants or define a LicensingTenants bean", job.id());
    }
    long changed = 0;
    long notified = 0;
    int failed = 0;
    for (TenantId tenant : maintained) {
      try {
        JobRun run = runFor(job, licensing.tenant(tenant).as(ACTOR));
        changed += run.changed();
        notified += run.notified();
      } catch (RuntimeException e) {
        failed++;
        log.error("Maintenance job {} failed for tenant {}; the other tenants go on", job.id(), tenant, e);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    log.info("Maintenance job {} ran for {} tenant(s) in {} ms: {} changed, {} notified, {} failed", job.id(),
        maintained.size(), took.toMillis(), changed, notified, failed);
    return new MaintenanceRun(job, startedAt, took, true, maintained.size(), changed, notified, failed);
  }

  private JobRun runFor(MaintenanceJob job, ActorSession session) {
    Lifecycle lifecycle = session.lifecycle();
    return switch (job) {
      case EXPIRE_DUE -> lifecycle.expireDue();
      case FOLLOW_UP -> lifecycle.followUp(settings.followUp());
      case EXPIRATION_ALERTS -> lifecycle.alertExpirations(settings.expirationAlerts());
      case ARCHIVE_TEMPORARY_STAFF -> {
        var result = lifecycle.archiveEndedTemporaryStaff("temporary staff end date passed");
        yield new JobRun(result.selected(), result.done(), 0, result.refused());
      }
      case MONTHLY_REVIEW -> settings.monthlyReview().map(lifecycle::sendMonthlyReview).orElse(new JobRun(0, 0, 0, 0));
      case SERVE_WAITLISTS -> lifecycle.serveWaitlists();
      case OUTBOX_RELAY -> session.outbox().deliverDue();
      case OUTBOX_PURGE -> {
        long purged = session.outbox().purge(settings.outboxRetention());
        yield new JobRun(purged, purged, 0, 0);
      }
    };
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler = new ThreadPoolTaskScheduler();
    scheduler.setPoolSize(1);
    scheduler.setThreadNamePrefix("licensekit-maintenance-");
    scheduler.setWaitForTasksToCompleteOnShutdown(false);
    scheduler.initialize();
    for (MaintenanceJob job : MaintenanceJob.values()) {
      scheduled.put(job, scheduler.schedule(() -> runScheduled(job), new CronTrigger(settings.cron(job))));
    }
    log.info("LicenseKit maintenance scheduled: {}", settings.describeSchedules());
  }

  private void runScheduled(MaintenanceJob job) {
    try {
      run(job);
    } catch (RuntimeException e) {
      log.error("Maintenance job {} could not run", job.id(), e);
    }
  }

  @Override
  public synchronized void stop() {
    if (scheduler == null) {
      return;
    }
    scheduled.values().forEach(future -> future.cancel(false));
    scheduled.clear();
    scheduler.shutdown();
    scheduler = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }

  /**
   * The parameters of the jobs: schedules, lock durations, follow-up and alert settings.
   *
   * @param crons the cron expression of each job
   * @param lockAtMostFor the longest a dead instance keeps a job locked
   * @param lockAtLeastFor the shortest a job's lock is held
   * @param followUp the follow-up's reminder steps and deadline
   * @param expirationAlerts the alert windows and contacts
   * @param monthlyReview the monthly review's recipients and windows; empty: the review is not sent
   * @param outboxRetention how long the outbox purge keeps delivered messages and dead letters
   */
  public record MaintenanceSettings(Map<MaintenanceJob, String> crons, Duration lockAtMostFor, Duration lockAtLeastFor,
      FollowUp followUp, ExpirationAlerts expirationAlerts, Optional<MonthlyReview> monthlyReview,
      OutboxRetention outboxRetention) {

    /**
     * Settings with the default outbox retention ({@link OutboxRetention#defaults()}).
     *
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when a job has no cron expression
     */
    public MaintenanceSettings(Map<MaintenanceJob, String> crons, Duration lockAtMostFor, Duration lockAtLeastFor,
        FollowUp followUp, ExpirationAlerts expirationAlerts, Optional<MonthlyReview> monthlyReview) {
      this(crons, lockAtMostFor, lockAtLeastFor, followUp, expirationAlerts, monthlyReview, OutboxRetention.defaults());
    }

    /**
     * Settings.
     *
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when a job has no cron expression
     */
    public MaintenanceSettings {
      crons = Map.copyOf(crons);
      Objects.requireNonNull(lockAtMostFor, "lockAtMostFor");
      Objects.requireNonNull(lockAtLeastFor, "lockAtLeastFor");
      Objects.requireNonNull(followUp, "followUp");
      Objects.requireNonNull(expirationAlerts, "expirationAlerts");
      Objects.requireNonNull(monthlyReview, "monthlyReview");
      Objects.requireNonNull(outboxRetention, "outboxRetention");
      for (MaintenanceJob job : MaintenanceJob.values()) {
        if (!crons.containsKey(job)) {
          throw new IllegalArgumentException("crons: no cron expression for " + job.id());
        }
      }
    }

    String cron(MaintenanceJob job) {
      return crons.get(job);
    }

    String describeSchedules() {
      StringBuilder out = new StringBuilder();
      for (MaintenanceJob job : MaintenanceJob.values()) {
        out.append(out.isEmpty() ? "" : ", ").append(job.id()).append(" at '").append(crons.get(job)).append('\'');
      }
      return out.toString();
    }
  }
}
