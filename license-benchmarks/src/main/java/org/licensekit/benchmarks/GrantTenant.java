package org.licensekit.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;

/**
 * A tenant for the grant benchmarks: {@code count} active users {@code u0000001} … in one school
 * (users and memberships written by SQL, then ANALYZEd), a role granting one product, and one pool
 * with a seat for each user.
 */
final class GrantTenant {

  static final ProductId PRODUCT = ProductId.of("observation");
  static final RoleId ROLE = RoleId.of("OBSERVER");
  static final OrganizationId SCHOOL = OrganizationId.of("school");

  final String tenant;
  final ActorSession admin;
  private final BenchmarkPostgres database;

  private GrantTenant(BenchmarkPostgres database, String tenant, ActorSession admin) {
    this.database = database;
    this.tenant = tenant;
    this.admin = admin;
  }

  static GrantTenant create(BenchmarkPostgres database, Licensing licensing, String tenant, int count) throws SQLException {
    ActorSession admin = licensing.tenant(TenantId.of(tenant)).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(PRODUCT).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineRole(Role.builder().id(ROLE).name("Observer").grants(Set.of(PRODUCT)).build());
    admin.users().defineOrganization(Organization.root(SCHOOL, "School"));
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().product(PRODUCT).seats(count)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO lk_users (tenant_id, id, name, email, job_profile_id, status, end_date, created_at,"
          + " email_key, name_key) SELECT '" + tenant + "', 'u' || lpad(i::text, 7, '0'), 'User ' || i, 'u' || i || '@example.org',"
          + " NULL, 'ACTIVE', NULL, now(), 'u' || i || '@example.org', 'user ' || i FROM generate_series(1, " + count + ") i");
      statement.executeUpdate("INSERT INTO lk_memberships (tenant_id, user_id, organization_id) SELECT '" + tenant
          + "', 'u' || lpad(i::text, 7, '0'), 'school' FROM generate_series(1, " + count + ") i");
      statement.execute("ANALYZE lk_users");
      statement.execute("ANALYZE lk_memberships");
    }
    return new GrantTenant(database, tenant, admin);
  }

  /**
   * Grants {@link #ROLE} in {@link #SCHOOL} to every one of the tenant's {@code users} users through
   * the public bulk API, in chunks of {@code chunkSize}, and checks that each got their claim.
   */
  BulkResult grantAll(BulkMode mode, int chunkSize, int users) {
    BulkResult result = admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(SCHOOL).build())
        .action(BulkAction.grantRoles(SCHOOL, Set.of(ROLE))).mode(mode).reason("benchmark")
        .chunkSize(chunkSize).sampleLimit(0).build());
    if (result.done() != users) {
      throw new IllegalStateException("bulk grant did " + result.done() + " of " + users + ": " + result);
    }
    check(users);
    return result;
  }

  /** Zero over-allocation and every user served: the pool's counter equals the tenant's live claims, one per user. */
  void check(int expected) {
    long live = database.count("SELECT count(*) FROM lk_claims WHERE tenant_id = '" + tenant + "' AND status IN ('PENDING', 'ACTIVE')");
    long counter = database.count("SELECT sum(seats_in_use) FROM lk_pools WHERE tenant_id = '" + tenant + "'");
    if (live != expected || counter != live) {
      throw new IllegalStateException("after the run: " + live + " live claims, counter " + counter + ", expected " + expected);
    }
  }
}
