package org.licensekit.benchmarks;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.licensekit.core.Licensing;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Timeout;

/**
 * The floor under a bulk run of 100,000 users on this server: only the rows the run writes, in its
 * chunks of 1,000, one transaction per chunk, with no application logic. The trial first runs the
 * real bulk run ({@link BulkGrantBenchmark}'s grant, or {@link BulkOnboardingBenchmark}'s
 * registration, best effort) through the public API into a template tenant; each invocation then
 * writes exactly those rows ({@link FloorTemplate}: every column, with the target's tenant and pool)
 * into a fresh tenant set up as the real benchmark sets up its own, as pre-computed binary
 * {@code COPY}s, plus each chunk's pool seat update and audit chain head move ({@link FloorWriter}).
 * The score is microseconds per user; the ratio of the real benchmark's score to this one's is what
 * the application's work (deciding, hashing, encoding, reading) adds to the writes.
 *
 * <p>Same server and settings as the real benchmarks ({@link FreshTenantBenchmark}), and the same
 * {@link InvocationProfile} per invocation (the server's CPU and WAL per user).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@Timeout(time = 60, timeUnit = TimeUnit.MINUTES) // the trial's first setup runs a real 100,000-user bulk run: minutes on a busy machine
public class BulkWriteFloorBenchmark extends FreshTenantBenchmark<FloorRun> {

  static final int USERS = 100_000;

  /** {@code grant} (a claim, two audit entries, a role row per user) or {@code onboarding} (an account, a membership, a role row, a claim, four audit entries). */
  @Param({"grant", "onboarding"})
  public String path;

  /** {@code all} the run's rows, {@code noaudit} (without its audit entries and summaries), or {@code claimsonly}. */
  @Param({"all", "noaudit", "claimsonly"})
  public String rows;

  /** {@code all}: the real tables; {@code keysonly}: copies with only their primary and unique keys ({@link KeysOnlyTables}). */
  @Param({"all", "keysonly"})
  public String indexes;

  /** Connections writing alternate chunks at once, each into its own tenant. */
  @Param({"1", "2"})
  public int writers;

  private FloorTemplate template;

  @Override
  protected int users() {
    return USERS;
  }

  @Override
  protected String profileName() {
    return super.profileName() + "-" + path + "-" + rows + "-" + indexes + "-" + writers;
  }

  private FloorPath floorPath() {
    return FloorPath.valueOf(path.toUpperCase(Locale.ROOT));
  }

  @Override
  protected FloorRun createTenant(BenchmarkPostgres database, Licensing licensing, int number) throws SQLException {
    if (!indexes.equals("all") && !indexes.equals("keysonly")) {
      throw new IllegalArgumentException("indexes: all or keysonly, not " + indexes);
    }
    if (template == null) {
      // the targets' ids sort after the template's, so their rows go to the right edge of every
      // index led by tenant_id, as a real run's new tenant's do (in the middle, pages split half full)
      template = FloorTemplate.record(database, licensing, floorPath(), "floor-0000", USERS, CHUNK_SIZE);
      KeysOnlyTables.create(database, floorPath().tables("all"));
    }
    List<String> tenants = new ArrayList<>();
    for (int writer = 0; writer < writers; writer++) {
      tenants.add(String.format(Locale.ROOT, "floor-%04d", number * writers + writer));
    }
    return FloorRun.prepare(database, licensing, template, floorPath(), rows, indexes.equals("keysonly"), tenants, USERS, CHUNK_SIZE);
  }

  /** Writes the invocation's 100,000 users' rows. */
  @Benchmark
  @OperationsPerInvocation(USERS)
  public void write() throws SQLException, InterruptedException {
    tenant.write();
  }
}
