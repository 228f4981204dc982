package org.licensekit.testkit.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.report.AlertKind;
import org.licensekit.core.api.report.ClaimCounts;
import org.licensekit.core.api.report.Dashboard;
import org.licensekit.core.api.report.DashboardAlert;
import org.licensekit.core.api.report.DashboardOptions;
import org.licensekit.core.api.report.SeatFigures;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.UserId;

/** The license dashboard: seat figures per product and in total, expiry windows, and every alert. */
public abstract class DashboardContract extends ReportsTestSupport {

  @Test
  void dashboardCountsPurchasedAssignedClaimedAndAvailableSeatsPerProductAndInTotal() {
    pool("obs", OBSERVATION, 10, schoolYear(), Optional.empty());
    pool("coach", COACHING, 5, schoolYear(), Optional.empty());
    UserId ana = activeUser("ana", DefaultCatalog.TEACHER, NORTH);
    register("ben", DefaultCatalog.TEACHER, NORTH);
    register("cy", DefaultCatalog.TEACHER, SOUTH);
    claimNow(ana, OBSERVATION);

    Dashboard dashboard = reporter().reports().dashboard();

    SeatFigures observation = dashboard.product(OBSERVATION).orElseThrow().seats();
    assertThat(List.of(observation.purchased(), observation.pending(), observation.claimed(), observation.assigned(), observation.available()))
        .containsExactly(10, 2, 1, 3, 7);
    assertThat(observation.activationRate()).isEqualTo(1.0 / 3);
    SeatFigures coaching = dashboard.product(COACHING).orElseThrow().seats();
    assertThat(List.of(coaching.purchased(), coaching.pending(), coaching.claimed(), coaching.available())).containsExactly(5, 3, 0, 2);
    assertThat(coaching.activationRate()).isZero();
    SeatFigures total = dashboard.total();
    assertThat(List.of(total.purchased(), total.pending(), total.claimed(), total.available())).containsExactly(15, 5, 1, 9);
    assertThat(dashboard.products()).extracting(p -> p.product().value())
        .containsExactly("analytics", "coaching", "evaluation", "observation", "proctoring");
    assertThat(dashboard.product(EVALUATION).orElseThrow().seats().purchased()).isZero();
    assertThat(dashboard.product(OBSERVATION).orElseThrow().name()).isEqualTo("Observation");
  }

  @Test
  void dashboardCountsClaimsByStatusPerProductWhateverThePoolsTerm() {
    pool("obs", OBSERVATION, 10, schoolYear(), Optional.empty());
    pool("coach", COACHING, 5, schoolYear(), Optional.empty());
    LicensePool past = pool("past", ANALYTICS, 4, termDays(-100, -1), Optional.empty());
    UserId ana = activeUser("ana", DefaultCatalog.TEACHER, NORTH);
    UserId ben = activeUser("ben", DefaultCatalog.TEACHER, NORTH);
    register("cy", DefaultCatalog.TEACHER, SOUTH);
    claimNow(ana, OBSERVATION);
    claimNow(ana, COACHING);
    admin.assignments().revokeProduct(ben, OBSERVATION, "moved to another school");
    clock.advance(Duration.ofDays(91));
    admin.lifecycle().expireDue();
    importedClaim("old-analytics", ben, ANALYTICS, past.id(), true, startPlusDays(-50));

    Dashboard dashboard = reporter().reports().dashboard();

    assertThat(dashboard.product(OBSERVATION).orElseThrow().claims()).isEqualTo(new ClaimCounts(1, 1, 0, 1));
    assertThat(dashboard.product(COACHING).orElseThrow().claims()).isEqualTo(new ClaimCounts(2, 0, 1, 0));
    assertThat(dashboard.product(ANALYTICS).orElseThrow().claims()).as("a pending claim of an ended pool").isEqualTo(new ClaimCounts(1, 0, 0, 0));
    assertThat(dashboard.product(ANALYTICS).orElseThrow().seats().pending()).as("seat figures count pools in term only").isZero();
    assertThat(dashboard.product(EVALUATION).orElseThrow().claims()).isEqualTo(ClaimCounts.NONE);
    assertThat(dashboard.claims()).isEqualTo(new ClaimCounts(4, 1, 1, 1));
    assertThat(dashboard.claims().total()).isEqualTo(7);
    assertThat(reporter().reports().dashboard(DashboardOptions.builder().organization(NORTH).build()).claims())
        .as("no pool is scoped to north").isEqualTo(ClaimCounts.NONE);
  }

  @Test
  void onlyPoolsInTermCountAsPurchased() {
    pool("past", OBSERVATION, 4, termDays(-100, -1), Optional.empty());
    pool("future", OBSERVATION, 6, termDays(10, 400), Optional.empty());
    pool("current", OBSERVATION, 3, schoolYear(), Optional.empty());

    SeatFigures figures = admin.reports().dashboard().product(OBSERVATION).orElseThrow().seats();

    assertThat(figures.purchased()).isEqualTo(3);
    assertThat(figures.available()).isEqualTo(3);
    assertThat(figures.nextExpiration()).contains(schoolYear().end());
  }

