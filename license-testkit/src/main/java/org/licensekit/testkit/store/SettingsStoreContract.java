package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.spi.SettingsStore;

/** The contract of {@link SettingsStore}: one settings record per tenant, defaults until one is saved. */
public abstract class SettingsStoreContract extends StoreContractSupport {

  private SettingsStore settings() {
    return store.settings();
  }

  @Test
  void aTenantWithoutSavedSettingsGetsTheDefaults() {
    TenantSettings settings = settings().get(tenant);

    assertThat(settings).isEqualTo(TenantSettings.defaults());
    assertThat(settings.suspendedUsersKeepSeats()).isTrue();
    assertThat(settings.claimOnFirstAccess()).isFalse();
  }

  @Test
  void savedSettingsKeepEveryField() {
    TenantSettings changed = TenantSettings.builder().suspendedUsersKeepSeats(false).claimOnFirstAccess(true).build();

    settings().put(tenant, changed);

    assertThat(settings().get(tenant)).isEqualTo(changed);
  }

  @Test
  void puttingSettingsAgainReplacesThem() {
    settings().put(tenant, TenantSettings.builder().suspendedUsersKeepSeats(false).claimOnFirstAccess(true).build());
    TenantSettings onlyAutoClaim = TenantSettings.builder().claimOnFirstAccess(true).build();

    settings().put(tenant, onlyAutoClaim);

    assertThat(settings().get(tenant)).isEqualTo(onlyAutoClaim);
  }

  @Test
  void eachTenantHasItsOwnSettings() {
    TenantSettings changed = TenantSettings.builder().suspendedUsersKeepSeats(false).build();

    settings().put(tenant, changed);

    assertThat(settings().get(tenant)).isEqualTo(changed);
    assertThat(settings().get(otherTenant)).isEqualTo(TenantSettings.defaults());
  }
}
