package org.licensekit.spring.admin;

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

/** A tenant with two products, an organization, pools in term and teachers: the tests' fixture. */
final class Fixtures {

  static final TenantId TENANT = TenantId.of("district-42");
  static final ProductId OBSERVATION = ProductId.of("observation");
  static final ProductId ASSESSMENT = ProductId.of("assessment");
  static final OrganizationId LINCOLN = OrganizationId.of("lincoln-high");
  static final Actor ADMIN = Actor.systemAdministrator("admin-7");

  private Fixtures() {}

  static ActorSession admin(Licensing licensing) {
    return licensing.tenant(TENANT).as(ADMIN);
  }

  /** The catalog, the organization and a pool of each product. */
  static void seed(Licensing licensing) {
    ActorSession admin = admin(licensing);
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineProduct(Product.builder().id(ASSESSMENT).name("Assessment").type(ProductType.ASSESSMENT_TOOL).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION), DefaultCatalog.PROCTOR, Set.of(ASSESSMENT)));
    admin.users().defineOrganization(Organization.root(LINCOLN, "Lincoln High"));
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().id(PoolId.of("observation-2026")).product(OBSERVATION).seats(100)
        .term(Term.of(now.minus(30, ChronoUnit.DAYS), now.plus(335, ChronoUnit.DAYS))).build());
    admin.pools().add(NewPool.builder().id(PoolId.of("assessment-2026")).product(ASSESSMENT).seats(100)
        .term(Term.of(now.minus(30, ChronoUnit.DAYS), now.plus(335, ChronoUnit.DAYS))).build());
  }

  /** Registers and activates a teacher, who then holds a pending observation claim. */
  static UserId teacher(Licensing licensing, String id) {
    ActorSession admin = admin(licensing);
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder().id(user).name("Teacher " + id).email(id + "@lincoln.example")
        .jobProfile(DefaultCatalog.TEACHER).addOrganizations(LINCOLN).build());
    admin.users().activate(user);
    return user;
  }
}
