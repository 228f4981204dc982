package org.licensekit.core.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;

class InMemoryDefaultSettingsTest {

  private static final TenantSettings CLAIM_ON_FIRST_ACCESS =
      TenantSettings.builder().claimOnFirstAccess(true).suspendedUsersKeepSeats(false).build();

  @Test
  void aTenantWithoutSavedSettingsGetsTheStoresDefaultsAndSavedSettingsWin() {
    InMemoryLicenseStore store = InMemoryLicenseStore.create(CLAIM_ON_FIRST_ACCESS);
    store.settings().put(TenantId.of("configured"), TenantSettings.defaults());

    assertThat(store.settings().get(TenantId.of("fresh"))).isEqualTo(CLAIM_ON_FIRST_ACCESS);
    assertThat(store.settings().get(TenantId.of("configured"))).isEqualTo(TenantSettings.defaults());
    assertThat(InMemoryLicenseStore.create().settings().get(TenantId.of("fresh"))).isEqualTo(TenantSettings.defaults());
  }
}