  @Test
  void seatsExpiringWithinEachWindowAreCountedWithTheWindowEndInclusive() {
    pool("in-5", OBSERVATION, 1, termDays(-10, 5), Optional.empty());
    pool("in-7", OBSERVATION, 2, termDays(-10, 7), Optional.empty());
    pool("in-20", OBSERVATION, 4, termDays(-10, 20), Optional.empty());
    pool("in-60", OBSERVATION, 8, termDays(-10, 60), Optional.empty());
    pool("in-200", OBSERVATION, 16, termDays(-10, 200), Optional.empty());

    SeatFigures defaults = admin.reports().dashboard().product(OBSERVATION).orElseThrow().seats();
    SeatFigures custom = admin.reports().dashboard(DashboardOptions.builder().expiryWindowDays(List.of(14, 365)).build())
        .product(OBSERVATION).orElseThrow().seats();

    assertThat(defaults.expiringWithinDays()).containsExactly(Map.entry(90, 15), Map.entry(30, 7), Map.entry(7, 3));
    assertThat(defaults.nextExpiration()).contains(startPlusDays(5));
    assertThat(custom.expiringWithinDays()).containsExactly(Map.entry(365, 31), Map.entry(14, 3));
  }

  @Test
  void nextRenewalIsTheEarliestRenewalDateFromTodayOfPoolsNotEnded() {
    LocalDate today = today();
    addPoolWithRenewal("ended", termDays(-100, -1), today.plusDays(1));
    addPoolWithRenewal("passed", schoolYear(), today.minusDays(1));
    addPoolWithRenewal("later", schoolYear(), today.plusDays(40));
    addPoolWithRenewal("soon", termDays(30, 400), today.plusDays(10));

    Dashboard dashboard = admin.reports().dashboard();

    assertThat(dashboard.product(OBSERVATION).orElseThrow().seats().nextRenewal()).contains(today.plusDays(10));
    assertThat(dashboard.total().nextRenewal()).contains(today.plusDays(10));
    assertThat(dashboard.product(EVALUATION).orElseThrow().seats().nextRenewal()).isEmpty();
  }

  private void addPoolWithRenewal(String id, org.licensekit.core.domain.Term term, LocalDate renewal) {
    admin.pools().add(NewPool.builder().id(PoolId.of(id)).product(OBSERVATION).seats(1).term(term).renewalDate(renewal).build());
  }

  @Test
  void poolExpiringWithinTheAlertWindowRaisesAnAlert() {
    pool("ends-in-20", OBSERVATION, 4, termDays(-10, 20), Optional.empty());
    pool("ends-in-31", COACHING, 4, termDays(-10, 31), Optional.empty());

    List<DashboardAlert> defaults = admin.reports().dashboard().alerts(AlertKind.POOL_EXPIRING);
    List<DashboardAlert> wider = admin.reports().dashboard(DashboardOptions.builder().expiringAlertDays(31).build())
        .alerts(AlertKind.POOL_EXPIRING);

    assertThat(defaults).singleElement().satisfies(alert -> {
      assertThat(alert.pool()).contains(PoolId.of("ends-in-20"));
      assertThat(alert.product()).isEqualTo(OBSERVATION);
      assertThat(alert.count()).isEqualTo(4);
      assertThat(alert.at()).contains(startPlusDays(20));
    });
    assertThat(wider).extracting(a -> a.pool().orElseThrow().value()).containsExactly("ends-in-31", "ends-in-20");
  }

  @Test
  void availabilityUnderTheThresholdRaisesAnAlertButExactlyAtItDoesNot() {
    pool("obs", OBSERVATION, 10, schoolYear(), Optional.empty());
    for (int i = 0; i < 9; i++) {
      register("t" + i, DefaultCatalog.ADMINISTRATOR, NORTH);
    }
    assertThat(admin.reports().dashboard().alerts(AlertKind.LOW_AVAILABILITY)).isEmpty();

    register("t9", DefaultCatalog.ADMINISTRATOR, NORTH);

    assertThat(admin.reports().dashboard().alerts(AlertKind.LOW_AVAILABILITY)).singleElement().satisfies(alert -> {
      assertThat(alert.product()).isEqualTo(OBSERVATION);
      assertThat(alert.count()).isZero();
    });
    assertThat(admin.reports().dashboard(DashboardOptions.builder().minimumAvailablePercent(0).build())
        .alerts(AlertKind.LOW_AVAILABILITY)).isEmpty();
  }

