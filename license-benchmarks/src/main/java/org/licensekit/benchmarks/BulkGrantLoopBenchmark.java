package org.licensekit.benchmarks;

import java.sql.SQLException;
import java.util.Set;
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
import org.licensekit.core.domain.UserId;

/**
 * The peer of {@link BulkGrantBenchmark}: the same grant as a host's loop of single commands
 * ({@code assignRole} per user) over 2,000 users of a fresh {@link GrantTenant} per invocation, on
 * embedded PostgreSQL 17. The score is microseconds per user.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class BulkGrantLoopBenchmark extends FreshTenantBenchmark<GrantTenant> {

  static final int USERS = 2_000;

  @Override
  protected int users() {
    return USERS;
  }

  @Override
  protected GrantTenant createTenant(BenchmarkPostgres database, Licensing licensing, int number) throws SQLException {
    return GrantTenant.create(database, licensing, "loop-" + number, USERS);
  }

  @Benchmark
  @OperationsPerInvocation(USERS)
  public int loopOfAssignRole() {
    int assigned = 0;
    for (int i = 1; i <= USERS; i++) {
      assigned += tenant.admin.assignments().assignRole(UserId.of(String.format("u%07d", i)), GrantTenant.SCHOOL, GrantTenant.ROLE)
          .assigned().size();
    }
    if (assigned != USERS) {
      throw new IllegalStateException("the loop assigned " + assigned + " of " + USERS);
    }
    tenant.check(USERS);
    return assigned;
  }
}
