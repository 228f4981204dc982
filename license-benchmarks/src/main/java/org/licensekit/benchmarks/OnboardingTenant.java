package org.licensekit.benchmarks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
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
 * A tenant for the onboarding benchmarks: a school, a Teacher job profile whose role grants one
 * product, one pool with a seat for each new user, and the new users to register ({@code u0000001}
 * …, Teachers of the school, invited).
 */
final class OnboardingTenant {

  static final ProductId PRODUCT = ProductId.of("observation");
  static final RoleId ROLE = RoleId.of("OBSERVABLE");
  static final JobProfileId TEACHER = JobProfileId.of("TEACHER");
  static final OrganizationId SCHOOL = OrganizationId.of("school");

  final String tenant;
  final ActorSession admin;
  final List<NewUser> newUsers;
  private final BenchmarkPostgres database;

  private OnboardingTenant(BenchmarkPostgres database, String tenant, ActorSession admin, List<NewUser> newUsers) {
    this.database = database;
    this.tenant = tenant;
    this.admin = admin;
    this.newUsers = newUsers;
  }

  static OnboardingTenant create(BenchmarkPostgres database, Licensing licensing, String tenant, int count) {
    ActorSession admin = licensing.tenant(TenantId.of(tenant)).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(PRODUCT).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineRole(Role.builder().id(ROLE).name("Observable").grants(Set.of(PRODUCT)).build());
    admin.catalog().defineJobProfile(JobProfile.of(TEACHER, "Teacher", Set.of(ROLE)));
    admin.users().defineOrganization(Organization.root(SCHOOL, "School"));
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().product(PRODUCT).seats(count)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    List<NewUser> users = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      users.add(NewUser.builder().id(UserId.of(String.format("u%07d", i))).name("Teacher " + i).email("t" + i + "@example.org")
          .jobProfile(TEACHER).addOrganizations(SCHOOL).build());
    }
    return new OnboardingTenant(database, tenant, admin, List.copyOf(users));
  }

  /**
   * Registers every one of {@link #newUsers} through the public bulk API, in chunks of
   * {@code chunkSize}, and checks that each was registered with their claim.
   */
  BulkResult registerAll(BulkMode mode, int chunkSize) {
    BulkResult result = admin.bulk().register(BulkRegistration.of(newUsers).mode(mode).chunkSize(chunkSize).sampleLimit(0).build());
    if (result.done() != newUsers.size()) {
      throw new IllegalStateException("bulk registration did " + result.done() + " of " + newUsers.size() + ": " + result);
    }
    check(newUsers.size());
    return result;
  }

  /** Every user registered with their claim, and no seat over-allocated: users = live claims = the pool's counter. */
  void check(int expected) {
    long users = database.count("SELECT count(*) FROM lk_users WHERE tenant_id = '" + tenant + "'");
    long live = database.count("SELECT count(*) FROM lk_claims WHERE tenant_id = '" + tenant + "' AND status IN ('PENDING', 'ACTIVE')");
    long counter = database.count("SELECT sum(seats_in_use) FROM lk_pools WHERE tenant_id = '" + tenant + "'");
    if (users != expected || live != expected || counter != live) {
      throw new IllegalStateException("after the run: " + users + " users, " + live + " live claims, counter " + counter
          + ", expected " + expected);
    }
  }
}
