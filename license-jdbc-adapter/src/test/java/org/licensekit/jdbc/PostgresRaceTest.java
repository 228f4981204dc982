package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.UserId;

/**
 * The seat rule and the one-live-claim rule under real concurrency on PostgreSQL: separate
 * connections in one JVM, and two JVMs on the same pool. Only the database keeps the rules here.
 */
class PostgresRaceTest {

  private static final int SEATS = 50;

  private PostgresTestDatabase database;
  private JdbcLicenseStore store;

  @BeforeEach
  void createPool() {
    database = PostgresTestDatabase.create();
    store = JdbcLicenseStore.builder(database.dataSource()).build();
    store.pools().insert(SeatRace.TENANT, Samples.pool(SeatRace.POOL.value(), SEATS));
  }

  @Test
  void sixtyFourThreadsClaimingFiftySeatsGetExactlyFifty() throws Exception {
    int taken = SeatRace.claim(store, "user-", 64, 64);

    assertThat(taken).isEqualTo(SEATS);
    assertSeatRuleHolds();
  }

  @Test
  void concurrentAssignmentsOfOneProductToOneUserLeaveOneLiveClaim() throws Exception {
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      String claimId = "claim-" + i;
      results.add(pool.submit(() -> {
        start.await();
        return store.transactions().inTransaction(() -> {
          store.pools().tryTakeSeat(SeatRace.TENANT, SeatRace.POOL);
          boolean inserted = store.claims().insertIfNoLiveClaim(SeatRace.TENANT, Samples.pendingClaim(claimId, "u-1", SeatRace.POOL.value()));
          if (!inserted) {
            store.pools().releaseSeat(SeatRace.TENANT, SeatRace.POOL);
          }
          return inserted;
        });
      }));
    }
    start.countDown();
    int inserted = 0;
    for (Future<Boolean> result : results) {
      inserted += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    pool.shutdown();

    assertThat(inserted).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM lk_claims WHERE status IN ('PENDING', 'ACTIVE')")).isEqualTo(1);
    assertThat(store.claims().listForUser(SeatRace.TENANT, UserId.of("u-1"))).hasSize(1);
    assertThat(store.pools().find(SeatRace.TENANT, SeatRace.POOL).orElseThrow().seatsInUse()).isEqualTo(1);
  }

  @Test
  void aSecondJvmRacingForTheSamePoolCannotBreakTheSeatRule() throws Exception {
    execute("CREATE TABLE race_gate (party VARCHAR(32) NOT NULL)");
    Path output = Files.createTempFile("second-jvm", ".log");
    Process second = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"),
            SecondJvmClaimer.class.getName(), database.jdbcUrl(), "second-", "40", "8")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    try {
      awaitSecondJvmReady(second, output.toFile());
      execute("INSERT INTO race_gate (party) VALUES ('go')");
      int takenHere = SeatRace.claim(store, "first-", 40, 8);

      assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("second JVM finished").isTrue();
      assertThat(second.exitValue()).as("second JVM exit code; its log:%n%s", Files.readString(output)).isZero();
      assertThat(takenHere).isLessThanOrEqualTo(SEATS);
      assertSeatRuleHolds();
      assertThat(count("SELECT count(*) FROM lk_claims WHERE user_id LIKE 'second-%'")).isPositive();
    } finally {
      second.destroyForcibly();
      Files.deleteIfExists(output);
    }
  }

  private void awaitSecondJvmReady(Process second, File output) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (count("SELECT count(*) FROM race_gate WHERE party = 'second-jvm-ready'") == 0) {
      if (!second.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("The second JVM did not get ready; its log:\n" + Files.readString(output.toPath()));
      }
      Thread.sleep(20);
    }
  }

  private void assertSeatRuleHolds() throws SQLException {
    assertThat(store.pools().find(SeatRace.TENANT, SeatRace.POOL).orElseThrow().seatsInUse()).isEqualTo(SEATS);
    assertThat(store.claims().listLiveForPool(SeatRace.TENANT, SeatRace.POOL)).hasSize(SEATS);
    assertThat(count("SELECT count(*) FROM lk_claims WHERE status IN ('PENDING', 'ACTIVE')")).isEqualTo(SEATS);
  }

  private int count(String sql) throws SQLException {
    try (Connection connection = database.raw().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
