package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.Lifecycle;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.UserId;

/** Seasonal adjustments: offboarding, the temporary-staff sweep, seat transfers and reassignment. */
public abstract class SeasonalContract extends BulkTestSupport {

  @Test
  void offboardingReleasesEverySeatRemovesMembershipsAndArchives() {
    LicensePool observation = pool(OBSERVATION, 5);
    LicensePool coaching = pool(COACHING, 5);
    LicensePool analytics = pool(ANALYTICS, 5);
    UserId leaving = activeUser("t-1", DefaultCatalog.TEACHER, NORTH);
    admin.assignments().assignRole(leaving, SOUTH, DefaultCatalog.OBSERVER);
    admin.assignments().assignProduct(leaving, ANALYTICS, "pilot");
    asUser(leaving).claims().claim(leaving, OBSERVATION);

    UserOutcome outcome = admin.lifecycle().offboard(leaving, "left the district");

    assertThat(outcome.kind()).isEqualTo(UserOutcome.Kind.DONE);
    assertThat(admin.claims().ofUser(leaving)).hasSize(3).allSatisfy(c -> assertThat(c.status()).isEqualTo(ClaimStatus.REVOKED));
    assertThat(List.of(usage(observation).seatsInUse(), usage(coaching).seatsInUse(), usage(analytics).seatsInUse()))
        .containsExactly(0, 0, 0);
    assertThat(store.directory().membershipsOf(tenantId, leaving)).isEmpty();
    assertThat(admin.users().find(leaving).orElseThrow().status()).isEqualTo(AccountStatus.ARCHIVED);
    assertThat(admin.lifecycle().offboard(leaving, "again").kind()).isEqualTo(UserOutcome.Kind.ALREADY);
  }

  @Test
  void theSweepArchivesTemporaryStaffWhoseEndDatePassed() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId ended = activeUser("tmp-1", DefaultCatalog.TEACHER, NORTH);
    UserId endsToday = activeUser("tmp-2", DefaultCatalog.TEACHER, NORTH);
    UserId permanent = activeUser("perm-1", DefaultCatalog.TEACHER, NORTH);
    LocalDate today = LocalDate.ofInstant(START, java.time.ZoneOffset.UTC);
    admin.users().update(UserUpdate.builder().id(ended).endDate(today.minusDays(1)).build());
    admin.users().update(UserUpdate.builder().id(endsToday).endDate(today).build());

    BulkResult sweep = admin.lifecycle().archiveEndedTemporaryStaff("end of engagement");

    assertThat(sweep.done()).isEqualTo(1);
    assertThat(admin.users().find(ended).orElseThrow().status()).isEqualTo(AccountStatus.ARCHIVED);
    assertThat(admin.users().find(endsToday).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(admin.users().find(permanent).orElseThrow().status()).isEqualTo(AccountStatus.ACTIVE);
    assertThat(usage(observation).seatsInUse()).isEqualTo(2);
    assertThat(admin.lifecycle().archiveEndedTemporaryStaff("again").selected()).isZero();
  }

  @Test
  void aTransferKeepingExpiryHandsTheRunningLicenseOverToBeClaimedUntilTheSameEnd() {
    LicensePool coaching = pool(COACHING, 1);
    UserId from = activeUser("t-1", DefaultCatalog.TEACHER, NORTH);
    UserId to = plainUser("t-2", NORTH);
    LicenseClaim running = asUser(from).claims().claim(from, COACHING).claim().orElseThrow();

    LicenseClaim given = admin.lifecycle().transferSeat(from, to, COACHING, Lifecycle.Expiry.KEEP, "job share");

    assertThat(given.user()).isEqualTo(to);
    assertThat(given.pool()).isEqualTo(coaching.id());
    assertThat(given.status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(given.expiresAt()).isEqualTo(running.expiresAt());
    assertThat(admin.claims().find(running.id()).orElseThrow().status()).isEqualTo(ClaimStatus.REVOKED);
    assertThat(usage(coaching).seatsInUse()).isEqualTo(1);

    clock.advance(java.time.Duration.ofDays(10));
    LicenseClaim claimed = asUser(to).claims().claim(to, COACHING).claim().orElseThrow();
    assertThat(claimed.status()).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(claimed.expiresAt()).isEqualTo(running.expiresAt());
  }

  @Test
  void aTransferResettingExpiryGivesAPendingClaimAndRefusesAHolder() {
    pool(COACHING, 2);
    UserId from = activeUser("t-1", DefaultCatalog.TEACHER, NORTH);
    UserId to = plainUser("t-2", NORTH);
    UserId holder = activeUser("t-3", DefaultCatalog.TEACHER, NORTH);
    asUser(from).claims().claim(from, COACHING);

    LicenseClaim given = admin.lifecycle().transferSeat(from, to, COACHING, Lifecycle.Expiry.RESET, "replacement");

    assertThat(given.status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(given.expiresAt()).isEmpty();
    assertThatThrownBy(() -> admin.lifecycle().transferSeat(to, holder, COACHING, Lifecycle.Expiry.RESET, "again"))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("ALREADY_HOLDS_PRODUCT"));
    assertThat(admin.claims().ofUser(to)).singleElement().satisfies(c -> assertThat(c.live()).isTrue());
  }

  @Test
  void aSeatIsNotTransferredToAUserItsPoolDoesNotServe() {
    LicensePool northOnly = admin.pools().add(org.licensekit.core.api.NewPool.builder()
        .product(COACHING).seats(1).term(schoolYear()).scope(NORTH).build());
    UserId from = activeUser("t-1", DefaultCatalog.TEACHER, NORTH);
    UserId to = plainUser("t-2", SOUTH);

    assertThatThrownBy(() -> admin.lifecycle().transferSeat(from, to, COACHING, Lifecycle.Expiry.RESET, "move"))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("POOL_OUT_OF_SCOPE"));
    assertThat(usage(northOnly).seatsInUse()).isEqualTo(1);
    assertThat(admin.claims().ofUser(to)).isEmpty();
  }

  @Test
  void reclaimedSeatsGoToWaitingUsersInOrderWhileTheyLast() {
    LicensePool analytics = pool(ANALYTICS, 2);
    UserId first = plainUser("w-1", NORTH);
    UserId second = plainUser("w-2", NORTH);
    UserId third = plainUser("w-3", NORTH);
    admin.assignments().assignProduct(second, ANALYTICS, "early access");

    List<UserOutcome> outcomes = admin.lifecycle().reassign(ANALYTICS, List.of(third, second, first), "redistribution");

    assertThat(outcomes).extracting(UserOutcome::kind)
        .containsExactly(UserOutcome.Kind.DONE, UserOutcome.Kind.ALREADY, UserOutcome.Kind.REFUSED);
    assertThat(outcomes.get(2).code()).contains("NO_SEAT_AVAILABLE");
    assertThat(usage(analytics).seatsInUse()).isEqualTo(2);
  }
}
