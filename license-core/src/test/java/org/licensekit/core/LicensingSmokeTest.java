package org.licensekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.ClaimResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;

/** One pass through the main workflow on the in-memory store: assignment, a blocking prerequisite, claim, access. */
class LicensingSmokeTest {

  private static final Instant NOW = Instant.parse("2026-09-01T08:00:00Z");
  private static final ProductId OBSERVATION = ProductId.of("observation");
  private static final TrainingId ORIENTATION = TrainingId.of("orientation");

  @Test
  void teacherIsAssignedClaimsAfterTrainingAndThenMayUseTheProduct() {
    Licensing licensing = Licensing.builder()
        .store(InMemoryLicenseStore.create())
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .build();
    ActorSession admin = licensing.tenant(TenantId.of("district-42")).as(Actor.systemAdministrator("admin-7"));
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL)
        .addPrerequisites(Prerequisite.training(ORIENTATION)).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION)));
    OrganizationId school = OrganizationId.of("lincoln-high");
    admin.users().defineOrganization(Organization.root(school, "Lincoln High"));
    admin.pools().add(NewPool.builder().product(OBSERVATION).seats(1)
        .term(Term.of(NOW.minusSeconds(86_400), NOW.plusSeconds(365 * 86_400L))).build());

    UserId ana = UserId.of("ana");
    var registered = admin.users().register(NewUser.builder().id(ana).name("Ana Lopez").email("ana@example.org")
        .jobProfile(DefaultCatalog.TEACHER).addOrganizations(school).build());
    assertThat(registered.assignments().assigned()).singleElement()
        .satisfies(c -> assertThat(c.status()).isEqualTo(ClaimStatus.PENDING));
    admin.users().activate(ana);

    ActorSession anaSession = licensing.tenant(TenantId.of("district-42")).as(Actor.user(ana));
    ClaimResult blocked = anaSession.claims().claim(ana, OBSERVATION);
    assertThat(blocked.succeeded()).isFalse();
    assertThat(blocked.refusals()).extracting(d -> d.reason()).containsExactly(DenialReason.TRAINING_NOT_COMPLETED);

    admin.training().recordCompletion(ana, ORIENTATION, NOW.minusSeconds(60));
    assertThat(anaSession.claims().claim(ana, OBSERVATION).succeeded()).isTrue();
    assertThat(anaSession.access().check(ana, OBSERVATION).allowed()).isTrue();

    assertThatThrownBy(() -> admin.users().register(NewUser.builder().id(UserId.of("bob")).name(" ").email("nope").build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("email", "name"));
    assertThat(admin.users().find(UserId.of("bob"))).isEmpty();
  }
}
