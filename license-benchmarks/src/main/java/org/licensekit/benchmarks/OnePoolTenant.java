package org.licensekit.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;

/**
 * The tenant the single-assignment benchmarks assign in: one product, one pool of it in term, and
 * active users {@code u0 … u<n-1>} inserted by SQL (not through the API, so seeding costs nothing
 * the benchmark measures).
 */
final class OnePoolTenant {

  static final ProductId PRODUCT = ProductId.of("observation");
  static final PoolId POOL = PoolId.of("the-pool");

  private OnePoolTenant() {}

  /** Seeds the tenant through {@code licensing} on {@code database} and returns its administrator's session. */
  static ActorSession seed(BenchmarkPostgres database, Licensing licensing, String tenant, int seats, int users) throws SQLException {
    ActorSession admin = licensing.tenant(TenantId.of(tenant)).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(PRODUCT).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().id(POOL).product(PRODUCT).seats(seats)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO lk_users (tenant_id, id, name, email, job_profile_id, status, end_date, created_at)"
          + " SELECT '" + tenant + "', 'u' || i, 'User ' || i, 'u' || i || '@example.org', NULL, 'ACTIVE', NULL, now()"
          + " FROM generate_series(0, " + (users - 1) + ") i");
      statement.execute("ANALYZE lk_users");
    }
    return admin;
  }

  /**
   * Brings the planner's statistics of the tables the assignments grow up to date, as a live
   * server's autovacuum does within a minute or so; run before each iteration, outside its
   * measurement. Without it the claims table keeps the statistics of its empty start for the whole
   * short run, and a statement the driver prepared on the server keeps a generic plan made from
   * them: the live-claim lookup then took a covering index led by the tenant alone (the expiry
   * sort's) and filtered every claim of the run, about a millisecond a call and growing, where the
   * user's index answers it in microseconds.
   */
  static void analyze(BenchmarkPostgres database) {
    database.execute("ANALYZE lk_claims");
    database.execute("ANALYZE lk_audit_entries");
  }
}
