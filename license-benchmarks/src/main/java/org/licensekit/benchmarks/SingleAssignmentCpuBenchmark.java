package org.licensekit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
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
 * Where one assignment's CPU goes: one thread assigning one product to fresh users from one pool
 * on embedded PostgreSQL 17 (a pool of two connections, one in use), the path {@link SeatContentionBenchmark}'s
 * threads contend on. Beside the throughput, per assignment and iteration (secondary results,
 * added up over the iterations on the summary line: read the per-iteration lines):
 * {@code jvmCpuNanos} (the whole JVM's CPU time, JIT and GC included), {@code threadCpuNanos} (the
 * benchmark thread's), {@code serverCpuNanos} (every PostgreSQL process's, from {@code /proc}) and
 * {@code statementNanos} (the execution and planning time {@code pg_stat_statements} counts for the
 * statements). CPU time is what a loaded machine inflates least, and 2 cores' worth of it caps the
 * contended throughput. Each iteration's statements, one by one, are written to
 * {@code target/invocation-profiles/single-assignment.txt} (the last iteration's remain).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SingleAssignmentCpuBenchmark {

  private static final ProductId PRODUCT = OnePoolTenant.PRODUCT;
  private static final String TENANT = "single";

  @Param({"400000"})
  public int users;

  private BenchmarkPostgres database;
  private ServerCpu server;
  private ActorSession admin;
  private int nextUser;
  private InvocationProfile profile;

  /** CPU time per assignment over an iteration, in nanoseconds. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long assignments;
    private long threadAtStart;
    private long jvmAtStart;
    private long serverAtStart;
    public double jvmCpuNanos;
    public double threadCpuNanos;
    public double serverCpuNanos;
    public double statementNanos;

    @Setup(Level.Iteration)
    public void start(SingleAssignmentCpuBenchmark benchmark) {
      OnePoolTenant.analyze(benchmark.database);
      benchmark.profile.start();
      assignments = 0;
      jvmCpuNanos = threadCpuNanos = serverCpuNanos = statementNanos = 0;
      serverAtStart = benchmark.server.nanos();
      jvmAtStart = jvmCpu();
      threadAtStart = threads.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop(SingleAssignmentCpuBenchmark benchmark) {
      long thread = threads.getCurrentThreadCpuTime() - threadAtStart;
      long jvm = jvmCpu() - jvmAtStart;
      long server = benchmark.server.nanos() - serverAtStart;
      double statements = benchmark.statementMillis() * 1_000_000;
      benchmark.profile.finish(assignments);
      if (assignments > 0) {
        threadCpuNanos = thread / (double) assignments;
        jvmCpuNanos = jvm / (double) assignments;
        serverCpuNanos = server / (double) assignments;
        statementNanos = statements / assignments;
      }
    }

    private static long jvmCpu() {
      return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
          ? os.getProcessCpuTime() : 0L;
    }
  }

  @Setup(Level.Trial)
  public void setUp() throws SQLException {
    database = BenchmarkPostgres.fresh(2);
    server = ServerCpu.of(database.dataSource());
    profile = new InvocationProfile(database, "single-assignment", 1);
    Licensing licensing = Licensing.builder().store(database.store()).build();
    admin = OnePoolTenant.seed(database, licensing, TENANT, users, users);
  }

  @Benchmark
  public AssignmentResult assignOne(CpuTime cpu) {
    int user = nextUser++;
    if (user >= users) {
      throw new IllegalStateException("all " + users + " users were assigned; run with a larger -p users");
    }
    AssignmentResult result = admin.assignments().assignProduct(UserId.of("u" + user), PRODUCT, "benchmark");
    if (result.assigned().isEmpty()) {
      throw new IllegalStateException("the assignment was refused: " + result.refused());
    }
    cpu.assignments++;
    return result;
  }

  private double statementMillis() {
    return database.count("SELECT coalesce(sum(total_exec_time + total_plan_time), 0)::bigint * 1000"
        + " FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'") / 1000.0;
  }

  @TearDown(Level.Trial)
  public void close() {
    database.close();
  }
}
