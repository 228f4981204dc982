package org.licensekit.spring.maintenance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one scheduled (or {@linkplain LicensekitMaintenance#run requested}) run of a maintenance job
 * did; published as a Spring application event after each run.
 *
 * @param job the job
 * @param startedAt when the run began
 * @param took how long it ran (zero when skipped)
 * @param executed false when another instance held the job's lock, so this one skipped it
 * @param tenants how many tenants it ran for
 * @param changed how many records it changed (claims expired or reclaimed, users archived)
 * @param notified how many notifications it sent
 * @param failedTenants how many tenants' runs failed (each failure is logged; the others went on)
 */
public record MaintenanceRun(MaintenanceJob job, Instant startedAt, Duration took, boolean executed, int tenants, long changed,
    long notified, int failedTenants) {

  /**
   * A run.
   *
   * @throws NullPointerException when a component is null
   */
  public MaintenanceRun {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(took, "took");
  }

  /**
   * Whether the run executed and no tenant's run failed.
   *
   * @return true when it completed
   */
  public boolean completed() {
    return executed && failedTenants == 0;
  }
}
