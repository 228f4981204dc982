package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.Licensing;
import org.licensekit.core.StoreException;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.OutboxCounts;
import org.licensekit.core.api.report.ReconciliationResult;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;
import org.licensekit.testkit.bulk.BulkTestSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection: connections cut in the middle of single commands, bulk runs with an idempotency
 * key, the expiry sweep, the reminder job and the outbox relay, and a host notifier or event
 * publisher that fails (throws) while the outbox delivers. A subclass
 * gives the store and its {@link ConnectionFaults} (for example PostgreSQL's
 * {@code pg_terminate_backend} from a second connection).
 *
 * <p>Each fault: prepare fresh records (no fault armed), run the command with the connection cut at
 * a seeded point — before one of its statements, before a commit, or after a commit whose
 * acknowledgement is lost — and, at a seeded quarter of the faults, with the host's notifier or
 * event publisher failing its next delivery (the command's own, or its retry's when the cut kept the
 * command from committing). Then the caller's answer is judged (it returned and the change committed, or it threw
 * {@code STORE_UNAVAILABLE}; when the change committed anyway the message must say the commit may
 * have happened), the caller finishes the job as a host would (retries the command or the same bulk
 * request, runs the job again), the outbox is relayed, and the data is checked: the command's own
 * effects and audit entries, a retried bulk request's result, one stable message id per delivered
 * message and every message whose delivery failed arrived later under its id, no pending or dead
 * message left, an intact audit hash chain and a reconciliation that
 * finds nothing; every tenth fault, and at the end, also every rule of {@link InvariantChecker}
 * over every user and claim.
 *
 * <p>Where the cuts fall is seeded ({@code -Dlicensekit.seed}, logged and named in every failure);
 * how many faults: {@code -Dlicensekit.faults} (default 40).
 */
public abstract class FaultInjectionSuite extends BulkTestSupport {

  /** How many faults one run injects. */
  public static final String FAULTS = "licensekit.faults";
  /**
   * When {@code true}, every point of every scenario gets one cut (as counted without a fault), in
   * order, instead of {@link #FAULTS} cuts at seeded points.
   */
  public static final String EVERY_POINT = "licensekit.faults.everyPoint";
  /** Only the scenario of this name (e.g. {@code bulk all-or-nothing}), to chase one finding; blank: all. */
  public static final String ONLY = "licensekit.faults.only";

  private static final Logger LOG = LoggerFactory.getLogger(FaultInjectionSuite.class);
  private static final int FULL_CHECK_EVERY = 10;
  private static final int MAX_VIOLATIONS = 5;

  private FlakyDelivery flaky;
  private final List<UserId> everyone = new CopyOnWriteArrayList<>();

  /** The cuts on the connections of the store {@link #createStore()} returns. */
  protected abstract ConnectionFaults faults();

  @BeforeEach
  void failingNotifier() {
    flaky = new FlakyDelivery(notifier, events);
    licensing = Licensing.builder().store(store).clock(clock).notifier(flaky.notifier()).events(flaky.events()).build();
    tenant = licensing.tenant(tenantId);
    admin = tenant.as(Actor.systemAdministrator("admin-1"));
    Term longTerm = Term.of(START.minus(Duration.ofDays(7)), START.plus(Duration.ofDays(730)));
    pool(OBSERVATION, 100_000, longTerm);
    pool(COACHING, 100_000, longTerm);
  }

  @Test
  void everyInjectedFaultLeavesTheDataWholeAndTheCallerAClearAnswer() {
    long seed = SuiteSettings.seed();
    int faultCount = SuiteSettings.size(FAULTS, 40);
    LOG.info("fault injection: {} faults, seed {} (replay with -D{}={})", faultCount, seed, SuiteSettings.SEED, seed);
    SplittableRandom random = new SplittableRandom(seed);
    String only = System.getProperty(ONLY, "").trim();
    List<FaultScenario> scenarios = new FaultScenarios(this).all().stream()
        .filter(scenario -> only.isEmpty() || scenario.name().equals(only)).collect(Collectors.toList());
    assertThat(scenarios).as("scenarios named %s", only).isNotEmpty();
    Map<String, Integer> points = calibrate(scenarios);
    InvariantChecker checker = new InvariantChecker(admin, everyone);
    Tally tally = new Tally();
    List<String> violations = new ArrayList<>();

    List<Placed> plan = plan(scenarios, points, faultCount, random);
    for (int fault = 0; fault < plan.size() && violations.size() < MAX_VIOLATIONS; fault++) {
      FaultScenario scenario = plan.get(fault).scenario();
      int at = plan.get(fault).at();
      boolean notifierFails = random.nextInt(4) == 0;
      String where = "fault " + fault + " (" + scenario.name() + ", point " + at + (notifierFails ? ", delivery failing" : "")
          + ") of seed " + seed + " (-D" + SuiteSettings.SEED + "=" + seed + ")";
      List<String> broken = inject(scenario, "f" + fault, at, notifierFails, tally);
      broken.addAll(whole(checker, fault % FULL_CHECK_EVERY == FULL_CHECK_EVERY - 1));
      broken.forEach(problem -> violations.add(where + ": " + problem));
      if (tally.lastInjected) {
        tally.injected++;
        tally.survived += broken.isEmpty() ? 1 : 0;
      }
    }
    List<String> closing = whole(checker, true);
    closing.addAll(checker.checkAudited());
    closing.forEach(problem -> violations.add("after the run of seed " + seed + ": " + problem));

    LOG.info("fault injection of seed {}: {} faults planned, {}", seed, plan.size(), tally);
    assertThat(violations).as("violations after injected faults, seed %s (-D%s=%s); %s", seed, SuiteSettings.SEED, seed, tally)
        .isEmpty();
    assertThat(tally.cuts).as("connection cuts that fell inside their command, seed %s", seed).isPositive();
    assertThat(tally.survived).as("faults survived, seed %s", seed).isEqualTo(tally.injected);
  }

