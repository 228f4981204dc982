package org.licensekit.jdbc;

import java.time.Instant;
import java.util.List;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * The tenant the organization and membership tests start from: the standard catalog, the given
 * schools under the district, and a pool of 100,000 seats per product (so seats never refuse).
 */
final class SchoolsTenant {

  private SchoolsTenant() {
  }

  /** Defines the tenant in {@code store} and returns its administrator's session. */
  static ActorSession define(LicenseStore store, TenantId tenant, List<OrganizationId> schools) {
    ActorSession admin = Licensing.builder().store(store).build().tenant(tenant).as(Actor.systemAdministrator("admin"));
    LicensingTestSupport.defineStandardCatalog(admin);
    for (OrganizationId school : schools) {
      admin.users().defineOrganization(Organization.child(school, "School " + school.value(), LicensingTestSupport.DISTRICT));
    }
    Term term = Term.of(Instant.now().minusSeconds(86_400), Instant.now().plusSeconds(365L * 86_400));
    for (ProductId product : List.of(LicensingTestSupport.OBSERVATION, LicensingTestSupport.COACHING, LicensingTestSupport.EVALUATION,
        LicensingTestSupport.ANALYTICS)) {
      admin.pools().add(NewPool.builder().id(PoolId.of("pool-" + product.value())).product(product).seats(100_000).term(term).build());
    }
    return admin;
  }
}
