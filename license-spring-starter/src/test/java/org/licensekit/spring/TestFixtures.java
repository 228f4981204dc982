package org.licensekit.spring;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;

/** A tenant with one product, one pool and teachers holding pending claims of it: the tests' fixture. */
public final class TestFixtures {

  public static final TenantId TENANT = TenantId.of("district-42");
  public static final ProductId OBSERVATION = ProductId.of("observation");
  public static final OrganizationId LINCOLN = OrganizationId.of("lincoln-high");
  public static final Actor ADMIN = Actor.systemAdministrator("admin-7");

  private TestFixtures() {}

  /** Defines the catalog, the organization and a pool of {@code seats} seats in term now. */
  public static void seed(Licensing licensing, int seats) {
    ActorSession admin = licensing.tenant(TENANT).as(ADMIN);
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION)));
    admin.users().defineOrganization(Organization.root(LINCOLN, "Lincoln High"));
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().id(PoolId.of("observation-2026")).product(OBSERVATION).seats(seats)
        .term(Term.of(now.minus(30, ChronoUnit.DAYS), now.plus(335, ChronoUnit.DAYS))).build());
  }

  /** Registers and activates a teacher, who then holds a pending claim of the product. */
  public static UserId teacher(Licensing licensing, String id) {
    ActorSession admin = licensing.tenant(TENANT).as(ADMIN);
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder().id(user).name(id).email(id + "@lincoln.example")
        .jobProfile(DefaultCatalog.TEACHER).addOrganizations(LINCOLN).build());
    admin.users().activate(user);
    return user;
  }

  /** The teacher claims the product (their pending claim becomes active). */
  public static void claim(Licensing licensing, UserId user) {
    var result = licensing.tenant(TENANT).as(Actor.user(user)).claims().claim(user, OBSERVATION);
    if (!result.succeeded()) {
      throw new IllegalStateException("claim refused: " + result.refusals());
    }
  }
}
