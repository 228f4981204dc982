package org.licensekit.benchmarks;

import java.util.concurrent.TimeUnit;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.NewUser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The peer of {@link BulkOnboardingBenchmark}: the same new users registered by a host's loop of
 * single {@code register} calls, 2,000 users into a fresh {@link OnboardingTenant} per invocation,
 * on embedded PostgreSQL 17. The score is microseconds per user.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class BulkOnboardingLoopBenchmark extends FreshTenantBenchmark<OnboardingTenant> {

  static final int USERS = 2_000;

  @Override
  protected int users() {
    return USERS;
  }

  @Override
  protected OnboardingTenant createTenant(BenchmarkPostgres database, Licensing licensing, int number) {
    return OnboardingTenant.create(database, licensing, "onboard-loop-" + number, USERS);
  }

  @Benchmark
  @OperationsPerInvocation(USERS)
  public int loopOfRegister() {
    int assigned = 0;
    for (NewUser user : tenant.newUsers) {
      assigned += tenant.admin.users().register(user).assignments().assigned().size();
    }
    if (assigned != USERS) {
      throw new IllegalStateException("the loop assigned " + assigned + " of " + USERS);
    }
    tenant.check(USERS);
    return assigned;
  }
}
