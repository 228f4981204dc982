package org.licensekit.spring.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.licensekit.core.Licensing;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.spring.LicensekitStoreInfo;
import org.licensekit.spring.LicensingTenants;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * LicenseKit's health: the store is reachable (for the JDBC store, its migration history is read and
 * the schema version shown), and, as details, the pools of each {@linkplain LicensingTenants tenant}
 * whose term ends within the widest expiration-alert window. Down when the store cannot be read.
 */
public final class LicensekitHealthIndicator extends AbstractHealthIndicator {

  /** The actor the health check reads as. */
  static final Actor ACTOR = Actor.system("licensekit-health");

  private final Licensing licensing;
  private final LicensingTenants tenants;
  private final LicensekitStoreInfo store;
  private final Duration window;
  private final Clock clock;

  /**
   * A health indicator.
   *
   * @param licensing the licensing facade
   * @param tenants the tenants whose pools are shown
   * @param store the store the starter configured
   * @param window how far ahead a pool's end counts as ending soon
   * @param clock the clock
   */
  public LicensekitHealthIndicator(Licensing licensing, LicensingTenants tenants, LicensekitStoreInfo store, Duration window,
      Clock clock) {
    super("LicenseKit health check failed");
    this.licensing = Objects.requireNonNull(licensing, "licensing");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.store = Objects.requireNonNull(store, "store");
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    builder.withDetail("store", store.kind().name());
    if (store.kind() == LicensekitStoreInfo.Kind.JDBC) {
      builder.withDetail("schemaVersion", schemaVersion());
    }
    Instant now = clock.instant();
    Instant horizon = now.plus(window);
    Map<String, Object> ending = new LinkedHashMap<>();
    for (TenantId tenant : tenants.tenants()) {
      List<Map<String, Object>> pools = licensing.tenant(tenant).as(ACTOR).pools().list().stream()
          .filter(usage -> !usage.pool().term().end().isBefore(now) && usage.pool().term().end().isBefore(horizon))
          .map(LicensekitHealthIndicator::pool)
          .toList();
      if (!pools.isEmpty()) {
        ending.put(tenant.value(), pools);
      }
    }
    builder.withDetail("poolsEndingWithin", window.toString());
    builder.withDetail("poolsEnding", ending);
    builder.up();
  }

  private String schemaVersion() {
    String table = store.schemaHistoryTable().orElseThrow();
    JdbcTemplate jdbc = new JdbcTemplate(store.dataSource().orElseThrow());
    List<String> versions = jdbc.queryForList("SELECT \"version\" FROM " + table
        + " WHERE \"success\" = TRUE AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC", String.class);
    return versions.isEmpty() ? "none" : versions.get(0);
  }

  private static Map<String, Object> pool(PoolUsage usage) {
    Map<String, Object> pool = new LinkedHashMap<>();
    pool.put("pool", usage.pool().id().value());
    pool.put("product", usage.pool().product().value());
    pool.put("ends", usage.pool().term().end().toString());
    pool.put("seats", usage.pool().seats());
    pool.put("seatsInUse", usage.seatsInUse());
    return pool;
  }
}
