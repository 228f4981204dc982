package org.licensekit.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
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
 * threads race for the last seats.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(16)
public class SeatContentionBenchmark {

  private static final ProductId PRODUCT = ProductId.of("observation");
  private static final PoolId POOL = PoolId.of("the-pool");
  private static final String TENANT = "contention";

  @Param({"1000000"})
  public int seats;

  @Param({"400000"})
  public int users;

  private BenchmarkPostgres database;
  private ActorSession admin;
  private final AtomicInteger nextUser = new AtomicInteger();

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
    Licensing licensing = Licensing.builder().store(database.store()).build();
    admin = licensing.tenant(TenantId.of(TENANT)).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(PRODUCT).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().id(POOL).product(PRODUCT).seats(seats)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO lk_users (tenant_id, id, name, email, job_profile_id, status, end_date, created_at)"
          + " SELECT '" + TENANT + "', 'u' || i, 'User ' || i, 'u' || i || '@example.org', NULL, 'ACTIVE', NULL, now()"
          + " FROM generate_series(0, " + (users - 1) + ") i");
      statement.execute("ANALYZE lk_users");
    }
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

  /** Zero over-allocation: fails the run when the pool holds more live claims than seats, or its counter disagrees. */
  @TearDown(Level.Trial)
  public void checkThePoolAndClose() {
    try {
      long live = database.count("SELECT count(*) FROM lk_claims WHERE tenant_id = '" + TENANT + "' AND pool_id = '"
          + POOL.value() + "' AND status IN ('PENDING', 'ACTIVE')");
      long counter = database.count("SELECT seats_in_use FROM lk_pools WHERE tenant_id = '" + TENANT + "' AND id = '"
          + POOL.value() + "'");
      if (live > seats || counter != live) {
        throw new IllegalStateException("over-allocation: " + live + " live claims, counter " + counter + ", " + seats + " seats");
      }
    } finally {
      database.close();
    }
  }
}
