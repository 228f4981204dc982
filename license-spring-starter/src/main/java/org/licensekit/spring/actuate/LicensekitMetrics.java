package org.licensekit.spring.actuate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.licensekit.core.Licensing;
import org.licensekit.core.SeatCounterDrift;
import org.licensekit.core.api.OutboxCounts;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.ProductSeats;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.TenantId;
import org.licensekit.spring.AccessCheckListener;
import org.licensekit.spring.LicensingTenants;
import org.licensekit.spring.maintenance.MaintenanceRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;

/**
 * LicenseKit's Micrometer meters:
 *
 * <ul>
 *   <li>{@code licensekit.access.checks} (counter; tags {@code tenant}, {@code outcome} = allowed|denied,
 *       {@code reason} = the first failing reason's code, or {@code NONE}): checks made by the guard;
 *   <li>{@code licensekit.seats.purchased}, {@code .assigned}, {@code .available} and
 *       {@code licensekit.activation.rate} (gauges; tags {@code tenant}, {@code product}): from each
 *       tenant's dashboard, refreshed by {@link #refreshSeats()};
 *   <li>{@code licensekit.bulk.runs} (counter; tag {@code mode}) and {@code licensekit.bulk.users}
 *       (summary of users changed per run): from bulk-completed events;
 *   <li>{@code licensekit.maintenance.runs} (counter; tags {@code job}, {@code outcome} =
 *       completed|failed|skipped) and {@code licensekit.maintenance.duration} (timer; tag {@code job});
 *   <li>{@code licensekit.outbox.messages} (gauge; tags {@code tenant}, {@code status} =
 *       pending|delivered|dead|discarded): each tenant's outbox, refreshed with the seat gauges — a
 *       growing {@code dead} count is delivery that needs the host's attention;
 *   <li>{@code licensekit.seats.releases.at.zero} (function counter): seat releases that found a
 *       pool's counter already at zero ({@link SeatCounterDrift}), counter drift reconciliation will
 *       repair; it should stay 0.
 * </ul>
 */
public final class LicensekitMetrics implements MeterBinder, AccessCheckListener, SmartLifecycle {

  /** The actor the seat gauges read the dashboards as. */
  static final Actor ACTOR = Actor.system("licensekit-metrics");

  private static final Logger log = LoggerFactory.getLogger(LicensekitMetrics.class);

  private final Licensing licensing;
  private final LicensingTenants tenants;
  private final Duration refreshInterval;
  private final AtomicReference<MeterRegistry> registry = new AtomicReference<>();
  private ScheduledExecutorService refresher;
  private MultiGauge purchased;
  private MultiGauge assigned;
  private MultiGauge available;
  private MultiGauge activation;
  private MultiGauge outbox;

  /**
   * Meters for {@code licensing}'s tenants.
   *
   * @param licensing the licensing facade
   * @param tenants the tenants whose seats are measured
   * @param refreshInterval how often the seat gauges are re-read while the application runs
   */
  public LicensekitMetrics(Licensing licensing, LicensingTenants tenants, Duration refreshInterval) {
    this.licensing = Objects.requireNonNull(licensing, "licensing");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
  }

