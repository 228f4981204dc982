package org.licensekit.benchmarks;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.licensekit.core.Licensing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkResult;
import org.openjdk.jmh.annotations.Param;

/**
 * A bulk grant of a role (one product, one pool) to every one of 100,000 users of a school, best
 * effort and all or nothing, on embedded PostgreSQL 17. Its peer is {@link BulkGrantLoopBenchmark}
 * (the loop of {@code assignRole} a host would otherwise write), run by the same command. Each
 * invocation works on a fresh {@link GrantTenant}; the score is microseconds per user
 * ({@code 1e6 / score} users per second). After each invocation the pool's seat counter must equal
 * the live claims, one per user, or the run fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class BulkGrantBenchmark extends FreshTenantBenchmark<GrantTenant> {

  static final int USERS = 100_000;

  @Param({"BEST_EFFORT", "ALL_OR_NOTHING"})
  public BulkMode mode;

  /**
   * Whether best-effort chunks overlap (the default); {@code -p overlap=true,false} runs both, back to
   * back. All-or-nothing runs are one transaction either way.
   */
  @Param({"true"})
  public boolean overlap;

  @Override
  protected boolean overlapsChunks() {
    return overlap;
  }

  @Override
  protected int users() {
    return USERS;
  }

  @Override
  protected String profileName() {
    return super.profileName() + "-" + mode + (overlap ? "" : "-sequential");
  }

  @Override
  protected GrantTenant createTenant(BenchmarkPostgres database, Licensing licensing, int number) throws SQLException {
    return GrantTenant.create(database, licensing, "bulk-" + mode + "-" + number, USERS);
  }

  @Benchmark
  @OperationsPerInvocation(USERS)
  public BulkResult bulkGrant() {
    return tenant.grantAll(mode, CHUNK_SIZE, USERS);
  }
}
