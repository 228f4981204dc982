package org.licensekit.jdbc;

import java.util.List;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.spi.SettingsStore;

/** Per-tenant settings, one row per tenant; a tenant without a row has the store's default settings. */
final class JdbcSettingsStore implements SettingsStore {

  private final Sql sql;
  private final Tables tables;
  private final TenantSettings defaults;

  JdbcSettingsStore(Sql sql, Tables tables, TenantSettings defaults) {
    this.sql = sql;
    this.tables = tables;
    this.defaults = defaults;
  }

  @Override
  public TenantSettings get(TenantId tenant) {
    return sql.first("SELECT suspended_users_keep_seats, claim_on_first_access FROM " + tables.tenantSettings()
            + " WHERE tenant_id = ?",
        row -> (TenantSettings) TenantSettings.builder()
            .suspendedUsersKeepSeats(row.getBoolean("suspended_users_keep_seats"))
            .claimOnFirstAccess(row.getBoolean("claim_on_first_access"))
            .build(),
        tenant.value())
        .orElse(defaults);
  }

  @Override
  public void put(TenantId tenant, TenantSettings settings) {
    sql.upsert(tables.tenantSettings(), List.of("tenant_id"), List.of("suspended_users_keep_seats", "claim_on_first_access"),
        tenant.value(), settings.suspendedUsersKeepSeats(), settings.claimOnFirstAccess());
  }
}