  /** Where the cuts fall: seeded points, the scenarios in turn; or every point of every scenario. */
  private static List<Placed> plan(List<FaultScenario> scenarios, Map<String, Integer> points, int faultCount,
      SplittableRandom random) {
    List<Placed> plan = new ArrayList<>();
    if (Boolean.getBoolean(EVERY_POINT)) {
      scenarios.forEach(scenario -> {
        for (int at = 0; at < points.get(scenario.name()); at++) {
          plan.add(new Placed(scenario, at));
        }
      });
      return plan;
    }
    for (int fault = 0; fault < faultCount; fault++) {
      FaultScenario scenario = scenarios.get(fault % scenarios.size());
      plan.add(new Placed(scenario, random.nextInt(points.get(scenario.name()))));
    }
    return plan;
  }

  private record Placed(FaultScenario scenario, int at) {}

  /** Runs each scenario once with nothing armed, counting its points: where its cuts may fall. */
  private Map<String, Integer> calibrate(List<FaultScenario> scenarios) {
    Map<String, Integer> points = new TreeMap<>();
    for (FaultScenario scenario : scenarios) {
      FaultScenario.Run run = scenario.prepare("calibration-" + scenario.name().replace(' ', '-'));
      faults().arm(Optional.empty());
      Object value;
      try {
        value = run.act();
      } finally {
        points.put(scenario.name(), Math.max(1, faults().points()));
        faults().disarm();
      }
      run.settle(Optional.of(value));
      assertThat(run.check(Optional.of(value))).as("%s without a fault", scenario.name()).isEmpty();
    }
    LOG.info("fault points per command: {}", points);
    return points;
  }

  /** One fault: the command with the cut armed, the caller's answer judged, the job finished. */
  private List<String> inject(FaultScenario scenario, String label, int at, boolean notifierFails, Tally tally) {
    List<String> broken = new ArrayList<>();
    FaultScenario.Run run = scenario.prepare(label);
    if (notifierFails) {
      flaky.failNext(1);
    }
    faults().arm(Optional.of(at));
    Optional<Object> first = Optional.empty();
    RuntimeException thrown = null;
    try {
      first = Optional.of(run.act());
    } catch (RuntimeException e) {
      thrown = e;
    } finally {
      tally.lastInjected = false;
      faults().disarm().ifPresentOrElse(cut -> {
        tally.cut(scenario.name(), cut);
        tally.lastInjected = true;
        tally.lastCutAt = cut.toString();
      }, () -> {
        tally.notReached++;
        tally.lastCutAt = "not reached";
      });
    }
    Optional<Boolean> committed = run.committed();
    LOG.info("{}: cut {}, caller got {}, committed {}", label, tally.lastCutAt,
        thrown == null ? "a result" : thrown.toString(), committed.map(String::valueOf).orElse("in part or whole"));
    if (thrown == null) {
      tally.returned++;
      if (committed.isPresent() && !committed.get()) {
        broken.add("the command returned normally but its change is not in the database");
      }
    } else {
      tally.refused++;
      judge(thrown, committed, broken);
    }
    try {
      run.settle(first);
      // the failing delivery, if armed, falls in the command's own delivery or in its retry's
      int deliveryFailures = flaky.stopFailing();
      tally.notifierFailures += deliveryFailures;
      tally.lastInjected |= deliveryFailures > 0;
      broken.addAll(relay());
      broken.addAll(run.check(first));
    } catch (RuntimeException e) {
      LOG.error("{}: finishing the job after the fault failed", label, e);
      broken.add("finishing the job after the fault (as a caller would: the same request again, the job again) threw " + e);
    }
    return broken;
  }

