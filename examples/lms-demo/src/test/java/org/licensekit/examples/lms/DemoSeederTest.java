package org.licensekit.examples.lms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.report.AlertKind;
import org.licensekit.core.api.report.Analytics;
import org.licensekit.core.api.report.AnalyticsQuery;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.DashboardOptions;
import org.licensekit.core.api.report.DiscrepancyKind;
import org.licensekit.core.api.report.EngagementBand;
import org.licensekit.core.api.report.ReconciliationResult;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;

/** The seeded district is the realistic one the README promises, created through the public API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoSeederTest {

  private final DemoClock clock = new DemoClock(Clock.systemUTC());
  private TenantLicensing district;
  private ActorSession admin;

  @BeforeAll
  void seed() {
    Licensing licensing = Licensing.builder().store(InMemoryLicenseStore.create()).clock(clock).build();
    district = licensing.tenant(TenantId.of("riverside-usd"));
    admin = district.as(Persona.ADMIN.actor());
    new DemoSeeder(district, clock, 300).seedIfEmpty();
  }

  @Test
  void theDistrictHasSchoolsUsersOfEveryJobProfileAndTheFiveRoles() {
    assertThat(admin.users().organizations()).hasSize(7);
    assertThat(admin.bulk().count(UserFilter.all())).isEqualTo(300);
    for (var profile : List.of(DefaultCatalog.TEACHER, DefaultCatalog.ADMINISTRATOR, DefaultCatalog.SPECIALIZED_STAFF)) {
      assertThat(admin.bulk().count(UserFilter.builder().jobProfile(profile).build())).as(profile.value()).isPositive();
    }
    assertThat(admin.catalog().roles()).extracting(r -> r.id())
        .contains(DefaultCatalog.PROCTOR, DefaultCatalog.OBSERVABLE, DefaultCatalog.OBSERVER, DefaultCatalog.EVALUATOR, DefaultCatalog.REPORTER);
    assertThat(admin.catalog().products()).hasSize(5).anySatisfy(p -> assertThat(p.prerequisites()).isNotEmpty());
    assertThat(admin.bulk().count(UserFilter.builder().status(AccountStatus.INVITED).build())).isPositive();
  }

  @Test
  void theClockIsBackOnSystemTimeAndASecondSeedingAddsNothing() {
    assertThat(Duration.between(clock.instant(), Instant.now()).abs()).isLessThan(Duration.ofSeconds(5));
    new DemoSeeder(district, clock, 300).seedIfEmpty();
    assertThat(admin.bulk().count(UserFilter.all())).isEqualTo(300);
  }

  @Test
  void theDashboardHasNearExpirationsRenewalsAndOldPendingClaims() {
    Dashboard dashboard = admin.reports().dashboard();
    assertThat(dashboard.alerts(AlertKind.POOL_EXPIRING)).isNotEmpty();
    assertThat(dashboard.alerts(AlertKind.CLAIMS_PENDING_TOO_LONG)).isNotEmpty();
    assertThat(dashboard.products()).allSatisfy(p -> assertThat(p.seats().nextRenewal()).isPresent());
    assertThat(dashboard.waiting(DemoUsers.COACHING)).as("school leaders waiting for a coaching seat").isPositive();
    assertThat(admin.waitlist().of(DemoUsers.COACHING)).hasSize(dashboard.waiting(DemoUsers.COACHING));
    List<ClaimRow> pending = admin.reports().claims(ClaimsQuery.builder().status(ClaimStatus.PENDING).limit(1000).build()).items();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertThat(pending).anySatisfy(c -> assertThat(LocalDate.ofInstant(c.assignedAt(), ZoneOffset.UTC)).isBefore(today.minusDays(90)));
    assertThat(pending).anySatisfy(c -> assertThat(LocalDate.ofInstant(c.assignedAt(), ZoneOffset.UTC)).isAfter(today.minusDays(30)));
  }

  @Test
  void riversideHighsOwnCoachingPoolServesOnlyItsPeopleAndShowsOnItsDashboard() {
    Dashboard school = admin.reports().dashboard(DashboardOptions.builder().organization(DemoUsers.RIVERSIDE_HIGH).build());
    assertThat(school.total().purchased()).as("the school's own pool").isEqualTo(DemoSeeder.RIVERSIDE_HIGH_COACHING_SEATS);
    assertThat(admin.reports().dashboard(DashboardOptions.builder().organization(DemoUsers.OAK_ELEMENTARY).build())
        .total().purchased()).as("a school without a pool of its own").isZero();

    List<ClaimRow> fromSchoolPool = admin.reports().claims(ClaimsQuery.builder().product(DemoUsers.COACHING)
        .status(ClaimStatus.PENDING).status(ClaimStatus.ACTIVE).limit(1000).build()).items().stream()
        .filter(row -> row.pool().equals(DemoSeeder.RIVERSIDE_HIGH_COACHING)).toList();
    assertThat(fromSchoolPool).as("the school's waiting leaders were served by its new pool").isNotEmpty()
        .allSatisfy(row -> assertThat(inRiversideHigh(row.user())).as("%s is at Riverside High", row.user()).isTrue());
    if (fromSchoolPool.size() < DemoSeeder.RIVERSIDE_HIGH_COACHING_SEATS) {
      assertThat(admin.waitlist().of(DemoUsers.COACHING)).as("no Riverside High leader waits while its pool has seats")
          .noneSatisfy(entry -> assertThat(inRiversideHigh(entry.user())).isTrue());
    }
  }

  private boolean inRiversideHigh(UserId user) {
    return admin.users().profile(user).organizations().stream()
        .anyMatch(o -> o.organization().id().equals(DemoUsers.RIVERSIDE_HIGH));
  }

  @Test
  void monthsOfUsageFillEveryEngagementBandAndTheTrend() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Analytics analytics = admin.reports().analytics(AnalyticsQuery.between(today.minusDays(180), today.plusDays(1)).build());
    assertThat(analytics.engagement().bands().get(EngagementBand.HIGH)).isPositive();
    assertThat(analytics.engagement().bands().get(EngagementBand.MEDIUM)).isPositive();
    assertThat(analytics.engagement().bands().get(EngagementBand.LOW)).isPositive();
    assertThat(analytics.trend().stream().filter(t -> t.activations() > 0).count()).as("weeks with activations").isGreaterThan(10);
  }

  @Test
  void afewDiscrepanciesWaitForReconciliation() {
    ReconciliationResult result = admin.reports().reconcile(true);
    assertThat(result.found(DiscrepancyKind.CLAIM_PAST_EXPIRY)).isNotEmpty();
    assertThat(result.found(DiscrepancyKind.DUPLICATE_ASSIGNMENT)).isNotEmpty();
    assertThat(result.found()).hasSizeLessThan(30);
  }

  @Test
  void thePersonasShowTheGuardBothWays() {
    assertThat(district.access().check(DemoUsers.ANA, DemoUsers.OBSERVATION).allowed()).isTrue();
    assertThat(district.access().check(DemoUsers.BEN, DemoUsers.OBSERVATION).reasonCodes()).containsExactly(DenialReason.CLAIM_PENDING);
  }
}
