package org.licensekit.benchmarks;

import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;
import org.licensekit.reports.csv.ClaimsCsvExport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The claims CSV export of all 1,000,000 claims of the seeded tenant ({@link ReportBenchmark}'s
 * data), in pages of 1,000 rows, to a writer that discards: rows per second (one operation is one
 * row), and the peak heap in use while exporting, sampled every 5 ms ({@code peakHeapMb}, a secondary
 * result), and the exporting thread's CPU time ({@code exportCpuSeconds}: rows per CPU second
 * next to rows per second says how much of the wall time was the machine's other work). The fork's heap is capped at 512 MB so a leak shows as an error, not as a number.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class ClaimsCsvExportBenchmark {

  private static final int USERS = 250_000;
  private static final int ROWS = 4 * USERS;

  private BenchmarkPostgres database;
  private ClaimsCsvExport export;
  private final ClaimsQuery everyClaim = ClaimsQuery.builder().limit(ClaimsQuery.MAX_LIMIT).build();

  /** The peak heap of the iteration, reported beside the rows per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Heap {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean sampling;
    private Thread sampler;
    private long cpuStart;
    public double peakHeapMb;
    /** CPU time of the exporting thread (not PostgreSQL's), so a busy machine's share can be told apart. */
    public double exportCpuSeconds;

    @Setup(Level.Iteration)
    public void start() {
      cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      peak.set(0);
      sampling = true;
      sampler = new Thread(() -> {
        while (sampling) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(5);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    @TearDown(Level.Iteration)
    public void stop() throws InterruptedException {
      sampling = false;
      sampler.join();
      peakHeapMb = peak.get() / (1024.0 * 1024.0);
      exportCpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    database = BenchmarkPostgres.seeded(USERS, 4);
    if (database.claims() != ROWS) {
      throw new IllegalStateException("expected " + ROWS + " claims, found " + database.claims());
    }
    Licensing licensing = Licensing.builder().store(database.store()).build();
    Reports reports = licensing.tenant(TenantId.of(BenchmarkPostgres.TENANT)).as(Actor.reporter("reporter")).reports();
    export = ClaimsCsvExport.of(reports);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    database.close();
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public long exportEveryClaim(Heap heap) {
    long written = export.write(everyClaim, Writer.nullWriter());
    if (written != ROWS) {
      throw new IllegalStateException("exported " + written + " rows, expected " + ROWS);
    }
    return written;
  }
}