  /** A cut must reach the caller as STORE_UNAVAILABLE; a committed change only with "may or may not have committed". */
  private static void judge(RuntimeException thrown, Optional<Boolean> committed, List<String> broken) {
    if (!(thrown instanceof StoreException store) || !ErrorCode.STORE_UNAVAILABLE.name().equals(store.code())) {
      LOG.error("the caller got an unclear error", thrown);
      broken.add("the caller got " + thrown + " instead of STORE_UNAVAILABLE");
      return;
    }
    if (committed.orElse(false) && !thrown.getMessage().contains("may or may not have committed")) {
      broken.add("the change committed but the caller was told: " + thrown.getMessage());
    }
  }

  /** Delivers every due message as the relay job would, moving the clock past leases and backoffs. */
  private List<String> relay() {
    for (int round = 0; round < 6; round++) {
      advance(Duration.ofHours(1));
      admin.outbox().deliverDue();
      if (admin.outbox().counts().pending() == 0) {
        return List.of();
      }
    }
    return List.of("outbox messages still pending after six relay runs: " + admin.outbox().counts());
  }

  /** What must hold in the whole tenant after every fault; {@code full} adds every user's claims. */
  private List<String> whole(InvariantChecker checker, boolean full) {
    List<String> broken = new ArrayList<>();
    // as the nightly job would: claims past their expiry are the sweep's, not reconciliation's
    tenant.as(Actor.system("nightly-sweep")).lifecycle().expireDue();
    broken.addAll(relay());
    OutboxCounts counts = admin.outbox().counts();
    if (counts.dead() != 0 || counts.pending() != 0) {
      broken.add("outbox left with " + counts);
    }
    // a bulk run's batch (NOTIFICATIONS, EVENTS) is one message whose items arrive as <its id>/<place>
    long distinct = Stream.concat(notifier.sent().stream().map(Notification::messageId),
        events.published().stream().map(LicenseEvent::messageId))
        .map(id -> id.map(value -> value.replaceFirst("/\\d+$", ""))).distinct().count();
    if (distinct != counts.delivered()) {
      broken.add(counts.delivered() + " outbox messages delivered but " + distinct + " distinct messages received");
    }
    java.util.Set<Optional<String>> received = Stream.concat(notifier.sent().stream().map(Notification::messageId),
        events.published().stream().map(LicenseEvent::messageId)).collect(Collectors.toSet());
    List<String> lost = flaky.failedIds().stream().filter(id -> !received.contains(Optional.of(id))).collect(Collectors.toList());
    if (!lost.isEmpty()) {
      broken.add("messages whose delivery failed never arrived under their id: " + lost);
    }
    if (!admin.audit().verify().intact()) {
      broken.add("the audit hash chain is broken: " + admin.audit().verify());
    }
    ReconciliationResult reconciliation = admin.reports().reconcile(true);
    if (!reconciliation.found().isEmpty()) {
      broken.add("reconciliation found " + reconciliation.found());
    }
    if (full) {
      everyone.clear();
      everyone.addAll(admin.users().list().stream().map(UserAccount::id).collect(Collectors.toList()));
      broken.addAll(checker.check());
    }
    return broken;
  }

  ActorSession adminSession() {
    return admin;
  }

  ActorSession userSession(UserId user) {
    return asUser(user);
  }

  ActorSession systemSession(String job) {
    return tenant.as(Actor.system(job));
  }

  UserId plain(String id, OrganizationId organization) {
    return plainUser(id, organization);
  }

  /** An active teacher in north: pending observation and coaching claims. */
  UserId teacher(String id) {
    return activeUser(id, DefaultCatalog.TEACHER, NORTH);
  }

  void termPool(ProductId product, int seats, Term term) {
    pool(product, seats, term);
  }

  Instant now() {
    return clock.instant();
  }

  void advance(Duration by) {
    clock.advance(by);
  }

  void failNextSends(int sends) {
    flaky.failNext(sends);
  }

  int stopFailing() {
    return flaky.stopFailing();
  }

  List<String> failedIds() {
    return flaky.failedIds();
  }

  List<Notification> sent(Notification.Kind kind) {
    return notifier.sent(kind);
  }

  /** What the run did, for its closing log line and its failure messages. */
  private static final class Tally {
    int injected;
    int cuts;
    int notReached;
    int notifierFailures;
    int survived;
    int returned;
    int refused;
    boolean lastInjected;
    String lastCutAt = "";
    final Map<String, Integer> byPlacement = new TreeMap<>();
    final Map<String, Integer> byScenario = new TreeMap<>();

    void cut(String scenario, ConnectionFaults.Cut cut) {
      cuts++;
      byPlacement.merge(cut.placement().name(), 1, Integer::sum);
      byScenario.merge(scenario, 1, Integer::sum);
    }

    @Override
    public String toString() {
      return "faults injected " + injected + ", survived " + survived + " (connection cuts " + cuts + " " + byPlacement + " " + byScenario + ", delivery failures " + notifierFailures
          + ", cuts not reached " + notReached + "), caller got a result " + returned
          + " / STORE_UNAVAILABLE " + refused;
    }
  }
}
