package org.licensekit.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * 16 threads assigning one product to fresh users, all from one pool of {@code seats} seats, on
 * embedded PostgreSQL 17 (16 pooled connections): assignments per second ({@code assigned}) and
 * refusals once the pool is full ({@code refused}), as secondary results. After the run the pool is
 * checked: live claims ≤ seats and the seat counter equal to the live claims, else the run fails —
 * zero over-allocation. With the default seats the pool never fills; {@code -p seats=2000} makes the
 * threads race for the last seats. {@code combinedAssignments} is the {@code Licensing} builder's
 * bound on assignments sharing one transaction: 16 (PostgreSQL's default) and 1 (none combined)
 * run side by side. After each iteration, what it cost per assignment — the JVM's and the server
 * processes' CPU time, the transactions committed and the statements the server ran — is appended to
 * {@code target/invocation-profiles/seat-contention-<combinedAssignments>.txt}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
public class SeatContentionBenchmark {

  private static final ProductId PRODUCT = OnePoolTenant.PRODUCT;
  private static final String TENANT = "contention";

  @Param({"1000000"})
  public int seats;

  @Param({"400000"})
  public int users;

  @Param({"16", "1"})
  public int combinedAssignments;

  private BenchmarkPostgres database;
  private ActorSession admin;
  private final AtomicInteger nextUser = new AtomicInteger();
  private ServerCpu server;
  private long usersAtStart;
  private long jvmAtStart;
  private long serverAtStart;
  private long commitsAtStart;
  private long statementsAtStart;

  /** What each assignment did, per thread, summed by JMH. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Outcomes {
    public long assigned;
    public long refused;
  }

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = BenchmarkPostgres.fresh(16);
    server = ServerCpu.of(database.dataSource());
    Licensing licensing = Licensing.builder().store(database.store()).combinedAssignments(combinedAssignments).build();
    admin = OnePoolTenant.seed(database, licensing, TENANT, seats, users);
  }

  @Benchmark
  public AssignmentResult assignFromOnePool(Outcomes outcomes) {
    int user = nextUser.getAndIncrement();
    if (user >= users) {
      throw new IllegalStateException("all " + users + " users were assigned; run with a larger -p users");
    }
    AssignmentResult result = admin.assignments().assignProduct(UserId.of("u" + user), PRODUCT, "benchmark");
    if (result.assigned().isEmpty()) {
      outcomes.refused++;
    } else {
      outcomes.assigned++;
    }
    return result;
  }

  @Setup(Level.Iteration)
  public void startCounting() {
    OnePoolTenant.analyze(database);
    commitsAtStart = commits();
    statementsAtStart = statements();
    serverAtStart = server.nanos();
    jvmAtStart = jvmCpu();
    usersAtStart = nextUser.get();
  }

  /** Appends the iteration's cost per assignment to the profile file. */
  @TearDown(Level.Iteration)
  public void recordCost() throws IOException {
    long done = nextUser.get() - usersAtStart;
    double jvm = (jvmCpu() - jvmAtStart) / 1_000.0 / done;
    double postgres = (server.nanos() - serverAtStart) / 1_000.0 / done;
    double transactions = (commits() - commitsAtStart) / (double) done;
    double statements = (statements() - statementsAtStart) / (double) done;
    Path directory = Path.of("target", "invocation-profiles");
    Files.createDirectories(directory);
    Files.writeString(directory.resolve("seat-contention-" + combinedAssignments + ".txt"), String.format(Locale.ROOT,
        "%s: %d assignments; per assignment: JVM CPU %.1f us, PostgreSQL CPU %.1f us, total %.1f us; %.3f commits;"
            + " %.2f statements%n",
        Instant.now(), done, jvm, postgres, jvm + postgres, transactions, statements), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  /**
   * Statements the server ran so far, as {@code pg_stat_statements} counts them (utility statements
   * such as {@code SAVEPOINT} and {@code COMMIT} included): close to the round trips, which are what
   * a batch's wall time is made of, and as little moved by the machine's load as CPU time.
   */
  private long statements() {
    return database.count("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat%'");
  }

  private long commits() {
    return database.count("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()");
  }

  private static long jvmCpu() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0L;
  }

  /** Zero over-allocation: fails the run when the pool holds more live claims than seats, or its counter disagrees. */
  @TearDown(Level.Trial)
  public void checkThePoolAndClose() {
    try {
      long live = database.count("SELECT count(*) FROM lk_claims WHERE tenant_id = '" + TENANT + "' AND pool_id = '"
          + OnePoolTenant.POOL.value() + "' AND status IN ('PENDING', 'ACTIVE')");
      long counter = database.count("SELECT seats_in_use FROM lk_pools WHERE tenant_id = '" + TENANT + "' AND id = '"
          + OnePoolTenant.POOL.value() + "'");
      if (live > seats || counter != live) {
        throw new IllegalStateException("over-allocation: " + live + " live claims, counter " + counter + ", " + seats + " seats");
      }
    } finally {
      database.close();
    }
  }
}