  /** Starts re-reading the seat gauges every refresh interval, the first time at once. */
  @Override
  public synchronized void start() {
    if (refresher != null) {
      return;
    }
    refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "licensekit-seat-metrics");
      thread.setDaemon(true);
      return thread;
    });
    refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, refreshInterval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (refresher != null) {
      refresher.shutdownNow();
      refresher = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return refresher != null;
  }

  private void refreshQuietly() {
    try {
      refreshSeats();
    } catch (RuntimeException e) {
      log.warn("Could not refresh the seat metrics", e);
    }
  }

  @Override
  public synchronized void bindTo(MeterRegistry meters) {
    registry.set(meters);
    purchased = MultiGauge.builder("licensekit.seats.purchased").description("Seats bought, per product").register(meters);
    assigned = MultiGauge.builder("licensekit.seats.assigned").description("Seats held by live (pending or active) claims")
        .register(meters);
    available = MultiGauge.builder("licensekit.seats.available").description("Seats free to assign").register(meters);
    activation = MultiGauge.builder("licensekit.activation.rate").description("Claimed share of assigned seats")
        .register(meters);
    outbox = MultiGauge.builder("licensekit.outbox.messages")
        .description("Outbox messages (notifications and events owed to the host), per status").register(meters);
    FunctionCounter.builder("licensekit.seats.releases.at.zero", SeatCounterDrift.class, drift -> SeatCounterDrift.releasesAtZero())
        .description("Seat releases that found the pool's counter already at zero (counter drift)").register(meters);
  }

  @Override
  public void checked(TenantId tenant, AccessDecision decision) {
    MeterRegistry meters = registry.get();
    if (meters == null) {
      return;
    }
    String reason = decision.reasons().isEmpty() ? "NONE" : decision.reasons().get(0).code();
    Counter.builder("licensekit.access.checks").description("Access checks made by the @RequiresLicense guard")
        .tags("tenant", tenant.value(), "outcome", decision.allowed() ? "allowed" : "denied", "reason", reason)
        .register(meters).increment();
  }

  /**
   * Re-reads every tenant's dashboard into the seat gauges. A tenant whose dashboard cannot be read
   * keeps no gauges until the next refresh; the failure is logged.
   */
  public synchronized void refreshSeats() {
    if (registry.get() == null) {
      return;
    }
    List<MultiGauge.Row<?>> purchasedRows = new ArrayList<>();
    List<MultiGauge.Row<?>> assignedRows = new ArrayList<>();
    List<MultiGauge.Row<?>> availableRows = new ArrayList<>();
    List<MultiGauge.Row<?>> activationRows = new ArrayList<>();
    List<MultiGauge.Row<?>> outboxRows = new ArrayList<>();
    for (TenantId tenant : tenants.tenants()) {
      outboxRows.addAll(outboxRows(tenant));
      Dashboard dashboard;
      try {
        dashboard = licensing.tenant(tenant).as(ACTOR).reports().dashboard();
      } catch (RuntimeException e) {
        log.warn("Could not read the dashboard of tenant {} for the seat metrics", tenant, e);
        continue;
      }
      for (ProductSeats product : dashboard.products()) {
        Tags tags = Tags.of("tenant", tenant.value(), "product", product.product().value());
        purchasedRows.add(MultiGauge.Row.of(tags, product.seats().purchased()));
        assignedRows.add(MultiGauge.Row.of(tags, product.seats().assigned()));
        availableRows.add(MultiGauge.Row.of(tags, product.seats().available()));
        activationRows.add(MultiGauge.Row.of(tags, product.seats().activationRate()));
      }
    }
    purchased.register(purchasedRows, true);
    assigned.register(assignedRows, true);
    available.register(availableRows, true);
    activation.register(activationRows, true);
    outbox.register(outboxRows, true);
  }

  private List<MultiGauge.Row<?>> outboxRows(TenantId tenant) {
    OutboxCounts counts;
    try {
      counts = licensing.tenant(tenant).as(ACTOR).outbox().counts();
    } catch (RuntimeException e) {
      log.warn("Could not count the outbox of tenant {} for the metrics", tenant, e);
      return List.of();
    }
    return List.of(
        MultiGauge.Row.of(Tags.of("tenant", tenant.value(), "status", "pending"), counts.pending()),
        MultiGauge.Row.of(Tags.of("tenant", tenant.value(), "status", "delivered"), counts.delivered()),
        MultiGauge.Row.of(Tags.of("tenant", tenant.value(), "status", "dead"), counts.dead()),
        MultiGauge.Row.of(Tags.of("tenant", tenant.value(), "status", "discarded"), counts.discarded()));
  }

  /**
   * Counts bulk runs from their completion events.
   *
   * @param event a domain event
   */
  @EventListener
  public void onLicenseEvent(LicenseEvent event) {
    MeterRegistry meters = registry.get();
    if (meters == null || event.type() != ChangeType.BULK_COMPLETED) {
      return;
    }
    String mode = event.attributes().getOrDefault("mode", "UNKNOWN");
    Counter.builder("licensekit.bulk.runs").description("Bulk actions completed").tags("mode", mode).register(meters).increment();
    long done = parse(event.attributes().get("done"));
    DistributionSummary.builder("licensekit.bulk.users").description("Users a bulk action changed").tags("mode", mode)
        .register(meters).record(done);
  }

  /**
   * Counts and times maintenance job runs.
   *
   * @param run a maintenance run
   */
  @EventListener
  public void onMaintenanceRun(MaintenanceRun run) {
    MeterRegistry meters = registry.get();
    if (meters == null) {
      return;
    }
    String outcome = !run.executed() ? "skipped" : run.completed() ? "completed" : "failed";
    Counter.builder("licensekit.maintenance.runs").description("Maintenance job runs").tags("job", run.job().id(), "outcome", outcome)
        .register(meters).increment();
    if (run.executed()) {
      Timer.builder("licensekit.maintenance.duration").description("How long maintenance job runs took").tags("job", run.job().id())
          .register(meters).record(run.took());
    }
  }

  private static long parse(String value) {
    try {
      return value == null ? 0 : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
