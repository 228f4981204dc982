package org.licensekit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Bulk onboarding of 100,000 new users (the guide's new-user setup: account, membership with the
 * job profile's role, a pending claim, an invitation) on embedded PostgreSQL 17, best effort and
 * all or nothing. Its peer is {@link BulkOnboardingLoopBenchmark} (the loop of single
 * {@code register} calls), run by the same command. Each invocation registers into a fresh
 * {@link OnboardingTenant}; the score is microseconds per user ({@code 1e6 / score} users per
 * second). After each invocation users, live claims and the pool's seat counter must all equal the
 * users registered, or the run fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
public class BulkOnboardingBenchmark extends FreshTenantBenchmark<OnboardingTenant> {

  static final int USERS = 100_000;

  @Param({"BEST_EFFORT", "ALL_OR_NOTHING"})
  public BulkMode mode;

  /**
   * Whether best-effort chunks overlap ({@code overlapBulkRegistrations(true)}); false by default, as
   * in the store, which runs onboarding's chunks one after the other; {@code -p overlap=false,true}
   * runs both, back to back. All-or-nothing runs are one transaction either way.
   */
  @Param({"false"})
  public boolean overlap;

  @Override
  protected boolean overlapsChunks() {
    return overlap;
  }

  /** Whether the host publishes events (four per new user, kept in the outbox); {@code -p events=true} to measure them. */
  @Param({"false"})
  public boolean events;

  @Override
  protected boolean publishesEvents() {
    return events;
  }

  /**
   * The embedded server's settings: {@code default} (the embedded server's, as every benchmark),
   * {@code noautovacuum} ({@code autovacuum=off}: what the server's own processes add while a
   * best-effort run commits chunk after chunk), or {@code bulkwal} (what a host would set for bulk
   * imports: {@code max_wal_size=8GB}, {@code checkpoint_timeout=30min}, so that fewer checkpoints
   * and full-page images fall inside the run). Not for the headline figures, which use
   * {@code default}.
   */
  @Param({"default"})
  public String server;

  @Override
  protected java.util.Map<String, String> serverSettings() {
    return switch (server) {
      case "default" -> java.util.Map.of();
      case "noautovacuum" -> java.util.Map.of("autovacuum", "off");
      case "bulkwal" -> java.util.Map.of("max_wal_size", "8GB", "checkpoint_timeout", "30min");
      default -> throw new IllegalArgumentException("server: default, noautovacuum or bulkwal, not " + server);
    };
  }

  @Override
  protected int users() {
    return USERS;
  }

  @Override
  protected String profileName() {
    return super.profileName() + "-" + mode + (overlap ? "" : "-sequential") + (events ? "-events" : "")
        + ("default".equals(server) ? "" : "-" + server);
  }

  @Override
  protected OnboardingTenant createTenant(BenchmarkPostgres database, Licensing licensing, int number) {
    return OnboardingTenant.create(database, licensing, "onboard-" + mode + "-" + number, USERS);
  }

  @Benchmark
  @OperationsPerInvocation(USERS)
  public BulkResult bulkRegister() {
    return tenant.registerAll(mode, CHUNK_SIZE);
  }
}
