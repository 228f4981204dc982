package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.testkit.fixtures.Fixtures.jobProfile;
import static org.licensekit.testkit.fixtures.Fixtures.product;
import static org.licensekit.testkit.fixtures.Fixtures.role;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.Validity;
import org.licensekit.core.spi.CatalogStore;

/** The contract of {@link CatalogStore}: products, roles and job profiles, saved by id, listed in id order. */
public abstract class CatalogStoreContract extends StoreContractSupport {

  private CatalogStore catalog() {
    return store.catalog();
  }

  @Test
  void productKeepsEveryField() {
    Product product = product("observation")
        .name("Classroom observation")
        .type(ProductType.ASSESSMENT_TOOL)
        .addPrerequisites(Prerequisite.training(TrainingId.of("observer-basics")))
        .addPrerequisites(Prerequisite.certification(TrainingId.of("observer-cert")))
        .validity(Validity.afterClaim(Duration.ofDays(90)))
        .build();

    catalog().saveProduct(tenant, product);

    assertThat(catalog().findProduct(tenant, product.id())).contains(product);
  }

  @Test
  void productWithoutPrerequisitesValidUntilTermEndRoundTrips() {
    Product product = product("reading-course").type(ProductType.LEARNING_CONTENT).build();

    catalog().saveProduct(tenant, product);

    Product found = catalog().findProduct(tenant, product.id()).orElseThrow();
    assertThat(found).isEqualTo(product);
    assertThat(found.prerequisites()).isEmpty();
    assertThat(found.validity()).isEqualTo(Validity.untilTermEnd());
  }

  @Test
  void savingAProductAgainReplacesIt() {
    catalog().saveProduct(tenant, product("observation").name("Old name").build());
    Product renamed = product("observation").name("New name").type(ProductType.ANALYTICS).build();

    catalog().saveProduct(tenant, renamed);

    assertThat(catalog().findProduct(tenant, renamed.id())).contains(renamed);
    assertThat(catalog().listProducts(tenant)).containsExactly(renamed);
  }

  @Test
  void unknownRecordsAreEmpty() {
    assertThat(catalog().findProduct(tenant, ProductId.of("nothing"))).isEmpty();
    assertThat(catalog().findRole(tenant, RoleId.of("nothing"))).isEmpty();
    assertThat(catalog().findJobProfile(tenant, JobProfileId.of("nothing"))).isEmpty();
    assertThat(catalog().listProducts(tenant)).isEmpty();
    assertThat(catalog().listRoles(tenant)).isEmpty();
    assertThat(catalog().listJobProfiles(tenant)).isEmpty();
  }

  @Test
  void productsAreListedInIdOrder() {
    for (String id : List.of("observation", "evaluation", "proctoring")) {
      catalog().saveProduct(tenant, product(id).build());
    }

    assertThat(catalog().listProducts(tenant)).extracting(Product::id)
        .containsExactly(ProductId.of("evaluation"), ProductId.of("observation"), ProductId.of("proctoring"));
  }

  /** Id order is the ids' own {@code compareTo}: code points, not a language's collation. */
  @Test
  void idOrderIsCodePointOrderNotACollation() {
    for (String id : List.of("b", "a_1", "a1", "B", "a-1")) {
      catalog().saveProduct(tenant, product(id).build());
    }

    assertThat(catalog().listProducts(tenant)).extracting(p -> p.id().value())
        .containsExactly("B", "a-1", "a1", "a_1", "b");
  }

  @Test
  void roleKeepsEveryField() {
    Role role = role("OBSERVER", "observation", "evaluation").description("Observes classrooms").build();

    catalog().saveRole(tenant, role);

    Role found = catalog().findRole(tenant, role.id()).orElseThrow();
    assertThat(found).isEqualTo(role);
    assertThat(found.grants()).containsExactlyInAnyOrder(ProductId.of("observation"), ProductId.of("evaluation"));
  }

