package org.licensekit.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.memory.InMemoryLicenseStore;

class ComposedLicenseStoreTest {

  private final LicenseStore memory = InMemoryLicenseStore.create();
  private final LicenseStore cached = CachingLicenseStore.wrap(memory);

  @Test
  void partsOfAStoreAreItsOwnSubStores() {
    StoreParts parts = StoreParts.of(memory);

    assertThat(parts.claims()).isSameAs(memory.claims());
    assertThat(parts.transactions()).isSameAs(memory.transactions());
    assertThat(parts.reconciliation()).isSameAs(memory.reconciliation());
  }

  @Test
  void aDecoratorReplacesTheSubStoresItWrapsAndForwardsTheRest() {
    assertThat(cached.claims()).isNotSameAs(memory.claims());
    assertThat(cached.transactions()).isNotSameAs(memory.transactions());
    assertThat(cached.reconciliation()).isNotSameAs(memory.reconciliation());
    assertThat(cached.audit()).isSameAs(memory.audit());
    assertThat(cached.reports()).isSameAs(memory.reports());
    assertThat(cached.userQueries()).isSameAs(memory.userQueries());
  }

  @Test
  void everyAccessorAnswersTheSameSubStoreOnEveryCall() {
    assertThat(cached.reconciliation()).isSameAs(cached.reconciliation());
    assertThat(cached.pools()).isSameAs(cached.pools());
  }
}
