package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
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
import org.licensekit.core.domain.UserId;

/**
 * What one assignment costs in round trips to PostgreSQL, statement by statement: the single
 * assignment is the loop a host writes and the unit that 16 threads contend with on one pool, so
 * a new query on its path should be a decision, not an accident.
 */
class PostgresAssignmentRoundTripsTest {

  private static final ProductId PRODUCT = ProductId.of("observation");
  private static final RoleId ROLE = RoleId.of("OBSERVER");
  private static final OrganizationId SCHOOL = OrganizationId.of("school");

  private RoundTripCountingDataSource counted;
  private ActorSession admin;

  @BeforeEach
  void tenant() {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    counted = new RoundTripCountingDataSource(SharedStores.pooled(database, 2));
    Licensing licensing = Licensing.builder().store(JdbcLicenseStore.builder(counted).build()).build();
    admin = licensing.tenant(TenantId.of("trips")).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(PRODUCT).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineRole(Role.builder().id(ROLE).name("Observer").grants(Set.of(PRODUCT)).build());
    admin.users().defineOrganization(Organization.root(SCHOOL, "School"));
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().product(PRODUCT).seats(100)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    for (int i = 0; i < 4; i++) {
      admin.users().register(NewUser.builder().id(UserId.of("u" + i)).name("User " + i).email("u" + i + "@example.org")
          .addOrganizations(SCHOOL).build());
    }
  }

  @Test
  void anAssignmentHoldsThePoolRowForItsLastFourRoundTrips() {
    admin.assignments().assignProduct(UserId.of("u0"), PRODUCT, "warm-up");
    counted.reset();

    AssignmentResult result = admin.assignments().assignProduct(UserId.of("u1"), PRODUCT, "measured");

    assertThat(result.assigned()).hasSize(1);
    assertHeldShortly(counted.trips(), 15);
  }

  @Test
  void aRoleGrantHoldsThePoolRowForItsLastFourRoundTrips() {
    admin.assignments().assignRole(UserId.of("u0"), SCHOOL, ROLE);
    counted.reset();

    AssignmentResult result = admin.assignments().assignRole(UserId.of("u1"), SCHOOL, ROLE);

    assertThat(result.assigned()).hasSize(1);
    assertHeldShortly(counted.trips(), 21);
  }

  /**
   * The pool's row is locked by the one statement that takes the seat and inserts the claim; after
   * it come only the audit trail's append (one statement locks the chain head, chains the entries,
   * inserts them and moves the head: the head is held for that one statement) and the commit. Everything else is read before, and the whole command stays within {@code most}.
   */
  private static void assertHeldShortly(List<String> trips, int most) {
    String listing = String.join("\n", trips);
    List<String> seatTakes = trips.stream().filter(trip -> trip.contains("UPDATE lk_pools")).toList();
    assertThat(seatTakes).as(listing).hasSize(1);
    assertThat(seatTakes.get(0)).as("the seat and the claim in one statement").contains("INSERT INTO lk_claims");
    List<String> held = trips.subList(trips.indexOf(seatTakes.get(0)) + 1, trips.size());
    assertThat(held).as(listing).hasSize(2);
    assertThat(held.get(0)).as(listing).startsWith("WITH RECURSIVE input")
        .contains("FROM lk_audit_chain_heads WHERE tenant_id = ? FOR UPDATE", "UPDATE lk_audit_chain_heads", "INSERT INTO lk_audit_entries");
    assertThat(held.get(1)).isEqualTo("COMMIT");
    assertThat(trips).as(listing).hasSizeLessThanOrEqualTo(most);
  }
}