  @Test
  void claimsPendingLongerThanTheThresholdRaiseOneAlertPerProduct() {
    pool("obs", OBSERVATION, 10, schoolYear(), Optional.empty());
    register("early", DefaultCatalog.ADMINISTRATOR, NORTH);
    clock.advance(Duration.ofDays(1));
    register("late", DefaultCatalog.ADMINISTRATOR, NORTH);

    clock.advance(Duration.ofDays(13));
    assertThat(admin.reports().dashboard().alerts(AlertKind.CLAIMS_PENDING_TOO_LONG)).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(admin.reports().dashboard().alerts(AlertKind.CLAIMS_PENDING_TOO_LONG)).singleElement().satisfies(alert -> {
      assertThat(alert.product()).isEqualTo(OBSERVATION);
      assertThat(alert.count()).isEqualTo(1);
      assertThat(alert.at()).contains(START);
    });
    assertThat(admin.reports().dashboard(DashboardOptions.builder().pendingAlertDays(7).build())
        .alerts(AlertKind.CLAIMS_PENDING_TOO_LONG)).singleElement().satisfies(alert -> assertThat(alert.count()).isEqualTo(2));
  }

  @Test
  void poolHoldingMoreLiveClaimsThanSeatsRaisesAnOverAllocationAlertAndCountsNoAvailableSeat() {
    LicensePool pool = pool("small", ANALYTICS, 1, schoolYear(), Optional.empty());
    pool("other", ANALYTICS, 2, schoolYear(), Optional.empty());
    importedUser("imp-1", "imp-1@example.org", org.licensekit.core.domain.AccountStatus.ACTIVE);
    importedUser("imp-2", "imp-2@example.org", org.licensekit.core.domain.AccountStatus.ACTIVE);
    importedClaim("c-1", UserId.of("imp-1"), ANALYTICS, pool.id(), true, START);
    importedClaim("c-2", UserId.of("imp-2"), ANALYTICS, pool.id(), true, START);

    Dashboard dashboard = admin.reports().dashboard();

    assertThat(dashboard.alerts(AlertKind.POOL_OVER_ALLOCATED)).singleElement().satisfies(alert -> {
      assertThat(alert.pool()).contains(pool.id());
      assertThat(alert.count()).isEqualTo(2);
    });
    SeatFigures analytics = dashboard.product(ANALYTICS).orElseThrow().seats();
    assertThat(analytics.purchased()).isEqualTo(3);
    assertThat(analytics.assigned()).isEqualTo(2);
    assertThat(analytics.available()).isEqualTo(2);
  }

  @Test
  void alertsAreOrderedByKindThenProduct() {
    pool("obs", OBSERVATION, 1, termDays(-10, 3), Optional.empty());
    pool("coach", COACHING, 1, termDays(-10, 3), Optional.empty());
    register("ana", DefaultCatalog.TEACHER, NORTH);

    List<DashboardAlert> alerts = admin.reports().dashboard().alerts();

    assertThat(alerts).extracting(a -> a.kind() + "/" + a.product())
        .containsExactly("POOL_EXPIRING/coaching", "POOL_EXPIRING/observation", "LOW_AVAILABILITY/coaching", "LOW_AVAILABILITY/observation");
  }

  @Test
  void dashboardScopedToAnOrganizationCountsOnlyPoolsScopedInsideItsSubtree() {
    pool("north-obs", OBSERVATION, 4, schoolYear(), Optional.of(NORTH));
    pool("south-obs", OBSERVATION, 2, schoolYear(), Optional.of(SOUTH));
    pool("tenant-obs", OBSERVATION, 100, schoolYear(), Optional.empty());
    register("ana", DefaultCatalog.ADMINISTRATOR, NORTH);

    Dashboard district = admin.reports().dashboard(DashboardOptions.builder().organization(DISTRICT).build());
    Dashboard north = admin.reports().dashboard(DashboardOptions.builder().organization(NORTH).build());

    assertThat(district.organization()).contains(DISTRICT);
    assertThat(district.product(OBSERVATION).orElseThrow().seats().purchased()).isEqualTo(6);
    SeatFigures northSeats = north.product(OBSERVATION).orElseThrow().seats();
    assertThat(List.of(northSeats.purchased(), northSeats.assigned(), northSeats.available())).containsExactly(4, 1, 3);
    assertThat(admin.reports().dashboard().total().purchased()).isEqualTo(106);
  }

  @Test
  void dashboardForAnUnknownOrganizationIsRefused() {
    assertThatThrownBy(() -> admin.reports().dashboard(DashboardOptions.builder().organization(OrganizationId.of("nowhere")).build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("organizationId"));
  }

  @Test
  void badDashboardOptionsAreRefusedNamingEachField() {
    assertThatThrownBy(() -> DashboardOptions.builder().expiryWindowDays(List.of(0)).expiringAlertDays(0)
        .minimumAvailablePercent(101).pendingAlertDays(-1).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields())
            .containsExactly("expiringAlertDays", "expiryWindowDays", "minimumAvailablePercent", "pendingAlertDays"));
  }

  @Test
  void anotherTenantsPoolsNeverAppear() {
    pool("obs", OBSERVATION, 10, schoolYear(), Optional.empty());
    var other = licensing.tenant(org.licensekit.core.domain.TenantId.of(tenantId.value() + "-other"))
        .as(org.licensekit.core.domain.Actor.systemAdministrator("admin-2"));

    assertThat(other.reports().dashboard().total().purchased()).isZero();
    assertThat(other.reports().dashboard().products()).isEmpty();
  }
}
