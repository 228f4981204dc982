package org.licensekit.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.domain.TenantId;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.rules.CommittedChange;
import org.licensekit.testkit.rules.TortureWorkload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JVM of {@link PostgresMultiJvmTortureTest}: runs the torture mix ({@link TortureWorkload}) on
 * its own connection pool against the shared database, then writes what it did for the parent.
 *
 * <p>Arguments: JDBC URL, tenant ids (comma-separated, generations separated by semicolons), seed, worker index, threads, duration in
 * milliseconds, the shared clock's origin (epoch microseconds) and rate, the directory to write
 * to, and whether the mix changes the settings. It writes {@code worker-N.ready} once connected and waits for the parent's {@code go} file, so
 * every JVM starts at once; then {@code worker-N.commits} (one {@link CommittedChange} a line),
 * {@code worker-N.receipts} (every message its notifier and event publisher received: id, tenant,
 * topic) and last {@code worker-N.report} (outcome counts and failures). Its exit code is 0 when it
 * wrote them, whatever the run found: the parent judges.
 */
public final class MultiJvmTortureWorker {

  private static final Logger LOG = LoggerFactory.getLogger(MultiJvmTortureWorker.class);

  private MultiJvmTortureWorker() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 10) {
      throw new IllegalArgumentException("expected 10 arguments, got " + Arrays.toString(args));
    }
    String url = args[0];
    List<List<String>> tenantIds = Arrays.stream(args[1].split(";")).map(g -> List.of(g.split(","))).toList();
    long seed = Long.parseLong(args[2]);
    int worker = Integer.parseInt(args[3]);
    int threads = Integer.parseInt(args[4]);
    Duration duration = Duration.ofMillis(Long.parseLong(args[5]));
    Instant origin = Instant.EPOCH.plusNanos(Long.parseLong(args[6]) * 1_000);
    long rate = Long.parseLong(args[7]);
    Path directory = Path.of(args[8]);
    boolean settingsChanges = Boolean.parseBoolean(args[9]);

    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername("postgres");
    config.setMaximumPoolSize(threads + 2);
    config.setPoolName("torture-worker-" + worker);
    try (HikariDataSource dataSource = new HikariDataSource(config);
        ReceivedMessages received = new ReceivedMessages(directory.resolve("worker-" + worker + ".receipts"))) {
      AcceleratedClock clock = new AcceleratedClock(origin, LicensingTestSupport.START, rate);
      Licensing licensing = Licensing.builder()
          .store(JdbcLicenseStore.builder(dataSource).migrate(false).build())
          .clock(clock)
          .notifier(received::notification)
          .events(received::event)
          .build();
      List<List<TenantLicensing>> tenants = tenantIds.stream()
          .map(generation -> generation.stream().map(id -> licensing.tenant(TenantId.of(id))).toList())
          .toList();
      Files.writeString(directory.resolve("worker-" + worker + ".ready"), "ready");
      awaitGo(directory.resolve("go"));
      LOG.info("worker {}: {} threads for {} on tenants {}, seed {}", worker, threads, duration, tenantIds, seed);
      TortureWorkload.Report report = TortureWorkload.run(tenants, clock, seed, worker, threads, duration, settingsChanges);
      writeCommits(directory.resolve("worker-" + worker + ".commits"), report.commits());
      writeReport(directory.resolve("worker-" + worker + ".report"), report);
      LOG.info("worker {}: {} commands, outcomes {}, {} failures", worker, report.commands(), report.outcomes(),
          report.failures().size());
    }
  }

  private static void awaitGo(Path go) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (!Files.exists(go)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The parent never said go");
      }
      Thread.sleep(5);
    }
  }

  private static void writeCommits(Path file, List<CommittedChange> commits) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (CommittedChange commit : commits) {
        out.write(commit.toLine());
        out.write('\n');
      }
    }
  }

  /** Outcome counts as {@code outcome.<name>}, failures as {@code failure.<n>}; written last, through a rename. */
  private static void writeReport(Path file, TortureWorkload.Report report) throws IOException {
    Properties properties = new Properties();
    report.outcomes().forEach((outcome, count) -> properties.setProperty("outcome." + outcome, Long.toString(count)));
    for (int i = 0; i < report.failures().size(); i++) {
      properties.setProperty("failure." + i, report.failures().get(i));
    }
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      properties.store(out, "torture worker report");
    }
    Files.move(partial, file);
  }

  /** The de-duplicating receiver's inbox in this JVM: every delivery written down, duplicates too. */
  static final class ReceivedMessages implements AutoCloseable {

    private final Writer out;

    ReceivedMessages(Path file) {
      try {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void notification(org.licensekit.core.spi.Notification notification) {
      write(notification.messageId().orElse("(none)"), notification.tenant(), "NOTIFICATION");
    }

    void event(org.licensekit.core.domain.LicenseEvent event) {
      write(event.messageId().orElse("(none)"), event.tenant(), "EVENT");
    }

    private synchronized void write(String id, TenantId tenant, String topic) {
      try {
        out.write(id + "\t" + tenant.value() + "\t" + topic + "\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public synchronized void close() throws IOException {
      out.close();
    }
  }
}
