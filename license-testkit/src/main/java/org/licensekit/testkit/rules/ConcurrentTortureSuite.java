package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.report.ReconciliationResult;
import org.licensekit.core.domain.Actor;
import org.licensekit.testkit.LicensingTestSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded torture run: {@value #THREADS} threads, each with a seeded random command sequence of its
 * own (register, assign, claim, revoke, transfer, bulk grants and revocations, offboard, expiry sweeps, seat
 * reductions, status changes racing e-mail edits, outbox relays, clock moves), all on one tenant's eight users and six
 * small pools at once. Afterwards every rule is checked through the public API: live claims equal
 * the counters and stay within the seats, one live claim per user × product, stamped claims, archived
 * users seatless, every claim's transitions audited, and — after one closing expiry sweep, as a
 * host's nightly job would run — a reconciliation dry run finds nothing but the seats of users
 * suspended while the tenant let suspended users keep them ({@link SettingsHistory}).
 *
 * <p>Refusals (conflicts — concurrency conflicts included —, not-found, bad input, and
 * {@code STORE_RETRIES_EXHAUSTED} when a command kept losing races; see {@link CommandRunner}) are
 * part of the game and counted; any other exception fails the run. The seed is logged and named in
 * every failure: rerun with {@code -Dlicensekit.seed=<seed>} (threads interleave differently, so a
 * replay repeats the commands, not necessarily the interleaving). Size:
 * {@code -Dlicensekit.torture.commands} per thread (default 40).
 */
public abstract class ConcurrentTortureSuite extends LicensingTestSupport {

  /** Commands per thread. */
  public static final String COMMANDS = "licensekit.torture.commands";

  private static final Logger LOG = LoggerFactory.getLogger(ConcurrentTortureSuite.class);
  private static final int THREADS = 16;

  @Test
  void sixteenThreadsOfRandomCommandsBreakNoRule() throws InterruptedException {
    long seed = SuiteSettings.seed();
    int commands = SuiteSettings.size(COMMANDS, 40);
    LOG.info("torture run: {} threads x {} commands, seed {} (replay with -D{}={})", THREADS, commands, seed,
        SuiteSettings.SEED, seed);
    PropertyWorld.install(admin);
    for (Command command : new CommandGenerator(new SplittableRandom(seed), clock).prologue()) {
      run(command, new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>());
    }
    Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    List<String> failures = new CopyOnWriteArrayList<>();

    List<Race.Outcome<Object>> threads = Race.run(THREADS, thread -> () -> {
      CommandGenerator generator = new CommandGenerator(new SplittableRandom(SuiteSettings.sequenceSeed(seed, thread)), clock);
      for (int step = 0; step < commands; step++) {
        run(generator.next(), outcomes, failures);
      }
      return null;
    });

    String replay = "seed " + seed + " (-D" + SuiteSettings.SEED + "=" + seed + "), outcomes " + outcomes;
    assertThat(threads).as("threads that died: %s", replay).noneMatch(Race.Outcome::failed);
    assertThat(failures).as("unexpected exceptions: %s", replay).isEmpty();
    // Claims reach EXPIRED only through the sweep (a host's nightly job): a run that moved the clock
    // ends with claims past their expiry that no sweep has ended yet, which reconciliation reports
    // by design. The closing sweep, with nothing racing it, must end every one of them.
    tenant.as(Actor.system("closing-sweep")).lifecycle().expireDue();
    InvariantChecker checker = new InvariantChecker(admin, PropertyWorld.USERS);
    assertThat(checker.check()).as("rules broken after the run: %s", replay).isEmpty();
    assertThat(checker.checkAudited()).as("unaudited transitions: %s", replay).isEmpty();
    ReconciliationResult reconciliation = admin.reports().reconcile(true);
    // a settings change to "suspended users give up their seats" is not retroactive: what it leaves
    // behind is reconciliation's to report, and explained by the audit trail
    assertThat(SettingsHistory.read(admin).unexplained(reconciliation.found())).as("reconciliation: %s", replay).isEmpty();
    long done = outcomes.getOrDefault("done", new AtomicLong()).get();
    assertThat(done).as("commands that went through: %s", replay).isPositive();
    LOG.info("torture run of seed {}: {} commands, outcomes {}, {} claims", seed, THREADS * commands, outcomes,
        checker.claimsSeen());
  }

  private void run(Command command, Map<String, AtomicLong> outcomes, List<String> failures) {
    String outcome = CommandRunner.run(command, tenant, failures);
    outcomes.computeIfAbsent(outcome, key -> new AtomicLong()).incrementAndGet();
  }
}
