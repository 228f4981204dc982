package org.licensekit.spring.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.licensekit.core.Licensing;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.TenantId;
import org.licensekit.spring.LicensingTenants;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code licensekit} Actuator endpoint: the dashboard summary (seats per product and in total,
 * alerts) of every {@linkplain LicensingTenants tenant}, or of one ({@code /actuator/licensekit/{tenant}}).
 * Exposed like any endpoint, e.g. {@code management.endpoints.web.exposure.include=health,licensekit}.
 */
@Endpoint(id = "licensekit")
public class LicensekitEndpoint {

  /** The actor the endpoint reads as. */
  static final Actor ACTOR = Actor.system("licensekit-endpoint");

  private final Licensing licensing;
  private final LicensingTenants tenants;

  /**
   * The endpoint.
   *
   * @param licensing the licensing facade
   * @param tenants the tenants listed
   */
  public LicensekitEndpoint(Licensing licensing, LicensingTenants tenants) {
    this.licensing = Objects.requireNonNull(licensing, "licensing");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
  }

  /**
   * Every tenant's dashboard summary.
   *
   * @return the summaries by tenant id
   */
  @ReadOperation
  public Map<String, Object> summary() {
    Map<String, Object> tenantsSummary = new LinkedHashMap<>();
    for (TenantId tenant : tenants.tenants()) {
      tenantsSummary.put(tenant.value(), DashboardSummary.of(licensing.tenant(tenant).as(ACTOR).reports().dashboard()));
    }
    return Map.of("tenants", tenantsSummary);
  }

  /**
   * One tenant's dashboard summary; only tenants the application lists are shown.
   *
   * @param tenant the tenant id
   * @return the summary, or null (404) for a tenant not listed
   */
  @ReadOperation
  public Map<String, Object> tenant(@Selector String tenant) {
    return tenants.tenants().stream().filter(t -> t.value().equals(tenant)).findFirst()
        .map(t -> DashboardSummary.of(licensing.tenant(t).as(ACTOR).reports().dashboard()))
        .orElse(null);
  }
}