  @Test
  void roleGrantingNothingWithDefaultDescriptionRoundTrips() {
    Role role = role("REPORTER").build();

    catalog().saveRole(tenant, role);

    assertThat(catalog().findRole(tenant, role.id())).contains(role);
  }

  @Test
  void savingARoleAgainReplacesItAndRolesAreListedInIdOrder() {
    catalog().saveRole(tenant, role("PROCTOR", "proctoring").build());
    catalog().saveRole(tenant, role("EVALUATOR", "evaluation").build());
    Role observer = role("OBSERVER", "observation").build();
    catalog().saveRole(tenant, observer);
    Role widened = role("PROCTOR", "proctoring", "observation").build();

    catalog().saveRole(tenant, widened);

    assertThat(catalog().listRoles(tenant)).extracting(Role::id)
        .containsExactly(RoleId.of("EVALUATOR"), RoleId.of("OBSERVER"), RoleId.of("PROCTOR"));
    assertThat(catalog().findRole(tenant, RoleId.of("PROCTOR"))).contains(widened);
  }

  @Test
  void jobProfileKeepsItsRoles() {
    JobProfile administrator = jobProfile("ADMINISTRATOR", "OBSERVER", "EVALUATOR");

    catalog().saveJobProfile(tenant, administrator);

    JobProfile found = catalog().findJobProfile(tenant, administrator.id()).orElseThrow();
    assertThat(found).isEqualTo(administrator);
    assertThat(found.roles()).containsExactlyInAnyOrder(RoleId.of("OBSERVER"), RoleId.of("EVALUATOR"));
  }

  @Test
  void jobProfileWithoutRolesRoundTrips() {
    JobProfile volunteer = jobProfile("VOLUNTEER");

    catalog().saveJobProfile(tenant, volunteer);

    assertThat(catalog().findJobProfile(tenant, volunteer.id())).contains(volunteer);
  }

  @Test
  void savingAJobProfileAgainReplacesItAndProfilesAreListedInIdOrder() {
    catalog().saveJobProfile(tenant, jobProfile("TEACHER", "OBSERVABLE"));
    catalog().saveJobProfile(tenant, jobProfile("SPECIALIZED-STAFF", "PROCTOR"));
    catalog().saveJobProfile(tenant, jobProfile("ADMINISTRATOR", "OBSERVER"));
    JobProfile administrator = jobProfile("ADMINISTRATOR", "OBSERVER", "EVALUATOR");

    catalog().saveJobProfile(tenant, administrator);

    assertThat(catalog().listJobProfiles(tenant)).extracting(p -> p.id().value())
        .containsExactly("ADMINISTRATOR", "SPECIALIZED-STAFF", "TEACHER");
    assertThat(catalog().findJobProfile(tenant, administrator.id())).contains(administrator);
  }

  @Test
  void tenantsNeverSeeEachOthersCatalog() {
    Product ours = product("observation").name("Ours").build();
    Product theirs = product("observation").name("Theirs").build();
    catalog().saveProduct(tenant, ours);
    catalog().saveProduct(otherTenant, theirs);
    catalog().saveRole(tenant, role("OBSERVER", "observation").build());
    catalog().saveJobProfile(tenant, jobProfile("TEACHER", "OBSERVABLE"));

    assertThat(catalog().findProduct(tenant, ours.id())).contains(ours);
    assertThat(catalog().findProduct(otherTenant, theirs.id())).contains(theirs);
    assertThat(catalog().listProducts(otherTenant)).containsExactly(theirs);
    assertThat(catalog().findRole(otherTenant, RoleId.of("OBSERVER"))).isEmpty();
    assertThat(catalog().listRoles(otherTenant)).isEmpty();
    assertThat(catalog().findJobProfile(otherTenant, JobProfileId.of("TEACHER"))).isEmpty();
    assertThat(catalog().listJobProfiles(otherTenant)).isEmpty();
  }
}
