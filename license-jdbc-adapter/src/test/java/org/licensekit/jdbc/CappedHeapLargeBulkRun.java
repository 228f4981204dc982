package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.LargeBulkRunContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other JVM of {@link PostgresLargeBulkRunTest}: runs {@link LargeBulkRunContract} on the
 * PostgreSQL database named by the system property {@value #URL_PROPERTY}, in a JVM started with a
 * capped heap, and logs each run's time and peak heap. Not a test class of the build itself (its
 * name does not end in "Test"): {@link #main} runs it through the JUnit launcher and exits 0 only
 * when every test passed.
 */
public class CappedHeapLargeBulkRun extends LargeBulkRunContract {

  static final String URL_PROPERTY = "licensekit.jdbc.largeBulkUrl";
  static final long HEAP_CAP = 256L * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(CappedHeapLargeBulkRun.class);

  private static final class Shared {
    static final LicenseStore STORE = JdbcLicenseStore.builder(dataSource()).migrate(false).build();

    private static HikariDataSource dataSource() {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(System.getProperty(URL_PROPERTY));
      config.setUsername("postgres");
      config.setMaximumPoolSize(2);
      return new HikariDataSource(config);
    }
  }

  private long started;

  @Override
  protected LicenseStore createStore() {
    return Shared.STORE;
  }

  @Test
  void theHeapIsCapped() {
    assertThat(Runtime.getRuntime().maxMemory()).as("max heap of this JVM").isLessThanOrEqualTo(HEAP_CAP);
  }

  @BeforeEach
  void resetPeakHeap() {
    heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    started = System.nanoTime();
  }

  @AfterEach
  void logTimeAndPeakHeap(TestInfo test) {
    long peak = heapPools().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    LOG.info("{} with {} users: {} s including seeding, peak heap {} MiB of {} MiB", test.getDisplayName(), largeRunUsers(),
        String.format("%.1f", (System.nanoTime() - started) / 1e9), peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
  }

  private static Stream<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP);
  }

  /** Runs this class's tests; exit code 0 when all passed. */
  public static void main(String[] args) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectClass(CappedHeapLargeBulkRun.class)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();
    StringWriter report = new StringWriter();
    summary.printFailuresTo(new PrintWriter(report), 25);
    LOG.info("{} tests succeeded, {} failed{}", summary.getTestsSucceededCount(), summary.getTotalFailureCount(), report);
    boolean passed = summary.getTotalFailureCount() == 0 && summary.getTestsSucceededCount() == summary.getTestsFoundCount();
    System.exit(passed ? 0 : 1);
  }
}
