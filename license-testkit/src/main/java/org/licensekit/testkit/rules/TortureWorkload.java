package org.licensekit.testkit.rules;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.licensekit.core.ActorSession;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.report.ReconciliationResult;
import org.licensekit.core.domain.Actor;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * The torture run's command mix for runs that span several processes on one database (each
 * process a worker): the same seeded random commands as {@link ConcurrentTortureSuite} — register,
 * assign and revoke roles and products, claim, revoke, transfer seats, bulk grants and revocations,
 * offboard, expiry sweeps, seat reductions, suspensions and reactivations racing e-mail edits, outbox
 * relays — on the same small world of eight users and six pools per tenant, and the same checks
 * afterwards ({@link #rulesBroken}). A worker runs for a time rather than a number of commands and
 * writes down what it committed to accounts and memberships ({@link CommittedChange}), so that the
 * run's owner can compare it with the database. Archiving is final and the world has eight user
 * ids, so a long run goes through generations of fresh tenants: in the {@code g}-th part of the
 * run, every thread works in generation {@code g}'s tenants.
 *
 * <p>Sequences are seeded: worker {@code w}'s thread {@code t} draws from
 * {@code SuiteSettings.sequenceSeed(seed, w * 1000 + t)}, so a seed repeats every process's commands
 * (not their interleaving, nor how many fit in the time).
 */
public final class TortureWorkload {

  /** The administrator the commands and checks act as. */
  public static final Actor ADMIN = PropertyWorld.ADMIN;

  private static final long STOP_GRACE_SECONDS = 120;

  private TortureWorkload() {}

  /**
   * What one worker did.
   *
   * @param outcomes commands by outcome: {@code done}, {@code refused <ErrorCode>}, {@code failed}
   * @param failures each unexpected exception, with the command that threw it; empty when none
   * @param commits the account and membership changes that went through, in the order each thread made them
   */
  public record Report(Map<String, Long> outcomes, List<String> failures, List<CommittedChange> commits) {

    /** Copies the collections. */
    public Report {
      outcomes = Map.copyOf(outcomes);
      failures = List.copyOf(failures);
      commits = List.copyOf(commits);
    }

    /** How many commands ran. */
    public long commands() {
      return outcomes.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Gives a fresh tenant the world of the run: the standard catalog of the suites, the six small
   * pools, and the seed's opening (five users registered, about three in four of them activated).
   *
   * @param tenant the tenant, with no data yet
   * @param clock the clock of the tenant's {@code Licensing}
   * @param seed the run's seed
   * @return the account changes the opening committed
   * @throws AssertionError when a command of the opening fails (the world could not be set up)
   */
  public static List<CommittedChange> prepare(TenantLicensing tenant, Clock clock, long seed) {
    ActorSession admin = tenant.as(ADMIN);
    LicensingTestSupport.defineStandardCatalog(admin);
    PropertyWorld.install(admin);
    List<CommittedChange> commits = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Command command : new CommandGenerator(new SplittableRandom(seed), clock, step -> { }, true).prologue()) {
      if (CommandRunner.run(command, tenant, failures).equals(CommandRunner.DONE)) {
        command.change().ifPresent(change -> commits.add(change.in(tenant.tenant().value())));
      }
    }
    if (!failures.isEmpty()) {
      throw new AssertionError("The opening of seed " + seed + " failed: " + failures);
    }
    return commits;
  }

  /**
   * Runs {@code threads} threads of random commands until {@code duration} has passed; in the
   * {@code g}-th of {@code generations.size()} equal parts of the time, thread {@code t} works in
   * {@code generations.get(g).get(t % generations.get(g).size())}. Nothing is thrown for a command:
   * an unexpected exception is in the report's failures.
   *
   * @param generations the tenants of each generation, each tenant {@link #prepare prepared} once (by any
   *     process); every generation names the same number of tenants
   * @param clock the clock the tenants' {@code Licensing} uses; it moves by itself, so the mix's clock moves do nothing
   * @param seed the run's seed
   * @param worker this worker's index, 0 to 999
   * @param threads how many threads, 1 to 999
   * @param duration for how long
   * @param settingsChanges whether the mix changes the tenant's settings ("suspended users keep their
   *     seats" on and off) while the rest runs
   * @return what the worker did
   * @throws InterruptedException when interrupted while waiting for the threads
   * @throws IllegalArgumentException when a size is out of range or no tenant is given
   */
  public static Report run(List<List<TenantLicensing>> generations, Clock clock, long seed, int worker, int threads,
      Duration duration, boolean settingsChanges) throws InterruptedException {
    if (generations.isEmpty() || generations.get(0).isEmpty()
        || generations.stream().anyMatch(g -> g.size() != generations.get(0).size())
        || worker < 0 || worker > 999 || threads < 1 || threads > 999 || duration.isNegative()) {
      throw new IllegalArgumentException(
          "generations must name the same number of tenants, at least one; worker 0..999, threads 1..999, duration >= 0");
    }
    Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    List<String> failures = new CopyOnWriteArrayList<>();
    List<List<CommittedChange>> commits = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int slot = t;
        CommandGenerator generator = new CommandGenerator(
            new SplittableRandom(SuiteSettings.sequenceSeed(seed, worker * 1_000 + t)), clock, step -> { }, settingsChanges);
        List<CommittedChange> own = new ArrayList<>();
        commits.add(own);
        futures.add(pool.submit(() -> {
          start.await();
          long begin = System.nanoTime();
          long end = begin + duration.toNanos();
          for (long now = begin; now < end; now = System.nanoTime()) {
            int generation = (int) Math.min(generations.size() - 1, (now - begin) * generations.size() / Math.max(1, duration.toNanos()));
            List<TenantLicensing> tenants = generations.get(generation);
            TenantLicensing tenant = tenants.get(slot % tenants.size());
            Command command = generator.next();
            String outcome = CommandRunner.run(command, tenant, failures);
            if (outcome.equals(CommandRunner.DONE)) {
              command.change().ifPresent(change -> own.add(change.in(tenant.tenant().value())));
            }
            outcomes.computeIfAbsent(outcome, key -> new AtomicLong()).incrementAndGet();
          }
          return null;
        }));
      }
      start.countDown();
      long wait = duration.toSeconds() + STOP_GRACE_SECONDS;
      for (int t = 0; t < threads; t++) {
        await(futures.get(t), t, wait, failures);
      }
    } finally {
      pool.shutdownNow();
    }
    Map<String, Long> counted = new TreeMap<>();
    outcomes.forEach((outcome, count) -> counted.put(outcome, count.get()));
    return new Report(counted, failures, commits.stream().flatMap(List::stream).toList());
  }

  private static void await(Future<?> future, int thread, long seconds, List<String> failures) throws InterruptedException {
    try {
      future.get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      failures.add("thread " + thread + " died: " + e.getCause());
    } catch (TimeoutException e) {
      failures.add("thread " + thread + " did not stop within " + seconds + " s (a command hung)");
    }
  }

  /**
   * The rules broken in the tenant after a run, in words; empty when all hold. Runs one closing
   * expiry sweep first, with nothing racing it, as a host's nightly job would (claims reach
   * {@code EXPIRED} only through it), then checks through the public API what
   * {@link ConcurrentTortureSuite} checks: live claims equal the counters and stay within the seats,
   * one live claim per user × product, stamped claims, archived users seatless, every claim's
   * assignment, activation and end audited, and a reconciliation dry run that finds nothing the
   * settings history does not explain.
   *
   * @param tenant the tenant, on a {@code Licensing} whose clock is at (or after) the end of the run
   * @return the broken rules
   */
  public static List<String> rulesBroken(TenantLicensing tenant) {
    Objects.requireNonNull(tenant, "tenant");
    tenant.as(Actor.system("closing-sweep")).lifecycle().expireDue();
    ActorSession admin = tenant.as(ADMIN);
    InvariantChecker checker = new InvariantChecker(admin, PropertyWorld.USERS);
    List<String> broken = new ArrayList<>(checker.check());
    broken.addAll(checker.checkAudited());
    ReconciliationResult reconciliation = admin.reports().reconcile(true);
    SettingsHistory.read(admin).unexplained(reconciliation.found())
        .forEach(d -> broken.add("reconciliation found " + d));
    return broken;
  }
}
