package org.licensekit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.AuditChain;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The Java cost of appending one audit entry to a chain, as a bulk chunk appends them: linking
 * {@value #ENTRIES} entries shaped like a role grant's (a user, before, after and reason) with
 * {@link AuditChain#link}, per entry: salt, the personal fields' salted digests and the entry's hash.
 * Beside the time per entry, {@code cpuNanosPerEntry}: the benchmark thread's CPU time per entry,
 * which a busy machine inflates far less than the wall time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuditLinkBenchmark {

  static final int ENTRIES = 1_000;

  private static final TenantId TENANT = TenantId.of("district-42");

  private List<AuditEntry> entries;

  @Setup
  public void entries() {
    entries = new ArrayList<>(ENTRIES);
    Instant now = Instant.parse("2026-11-30T02:00:00.123456Z");
    for (int i = 0; i < ENTRIES; i++) {
      entries.add(AuditEntry.builder().id(UUID.randomUUID().toString()).at(now.plusNanos(i * 1_000L))
          .actor(Actor.systemAdministrator("admin-7")).action(ChangeType.CLAIM_ASSIGNED).subjectType("claim")
          .subjectId(UUID.randomUUID().toString()).user(UserId.of("user-" + i)).before("none")
          .after("claim for observation from pool the-pool, PENDING").reason("bulk grant of role OBSERVER").build());
    }
  }

  /** The linking thread's CPU time, per entry linked. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuAtStart;
    private long linked;
    public double cpuNanosPerEntry;

    @Setup(Level.Iteration)
    public void start() {
      linked = 0;
      cpuNanosPerEntry = 0;
      cpuAtStart = threads.getCurrentThreadCpuTime();
    }

    @org.openjdk.jmh.annotations.TearDown(Level.Iteration)
    public void stop() {
      cpuNanosPerEntry = linked == 0 ? 0 : (threads.getCurrentThreadCpuTime() - cpuAtStart) / (double) linked;
    }
  }

  @Benchmark
  @OperationsPerInvocation(ENTRIES)
  public List<AuditLink> link(CpuTime cpu) {
    cpu.linked += ENTRIES;
    return AuditChain.link(TENANT, AuditChain.emptyHead(), entries);
  }
}
