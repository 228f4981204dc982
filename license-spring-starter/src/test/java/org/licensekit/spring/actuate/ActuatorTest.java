package org.licensekit.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.spring.TestFixtures;
import org.licensekit.spring.maintenance.LicensekitMaintenance;
import org.licensekit.spring.maintenance.MaintenanceJob;
import org.licensekit.spring.web.LicensingPrincipal;
import org.licensekit.spring.web.LicensingPrincipalResolver;
import org.licensekit.spring.web.RequiresLicense;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Health, metrics and the endpoint of a host with Actuator, on H2. */
@SpringBootTest(classes = ActuatorTest.App.class, properties = {
    "spring.autoconfigure.exclude=org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
        + "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
        + "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
        + "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
    "spring.datasource.url=jdbc:h2:mem:actuator;DB_CLOSE_DELAY=-1",
    "management.endpoints.web.exposure.include=health,licensekit",
    "management.endpoint.health.show-details=always",
    "licensekit.tenants=district-42",
    "licensekit.maintenance.enabled=true",
    "licensekit.maintenance.expire-cron=0 0 0 1 1 *", "licensekit.maintenance.follow-up-cron=0 0 0 1 1 *",
    "licensekit.maintenance.expiration-alerts-cron=0 0 0 1 1 *", "licensekit.maintenance.monthly-review-cron=0 0 0 1 1 *", "licensekit.maintenance.archive-cron=0 0 0 1 1 *",
    "licensekit.maintenance.lock-at-least-for=0s", "licensekit.metrics.seat-refresh-interval=1h"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActuatorTest {

  @Autowired
  MockMvc mvc;

  @Autowired
  Licensing licensing;

  @Autowired
  MeterRegistry meters;

  @Autowired
  LicensekitMetrics metrics;

  @BeforeAll
  void seed() {
    TestFixtures.seed(licensing, 5);
    Instant now = Instant.now();
    licensing.tenant(TestFixtures.TENANT).as(TestFixtures.ADMIN).pools().add(NewPool.builder().id(PoolId.of("observation-summer"))
        .product(TestFixtures.OBSERVATION).seats(3).term(Term.of(now.minus(60, ChronoUnit.DAYS), now.plus(20, ChronoUnit.DAYS))).build());
    TestFixtures.claim(licensing, TestFixtures.teacher(licensing, "ana"));
    TestFixtures.teacher(licensing, "bob");
  }

  @Test
  void healthIsUpWithTheSchemaVersionAndThePoolsEndingWithinTheAlertWindow() throws Exception {
    mvc.perform(get("/actuator/health/licensekit"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("UP"))
        .andExpect(jsonPath("$.details.store").value("JDBC"))
        .andExpect(jsonPath("$.details.schemaVersion").value(matchesPattern("\\d+(\\.\\d+)*")))
        .andExpect(jsonPath("$.details.poolsEndingWithin").value("PT2160H"))
        .andExpect(jsonPath("$.details.poolsEnding['district-42'].length()").value(1))
        .andExpect(jsonPath("$.details.poolsEnding['district-42'][0].pool").value("observation-summer"))
        .andExpect(jsonPath("$.details.poolsEnding['district-42'][0].seats").value(3));
  }

  @Test
  void theEndpointShowsEachTenantsDashboard() throws Exception {
    mvc.perform(get("/actuator/licensekit"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tenants['district-42'].products[0].product").value("observation"))
        .andExpect(jsonPath("$.tenants['district-42'].products[0].purchased").value(8))
        .andExpect(jsonPath("$.tenants['district-42'].products[0].assigned").value(2))
        .andExpect(jsonPath("$.tenants['district-42'].products[0].claimed").value(1))
        .andExpect(jsonPath("$.tenants['district-42'].total.available").value(6));
    mvc.perform(get("/actuator/licensekit/district-42")).andExpect(status().isOk())
        .andExpect(jsonPath("$.products[0].pending").value(1));
    mvc.perform(get("/actuator/licensekit/not-listed")).andExpect(status().isNotFound());
  }

  @Test
  void seatGaugesFollowEachTenantsDashboard() {
    metrics.refreshSeats();

    assertThat(gauge("licensekit.seats.purchased")).isEqualTo(8.0);
    assertThat(gauge("licensekit.seats.assigned")).isEqualTo(2.0);
    assertThat(gauge("licensekit.seats.available")).isEqualTo(6.0);
    assertThat(gauge("licensekit.activation.rate")).isEqualTo(0.5);
  }

  @Test
  void outboxGaugesFollowEachTenantsOutbox() {
    metrics.refreshSeats();

    var counts = licensing.tenant(TestFixtures.TENANT).as(TestFixtures.ADMIN).outbox().counts();
    assertThat(counts.delivered()).as("the invitations and events of the seeding").isPositive();
    assertThat(outbox("delivered")).isEqualTo((double) counts.delivered());
    assertThat(outbox("pending")).isEqualTo((double) counts.pending());
    assertThat(outbox("dead")).isZero();
  }

  @Test
  void seatReleasesAtZeroAreCounted() {
    double before = meters.get("licensekit.seats.releases.at.zero").functionCounter().count();

    org.licensekit.core.SeatCounterDrift.recordReleaseAtZero(TestFixtures.TENANT, PoolId.of("observation-summer"));

    assertThat(meters.get("licensekit.seats.releases.at.zero").functionCounter().count()).isEqualTo(before + 1);
  }

  private double outbox(String status) {
    return meters.get("licensekit.outbox.messages").tags("tenant", "district-42", "status", status).gauge().value();
  }

  @Test
  void guardChecksAreCountedByOutcomeAndReason() throws Exception {
    double allowedBefore = checks("allowed", "NONE");
    double pendingBefore = checks("denied", "CLAIM_PENDING");

    mvc.perform(get("/guarded").header("X-User", "ana")).andExpect(status().isOk());
    mvc.perform(get("/guarded").header("X-User", "ana")).andExpect(status().isOk());
    mvc.perform(get("/guarded").header("X-User", "bob")).andExpect(status().isForbidden());

    assertThat(checks("allowed", "NONE") - allowedBefore).isEqualTo(2.0);
    assertThat(checks("denied", "CLAIM_PENDING") - pendingBefore).isEqualTo(1.0);
  }

  @Test
  void maintenanceRunsAreCountedAndTimed(@Autowired LicensekitMaintenance maintenance) {
    maintenance.run(MaintenanceJob.EXPIRE_DUE);
    maintenance.run(MaintenanceJob.EXPIRE_DUE);

    assertThat(meters.get("licensekit.maintenance.runs").tags("job", "expire-due", "outcome", "completed").counter().count())
        .isEqualTo(2.0);
    assertThat(meters.get("licensekit.maintenance.duration").tags("job", "expire-due").timer().count()).isEqualTo(2);
  }

  @Test
  void bulkRunsAreCountedFromTheirEvents(@Autowired ApplicationEventPublisher events) {
    events.publishEvent(LicenseEvent.builder().tenant(TestFixtures.TENANT).type(ChangeType.BULK_COMPLETED).at(Instant.now())
        .actor(TestFixtures.ADMIN).subjectType("bulk").subjectId("b-1")
        .attributes(Map.of("mode", "BEST_EFFORT", "done", "40", "refused", "2")).build());

    assertThat(meters.get("licensekit.bulk.runs").tags("mode", "BEST_EFFORT").counter().count()).isEqualTo(1.0);
    assertThat(meters.get("licensekit.bulk.users").tags("mode", "BEST_EFFORT").summary().totalAmount()).isEqualTo(40.0);
  }

  private double gauge(String name) {
    return meters.get(name).tags("tenant", "district-42", "product", "observation").gauge().value();
  }

  private double checks(String outcome, String reason) {
    var counter = meters.find("licensekit.access.checks").tags("tenant", "district-42", "outcome", outcome, "reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {

    @Bean
    LicensingPrincipalResolver headerResolver() {
      return request -> Optional.ofNullable(request.getHeader("X-User"))
          .map(user -> LicensingPrincipal.of(TenantId.of("district-42"), UserId.of(user)));
    }

    @Bean
    Guarded guarded() {
      return new Guarded();
    }
  }

  @RestController
  static class Guarded {
    @GetMapping("/guarded")
    @RequiresLicense("observation")
    String guarded() {
      return "ok";
    }
  }
}
