package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.MutableClock;
import org.licensekit.testkit.rules.CommittedChange;
import org.licensekit.testkit.rules.SuiteSettings;
import org.licensekit.testkit.rules.TortureWorkload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The torture run across processes: several JVMs ({@value #JVMS} by default), each with sixteen
 * threads of the seeded random mix ({@link TortureWorkload}), on the same tenants of one embedded
 * PostgreSQL at once, for a bounded time. Only the database keeps the rules here: the JVMs share
 * nothing else but the machine's clock (accelerated alike in every JVM). Afterwards the parent
 * judges from the database: the rules through the public API ({@link TortureWorkload#rulesBroken}),
 * the audit chain, and from the tables ({@link TortureDatabaseOracle}) the counters, claim
 * histories, no lost role, status or e-mail against the workers' logs of what they committed, and
 * every outbox message delivered, exactly once after de-duplication by its stable id. Any unexpected
 * exception in a worker fails the run; the seed is in every failure ({@code -Dlicensekit.seed}).
 *
 * <p>Sizes: {@code licensekit.multijvm.jvms}, {@code .threads} (per JVM), {@code .seconds},
 * {@code .tenants}, {@code .clockRate} (simulated seconds per real second) and
 * {@code .generationSeconds} (a long run moves on to fresh tenants this often, since archiving is
 * final); the build's {@code torture} profile runs a long version.
 */
class PostgresMultiJvmTortureTest {

  static final String JVMS_PROPERTY = "licensekit.multijvm.jvms";
  static final String THREADS_PROPERTY = "licensekit.multijvm.threads";
  static final String SECONDS_PROPERTY = "licensekit.multijvm.seconds";
  static final String TENANTS_PROPERTY = "licensekit.multijvm.tenants";
  static final String RATE_PROPERTY = "licensekit.multijvm.clockRate";
  static final String GENERATION_PROPERTY = "licensekit.multijvm.generationSeconds";
  /** Whether the mix changes the tenants' settings (default: it does). */
  static final String SETTINGS_PROPERTY = "licensekit.multijvm.settingsChanges";

  private static final int JVMS = 2;
  private static final Logger LOG = LoggerFactory.getLogger(PostgresMultiJvmTortureTest.class);

  private final List<Process> workers = new ArrayList<>();
  private Path directory;
  private HikariDataSource pooled;

  @AfterEach
  void stopWorkers() throws IOException {
    workers.forEach(Process::destroyForcibly);
    if (pooled != null) {
      pooled.close();
    }
    if (directory != null) {
      try (var files = Files.list(directory)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(directory);
    }
  }

  @Test
  void jvmsOfRandomCommandsOnOneDatabaseBreakNoRuleAndLoseNothing() throws Exception {
    long seed = SuiteSettings.seed();
    int jvms = SuiteSettings.size(JVMS_PROPERTY, JVMS);
    int threads = SuiteSettings.size(THREADS_PROPERTY, 16);
    int seconds = SuiteSettings.size(SECONDS_PROPERTY, 20);
    int tenantCount = SuiteSettings.size(TENANTS_PROPERTY, 2);
    long rate = SuiteSettings.size(RATE_PROPERTY, 21_600);
    // archiving is final: a long run moves on to fresh tenants every generationSeconds
    boolean settingsChanges = Boolean.parseBoolean(System.getProperty(SETTINGS_PROPERTY, "true").trim());
    int generationSeconds = SuiteSettings.size(GENERATION_PROPERTY, 60);
    int generations = (seconds + generationSeconds - 1) / generationSeconds;
    String replay = "seed " + seed + " (-D" + SuiteSettings.SEED + "=" + seed + ")";
    LOG.info("multi-JVM torture: {} JVMs x {} threads for {} s on {} generations of {} tenants, clock x{}, settings changes {}, {}",
        jvms, threads, seconds, generations, tenantCount, rate, settingsChanges, replay);

    PostgresTestDatabase database = PostgresTestDatabase.create();
    pooled = (HikariDataSource) SharedStores.pooled(database, 8);
    JdbcLicenseStore store = JdbcLicenseStore.builder(pooled).build();
    Instant origin = Instant.now().truncatedTo(ChronoUnit.MICROS);
    AcceleratedClock sharedClock = new AcceleratedClock(origin, LicensingTestSupport.START, rate);
    List<TortureDatabaseOracle.Receipt> receipts = new CopyOnWriteArrayList<>();
    Licensing setup = licensing(store, sharedClock, receipts);
    List<String> tenantIds = new ArrayList<>();
    List<String> generationArguments = new ArrayList<>();
    List<CommittedChange> commits = new ArrayList<>();
    for (int g = 0; g < generations; g++) {
      List<String> generation = new ArrayList<>();
      for (int i = 0; i < tenantCount; i++) {
        String id = "torture-" + g + "-" + i;
        generation.add(id);
        commits.addAll(TortureWorkload.prepare(setup.tenant(TenantId.of(id)), sharedClock,
            SuiteSettings.sequenceSeed(seed, -1 - g * tenantCount - i)));
      }
      tenantIds.addAll(generation);
      generationArguments.add(String.join(",", generation));
    }

    directory = Files.createTempDirectory("multi-jvm-torture");
    for (int worker = 0; worker < jvms; worker++) {
      workers.add(start(database.jdbcUrl(), String.join(";", generationArguments), seed, worker, threads, seconds, origin, rate, settingsChanges));
    }
    awaitReady(jvms);
    long started = System.nanoTime();
    Files.writeString(directory.resolve("go"), "go");
    Map<String, Long> outcomes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (int worker = 0; worker < jvms; worker++) {
      Process process = workers.get(worker);
      assertThat(process.waitFor(seconds + 300L, TimeUnit.SECONDS)).as("worker %d finished; %s; its log:%n%s", worker, replay,
          log(worker)).isTrue();
      assertThat(process.exitValue()).as("worker %d exit code; %s; its log:%n%s", worker, replay, log(worker)).isZero();
      readReport(worker, outcomes, failures);
      commits.addAll(readCommits(worker));
      receipts.addAll(readReceipts(worker));
    }
    double elapsed = (System.nanoTime() - started) / 1e9;
    String said = replay + ", outcomes " + outcomes;
    assertThat(failures).as("unexpected exceptions in the workers: %s", said).isEmpty();
    assertThat(outcomes.getOrDefault("done", 0L)).as("commands that went through: %s", said).isPositive();

    // The parent judges at the end of the run, on a clock that stands still there.
    MutableClock end = new MutableClock(sharedClock.instant().truncatedTo(ChronoUnit.MICROS));
    Licensing judge = licensing(store, end, receipts);
    List<String> violations = new ArrayList<>();
    for (String id : tenantIds) {
      TenantLicensing tenant = judge.tenant(TenantId.of(id));
      TortureWorkload.rulesBroken(tenant).forEach(broken -> violations.add(id + ": " + broken));
      AuditVerification chain = tenant.as(TortureWorkload.ADMIN).audit().verify();
      if (!chain.intact()) {
        violations.add(id + ": the audit chain is broken: " + chain.firstBreak());
      }
    }
    // a message whose delivery was interrupted is the relay's once its lease ran out
    end.advance(Duration.ofDays(1));
    for (String id : tenantIds) {
      judge.tenant(TenantId.of(id)).as(Actor.system("closing-relay")).outbox().deliverDue();
    }
    TortureDatabaseOracle oracle = new TortureDatabaseOracle(database.raw());
    oracle.checkSeats();
    oracle.checkClaimHistories();
    oracle.checkAccounts(commits);
    oracle.checkMemberships(commits);
    oracle.checkOutbox(receipts);
    oracle.countAudit();
    violations.addAll(oracle.violations());

    if (!violations.isEmpty()) {
      LOG.error("rules broken after the run of {}: {}; the audit trail of the users named:{}", replay, violations,
          oracle.trailOf(violations));
    }
    assertThat(violations).as("rules broken after the run: %s", said).isEmpty();
    long commands = outcomes.values().stream().mapToLong(Long::longValue).sum();
    LOG.info("multi-JVM torture of {}: {} JVMs x {} threads, {} commands in {} s ({} done), outcomes {}, checked {}, violations: 0",
        replay, jvms, threads, commands, String.format("%.1f", elapsed), outcomes.getOrDefault("done", 0L), outcomes, oracle.figures());
  }

  private static Licensing licensing(JdbcLicenseStore store, java.time.Clock clock, List<TortureDatabaseOracle.Receipt> receipts) {
    return Licensing.builder()
        .store(store)
        .clock(clock)
        .notifier(n -> receipts.add(new TortureDatabaseOracle.Receipt(n.messageId().orElse("(none)"), n.tenant().value(), "NOTIFICATION")))
        .events(e -> receipts.add(new TortureDatabaseOracle.Receipt(e.messageId().orElse("(none)"), e.tenant().value(), "EVENT")))
        .build();
  }

  private Process start(String url, String tenants, long seed, int worker, int threads, int seconds, Instant origin, long rate,
      boolean settingsChanges) throws IOException {
    long originMicros = ChronoUnit.MICROS.between(Instant.EPOCH, origin);
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp", System.getProperty("java.class.path"),
            MultiJvmTortureWorker.class.getName(),
            url, tenants, Long.toString(seed), Integer.toString(worker), Integer.toString(threads),
            Long.toString(seconds * 1_000L), Long.toString(originMicros), Long.toString(rate), directory.toString(),
            Boolean.toString(settingsChanges))
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("worker-" + worker + ".log").toFile())
        .start();
  }

  private void awaitReady(int jvms) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    for (int worker = 0; worker < jvms; worker++) {
      while (!Files.exists(directory.resolve("worker-" + worker + ".ready"))) {
        if (!workers.get(worker).isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError("Worker " + worker + " did not get ready; its log:\n" + log(worker));
        }
        Thread.sleep(20);
      }
    }
  }

  private String log(int worker) throws IOException {
    Path file = directory.resolve("worker-" + worker + ".log");
    return Files.exists(file) ? Files.readString(file) : "(none)";
  }

  private void readReport(int worker, Map<String, Long> outcomes, List<String> failures) throws IOException {
    Properties report = new Properties();
    try (Reader in = Files.newBufferedReader(directory.resolve("worker-" + worker + ".report"), StandardCharsets.UTF_8)) {
      report.load(in);
    }
    report.stringPropertyNames().forEach(key -> {
      if (key.startsWith("outcome.")) {
        outcomes.merge(key.substring("outcome.".length()), Long.parseLong(report.getProperty(key)), Long::sum);
      } else if (key.startsWith("failure.")) {
        failures.add("worker " + worker + ": " + report.getProperty(key));
      }
    });
  }

  private List<CommittedChange> readCommits(int worker) throws IOException {
    return Files.readAllLines(directory.resolve("worker-" + worker + ".commits"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isEmpty())
        .map(CommittedChange::parse)
        .toList();
  }

  private List<TortureDatabaseOracle.Receipt> readReceipts(int worker) throws IOException {
    return Files.readAllLines(directory.resolve("worker-" + worker + ".receipts"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isEmpty())
        .map(line -> line.split("\t"))
        .map(f -> new TortureDatabaseOracle.Receipt(f[0], f[1], f[2]))
        .toList();
  }
}
