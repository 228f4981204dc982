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
import org.slf4j.LoggerFactory;

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
    assertHeldShortly(counted.trips(), 7);
  }

  @Test
  void aRoleGrantHoldsThePoolRowForItsLastFourRoundTrips() {
    admin.assignments().assignRole(UserId.of("u0"), SCHOOL, ROLE);
    counted.reset();

    AssignmentResult result = admin.assignments().assignRole(UserId.of("u1"), SCHOOL, ROLE);

    assertThat(result.assigned()).hasSize(1);
    assertHeldShortly(counted.trips(), 11);
  }

  /**
   * A revocation that frees a seat walks the product's queue past the users who keep their place
   * (suspended, while the tenant takes suspended users' seats) to the first who can take it, once
   * to foresee whom to lock ({@code SeatWaitlist.holdWaiting}) and once to serve: what it reads of
   * each user passed over comes a batch of the queue at a time, so eighty more users passed over
   * cost a few statements, not a few per user (before: ten round trips per user, 129 with 8 and 929 with 88;
   * now 58 and 88).
   */
  @Test
  void aRevocationPassingOverWaitingUsersReadsThemABatchAtATime() {
    admin.settings().update(org.licensekit.core.domain.TenantSettings.builder().suspendedUsersKeepSeats(false).build());
    int few = revocationTripsPassingOver("few", 8);
    int many = revocationTripsPassingOver("many", 88);
    LoggerFactory.getLogger(PostgresAssignmentRoundTripsTest.class).info("A revocation passing over 8 waiting users: {} round trips;"
        + " over 88: {}", few, many);
    assertThat(many - few).as("round trips for 80 more waiting users passed over (%d with 8, %d with 88)", few, many)
        .isLessThanOrEqualTo(40);
  }

  /** The round trips of a revocation whose freed seat goes past {@code passedOver} suspended waiting users to the next. */
  private int revocationTripsPassingOver(String name, int passedOver) {
    ProductId product = ProductId.of("queued-" + name);
    admin.catalog().defineProduct(Product.builder().id(product).name("Queued " + name).type(ProductType.OBSERVATION_TOOL).build());
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().product(product).seats(1)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    UserId holder = register(name + "-holder");
    var claim = admin.assignments().assignProduct(holder, product, "holds").assigned().get(0);
    for (int i = 0; i < passedOver; i++) {
      UserId waiting = register(String.format("%s-w%03d", name, i));
      admin.assignments().assignProduct(waiting, product, "waits");
      admin.users().suspend(waiting, "on leave");
    }
    UserId next = register(name + "-next");
    admin.assignments().assignProduct(next, product, "waits");
    counted.reset();

    admin.claims().revoke(claim.id(), "measured");

    List<String> trips = counted.trips();
    assertThat(admin.claims().ofUser(next)).as("the seat went past the suspended to the next").hasSize(1);
    return trips.size();
  }

  private UserId register(String id) {
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder().id(user).name("User " + id).email(id + "@example.org").invite(false).build());
    admin.users().activate(user);
    return user;
  }

  /**
   * The command's first statement locks the account and holds the tenant's settings, and nothing
   * after it reads either again: the claim writer finds them in the unit of work.
   */
  private static void assertAccountAndSettingsReadOnce(List<String> trips) {
    String listing = String.join("\n", trips);
    assertThat(trips.get(0)).as(listing).contains("FROM lk_users u JOIN lk_tenant_settings s").endsWith("FOR UPDATE OF u FOR SHARE OF s");
    assertThat(trips.subList(1, trips.size())).as(listing)
        .noneMatch(trip -> trip.contains("FROM lk_users") || trip.contains("lk_tenant_settings"));
  }

  /**
   * The pool's row is locked by the one statement that takes the seat and inserts the claim; after
   * it come only the audit trail's append (one statement locks the chain head, chains the entries,
   * inserts them and moves the head: the head is held for that one statement) and the commit. Everything else is read before, and the whole command stays within {@code most}.
   */
  private static void assertHeldShortly(List<String> trips, int most) {
    String listing = String.join("\n", trips);
    assertAccountAndSettingsReadOnce(trips);
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
