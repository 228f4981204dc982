package org.licensekit.core.internal.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.ComposedLicenseStore;
import org.licensekit.core.spi.StoreParts;
import org.licensekit.core.spi.UserCriteria;
import org.licensekit.core.spi.UserQueryStore;

/** A run in one transaction (all or nothing, or a preview) over more users than it may hold is refused before any write. */
class OneTransactionLimitTest {

  private static final OrganizationId SCHOOL = OrganizationId.of("school");
  private static final ProductId OBSERVATION = ProductId.of("observation");

  private long selected;
  private ActorSession admin;

  @BeforeEach
  void tenantWhoseFilterSelectsAsManyUsersAsTheTestSays() {
    StoreParts memory = StoreParts.of(InMemoryLicenseStore.create());
    UserQueryStore counted = new UserQueryStore() {
      @Override
      public List<UserId> findUserIds(TenantId tenant, UserCriteria criteria, Optional<UserId> after, int limit) {
        return memory.userQueries().findUserIds(tenant, criteria, after, limit);
      }

      @Override
      public List<org.licensekit.core.domain.UserAccount> findUsers(TenantId tenant, UserCriteria criteria, Optional<UserId> after,
          int limit) {
        return memory.userQueries().findUsers(tenant, criteria, after, limit);
      }

      @Override
      public long countUsers(TenantId tenant, UserCriteria criteria) {
        return selected;
      }
    };
    StoreParts parts = StoreParts.builder().from(memory).userQueries(counted).build();
    admin = Licensing.builder().store(new ComposedLicenseStore(parts) { }).build()
        .tenant(TenantId.of("district")).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVER, Set.of(OBSERVATION)));
    admin.users().defineOrganization(Organization.root(SCHOOL, "School"));
  }

  private static BulkRequest grant(BulkMode mode) {
    return BulkRequest.where(UserFilter.all()).action(BulkAction.grantRoles(SCHOOL, Set.of(DefaultCatalog.OBSERVER)))
        .mode(mode).reason("term start").build();
  }

  @Test
  void anAllOrNothingRunOrAPreviewOverTheLimitIsRefusedNamingBestEffort() {
    selected = BulkEngine.ONE_TRANSACTION_LIMIT + 1;

    assertThatThrownBy(() -> admin.bulk().run(grant(BulkMode.ALL_OR_NOTHING)))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("mode"))
        .hasMessageContaining("BEST_EFFORT");
    assertThatThrownBy(() -> admin.bulk().preview(grant(BulkMode.BEST_EFFORT)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(Long.toString(BulkEngine.ONE_TRANSACTION_LIMIT + 1));
  }

  @Test
  void aRunAtTheLimitAndABestEffortRunOverItGoAhead() {
    selected = BulkEngine.ONE_TRANSACTION_LIMIT;
    assertThat(admin.bulk().run(grant(BulkMode.ALL_OR_NOTHING)).status()).isEqualTo(BulkResult.Status.COMPLETED);

    selected = BulkEngine.ONE_TRANSACTION_LIMIT + 1;
    assertThat(admin.bulk().run(grant(BulkMode.BEST_EFFORT)).status()).isEqualTo(BulkResult.Status.COMPLETED);
  }
}
