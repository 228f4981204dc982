package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.licensekit.testkit.bulk.LargeBulkRunContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale test: {@link LargeBulkRunContract} on PostgreSQL in a second JVM whose heap is
 * capped at 256 MiB ({@link CappedHeapLargeBulkRun}), so a run that kept an object per user would
 * fail with an OutOfMemoryError. The size is the system property {@code licensekit.jdbc.largeBulkUsers}:
 * 2,000 in the default build, 100,000 with the Maven profile {@code large-bulk}. The second JVM's
 * log, with each run's time and peak heap, is copied into this test's output.
 */
class PostgresLargeBulkRunTest {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresLargeBulkRunTest.class);
  private static final int DEFAULT_USERS = 2_000;

  @Test
  void districtScaleBulkRunsPassInAJvmWithTheHeapCappedAt256Megabytes() throws Exception {
    int users = Integer.getInteger("licensekit.jdbc.largeBulkUsers", DEFAULT_USERS);
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.dataSource()).build(); // migrates; the other JVM does not
    Path log = Files.createTempFile("large-bulk-run", ".log");
    Process run = new ProcessBuilder(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx" + (CappedHeapLargeBulkRun.HEAP_CAP >> 20) + "m",
            "-D" + CappedHeapLargeBulkRun.URL_PROPERTY + "=" + database.jdbcUrl(),
            "-Dlicensekit.bulk.largeUsers=" + users,
            "-cp", System.getProperty("java.class.path"),
            CappedHeapLargeBulkRun.class.getName()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    try {
      boolean finished = run.waitFor(Math.max(10, users / 100), TimeUnit.MINUTES);
      String output = Files.readString(log);
      LOG.info("The heap-capped JVM's log:\n{}", output);
      assertThat(finished).as("the heap-capped JVM finished in time; its log:%n%s", output).isTrue();
      assertThat(run.exitValue()).as("the heap-capped JVM's exit code; its log:%n%s", output).isZero();
      assertThat(output).contains("with " + users + " users");
    } finally {
      run.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }
}
