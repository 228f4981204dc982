package org.licensekit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.spi.SettingsStore;

/**
 * Per-tenant settings, one row per tenant; a tenant without a row, or whose row holds NULLs (added
 * only to be locked), has the store's default settings. On PostgreSQL the row is what commands
 * depending on the settings hold ({@code FOR SHARE}) and a settings change locks
 * ({@code FOR UPDATE}); the row is added the first time a tenant without one needs it.
 */
final class JdbcSettingsStore implements SettingsStore {

  /** The settings columns, aliased {@code s} where the settings are read with other rows. */
  static final String COLUMNS_OF_S = "s.suspended_users_keep_seats, s.claim_on_first_access";

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
    return read(tenant, "").orElse(defaults);
  }

  /** On PostgreSQL {@code SELECT … FOR SHARE}, adding the tenant's row first when it has none. */
  @Override
  public TenantSettings hold(TenantId tenant) {
    return sql.postgres() ? lockedRead(tenant, " FOR SHARE") : get(tenant);
  }

  /** On PostgreSQL {@code SELECT … FOR UPDATE}, adding the tenant's row first when it has none. */
  @Override
  public TenantSettings lockForChange(TenantId tenant) {
    return sql.postgres() ? lockedRead(tenant, " FOR UPDATE") : get(tenant);
  }

  @Override
  public void put(TenantId tenant, TenantSettings settings) {
    sql.upsert(tables.tenantSettings(), List.of("tenant_id"), List.of("suspended_users_keep_seats", "claim_on_first_access"),
        tenant.value(), settings.suspendedUsersKeepSeats(), settings.claimOnFirstAccess());
  }

  /**
   * Adds the tenant's row, meaning "the default settings", unless it has one: a concurrent
   * addition waits for the other's commit and then adds nothing.
   */
  void addRowIfMissing(TenantId tenant) {
    sql.update("INSERT INTO " + tables.tenantSettings() + " (tenant_id) VALUES (?) ON CONFLICT (tenant_id) DO NOTHING",
        tenant.value());
  }

  /** The settings of a row read with {@link #COLUMNS_OF_S}, NULLs meaning the store's defaults. */
  TenantSettings settings(ResultSet row) throws SQLException {
    boolean keep = row.getBoolean("suspended_users_keep_seats");
    boolean keepNull = row.wasNull();
    boolean claim = row.getBoolean("claim_on_first_access");
    boolean claimNull = row.wasNull();
    return TenantSettings.builder()
        .suspendedUsersKeepSeats(keepNull ? defaults.suspendedUsersKeepSeats() : keep)
        .claimOnFirstAccess(claimNull ? defaults.claimOnFirstAccess() : claim)
        .build();
  }

  private TenantSettings lockedRead(TenantId tenant, String lock) {
    return read(tenant, lock).orElseGet(() -> {
      addRowIfMissing(tenant);
      return read(tenant, lock).orElseThrow(() -> new IllegalStateException("the settings row of " + tenant + " vanished"));
    });
  }

  private Optional<TenantSettings> read(TenantId tenant, String lock) {
    return sql.first("SELECT " + COLUMNS_OF_S + " FROM " + tables.tenantSettings() + " s WHERE s.tenant_id = ?" + lock,
        this::settings, tenant.value());
  }
}
