package org.licensekit.core.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;

/**
 * One tenant as the access check sees it: Ana (active, an Observer at Lincoln High, holding a
 * pending observation claim and a completed training), Bo (active), and Cy, who does not exist yet.
 */
final class CacheWorld {

  static final Instant NOW = Instant.parse("2026-09-01T08:00:00Z");
  static final UserId ANA = UserId.of("ana");
  static final UserId BO = UserId.of("bo");
  static final UserId CY = UserId.of("cy");
  static final OrganizationId LINCOLN_HIGH = OrganizationId.of("lincoln-high");
  static final ProductId OBSERVATION = ProductId.of("observation");
  static final ProductId COACHING = ProductId.of("coaching");
  static final RoleId OBSERVER = RoleId.of("OBSERVER");
  static final PoolId POOL = PoolId.of("observation-2026");
  static final TrainingId ORIENTATION = TrainingId.of("orientation");
  static final Actor ADMIN = Actor.systemAdministrator("admin-7");

  final TenantId tenant = TenantId.of("t-" + UUID.randomUUID());

  private CacheWorld() {}

  /** Writes the world into {@code store} (the wrapped one, so no cache sees it being written). */
  static CacheWorld writtenTo(LicenseStore store) {
    CacheWorld world = new CacheWorld();
    TenantId tenant = world.tenant;
    store.catalog().saveProduct(tenant, Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    store.catalog().saveProduct(tenant, Product.builder().id(COACHING).name("Coaching").type(ProductType.LEARNING_CONTENT).build());
    store.catalog().saveRole(tenant, Role.builder().id(OBSERVER).name("Observer").addGrants(OBSERVATION, COACHING).build());
    store.directory().saveOrganization(tenant, Organization.root(LINCOLN_HIGH, "Lincoln High"));
    store.directory().insertUser(tenant, user(ANA, "Ana Lopez"));
    store.directory().insertUser(tenant, user(BO, "Bo Chen"));
    store.directory().saveMembership(tenant, Membership.of(ANA, LINCOLN_HIGH, Set.of(OBSERVER)));
    store.pools().insert(tenant, LicensePool.builder().id(POOL).product(OBSERVATION).seats(10)
        .term(Term.of(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(300)))).build());
    store.pools().tryTakeSeat(tenant, POOL);
    store.claims().insertIfNoLiveClaim(tenant, claim("claim-1", OBSERVATION));
    store.training().save(tenant, TrainingRecord.builder().user(ANA).training(ORIENTATION).completedAt(NOW.minus(Duration.ofDays(3))).build());
    return world;
  }

  static UserAccount user(UserId id, String name) {
    return UserAccount.builder().id(id).name(name).email(id.value() + "@example.org")
        .status(AccountStatus.ACTIVE).createdAt(NOW.minus(Duration.ofDays(30))).build();
  }

  /** Ana's pending claim of a seat of {@link #POOL}. */
  static LicenseClaim claim(String id, ProductId product) {
    return LicenseClaim.builder().id(ClaimId.of(id)).user(ANA).product(product).pool(POOL)
        .status(ClaimStatus.PENDING).direct(true).assignedAt(NOW).assignedBy(ADMIN).build();
  }

  /** The same claim, claimed. */
  static LicenseClaim activated(LicenseClaim pending) {
    return LicenseClaim.builder().from(pending).status(ClaimStatus.ACTIVE).claimedAt(NOW.plus(Duration.ofHours(1))).build();
  }
}
