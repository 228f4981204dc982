package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;

/** The builder's default settings: what a tenant without saved settings gets; saved settings win. */
abstract class AbstractDefaultSettingsTest {

  private static final TenantSettings CLAIM_ON_FIRST_ACCESS =
      TenantSettings.builder().claimOnFirstAccess(true).suspendedUsersKeepSeats(false).build();

  abstract TestDatabase newDatabase();

  @Test
  void aTenantWithoutSavedSettingsGetsTheStoresDefaultsAndSavedSettingsWin() {
    JdbcLicenseStore store = JdbcLicenseStore.builder(newDatabase().dataSource()).defaultSettings(CLAIM_ON_FIRST_ACCESS).build();
    TenantId fresh = TenantId.of("fresh");
    TenantId configured = TenantId.of("configured");
    store.settings().put(configured, TenantSettings.defaults());

    assertThat(store.settings().get(fresh)).isEqualTo(CLAIM_ON_FIRST_ACCESS);
    assertThat(store.settings().get(configured)).as("saved, though equal to the built-in defaults").isEqualTo(TenantSettings.defaults());
  }

  @Test
  void withoutDefaultSettingsATenantGetsTheBuiltInDefaults() {
    JdbcLicenseStore store = JdbcLicenseStore.builder(newDatabase().dataSource()).build();

    assertThat(store.settings().get(TenantId.of("fresh"))).isEqualTo(TenantSettings.defaults());
  }
}
