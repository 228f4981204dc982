package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.ClaimResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;

/**
 * "License Renewal and Maintenance": tracking expirations and contract renewal dates, extending and
 * renewing terms, and changing seat counts without stranding the users who hold them.
 */
public abstract class RenewalWorkflow extends WorkflowSupport {

  @Test
  void thePoolListShowsExpirationAndContractRenewalDates() {
    LicensePool added = admin.pools().add(NewPool.builder().id(PoolId.of("po-2026-17")).product(OBSERVATION).seats(40)
        .term(schoolYear()).renewalDate(LocalDate.parse("2027-06-01")).reference("PO 2026-17").build());

    assertThat(admin.pools().list()).singleElement().satisfies(usage -> {
      assertThat(usage.pool()).isEqualTo(added);
      assertThat(usage.pool().term().end()).isEqualTo(schoolYear().end());
      assertThat(usage.pool().renewalDate()).contains(LocalDate.parse("2027-06-01"));
      assertThat(usage.seatsInUse()).isZero();
      assertThat(usage.free()).isEqualTo(40);
    });
  }

  @Test
  void extendingTheTermMovesTheExpiryOfActiveTermBoundClaims() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId claimer = activeUser("claimer", DefaultCatalog.TEACHER, NORTH);
    UserId notYet = activeUser("not-yet", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim active = claimed(claimer, OBSERVATION);
    Instant newEnd = observation.term().end().plus(180, ChronoUnit.DAYS);

    LicensePool extended = admin.pools().extendTerm(observation.id(), newEnd, "extension through December");

    assertThat(extended.term()).isEqualTo(Term.of(observation.term().start(), newEnd));
    assertThat(reread(active).expiresAt()).contains(newEnd);
    assertThat(theLiveClaim(notYet, OBSERVATION).expiresAt()).as("a pending claim has no expiry yet").isEmpty();
    assertThat(claimed(notYet, OBSERVATION).expiresAt()).contains(newEnd);
  }

  @Test
  void extendingTheTermLeavesDurationBoundClaimsAlone() {
    LicensePool coaching = pool(COACHING, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim active = claimed(teacher, COACHING);

    admin.pools().extendTerm(coaching.id(), coaching.term().end().plus(180, ChronoUnit.DAYS), "extension");

    assertThat(reread(active).expiresAt()).contains(START.plus(90, ChronoUnit.DAYS));
  }

  @Test
  void aDurationBoundClaimEndsWithThePoolTermEvenBeforeItsDurationRunsOut() {
    LicensePool coaching = pool(COACHING, 5, Term.of(START.minus(1, ChronoUnit.DAYS), START.plus(30, ChronoUnit.DAYS)),
        Optional.empty());
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    claimed(teacher, COACHING);

    clock.set(coaching.term().end());

    assertThat(tenant.access().check(teacher, COACHING).reasonCodes()).containsExactly(DenialReason.POOL_TERM_ENDED);
  }

  @Test
  void renewingReplacesTheTermAndRenewalDateAndActiveClaimsFollow() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim active = claimed(teacher, OBSERVATION);
    Term nextYear = Term.of(observation.term().start(), observation.term().end().plus(365, ChronoUnit.DAYS));

    LicensePool renewed = admin.pools().renew(observation.id(), nextYear, Optional.of(LocalDate.parse("2028-06-01")),
        "contract renewed for 2027-28");

    assertThat(renewed.term()).isEqualTo(nextYear);
    assertThat(renewed.renewalDate()).contains(LocalDate.parse("2028-06-01"));
    assertThat(admin.pools().find(observation.id())).map(PoolUsage::pool).contains(renewed);
    assertThat(reread(active).expiresAt()).contains(nextYear.end());
    assertThat(audited(ChangeType.POOL_TERM_CHANGED)).filteredOn(e -> e.subjectType().equals("pool"))
        .singleElement().satisfies(entry -> {
          assertThat(entry.subjectId()).isEqualTo(observation.id().value());
          assertThat(entry.reason()).contains("contract renewed for 2027-28");
          assertThat(entry.before()).hasValueSatisfying(before -> assertThat(before).contains(observation.term().end().toString()));
          assertThat(entry.after()).hasValueSatisfying(after -> assertThat(after).contains(nextYear.end().toString()));
        });
  }

  @Test
  void renewingWithoutANewRenewalDateKeepsTheOldOne() {
    LicensePool pool = admin.pools().add(NewPool.builder().product(OBSERVATION).seats(5).term(schoolYear())
        .renewalDate(LocalDate.parse("2027-06-01")).build());

    LicensePool renewed = admin.pools().renew(pool.id(),
        Term.of(schoolYear().start(), schoolYear().end().plus(30, ChronoUnit.DAYS)), Optional.empty(), "bridge month");

    assertThat(renewed.renewalDate()).contains(LocalDate.parse("2027-06-01"));
  }

  @Test
  void seatsCannotDropBelowTheLiveClaimsUntilClaimsAreRevoked() {
    LicensePool observation = pool(OBSERVATION, 3);
    UserId first = activeUser("first", DefaultCatalog.TEACHER, NORTH);
    activeUser("second", DefaultCatalog.TEACHER, NORTH);

    assertConflict(() -> admin.pools().changeSeats(observation.id(), 1, "budget cut"), "SEATS_BELOW_LIVE_CLAIMS");
    assertThat(admin.pools().find(observation.id()).orElseThrow().pool().seats()).isEqualTo(3);
    assertThat(audited(ChangeType.POOL_SEATS_CHANGED)).isEmpty();

    assertThat(admin.pools().changeSeats(observation.id(), 2, "budget cut").free()).isZero();
    admin.claims().revoke(theLiveClaim(first, OBSERVATION).id(), "budget cut");
    PoolUsage reduced = admin.pools().changeSeats(observation.id(), 1, "budget cut");

    assertThat(reduced.pool().seats()).isEqualTo(1);
    assertThat(reduced.seatsInUse()).isEqualTo(1);
    assertThat(audited(ChangeType.POOL_SEATS_CHANGED)).extracting(AuditEntry::reason).containsOnly(Optional.of("budget cut"))
        .hasSize(2);
  }

  @Test
  void accessEndsWithThePoolTermAndComesBackWhenTheTermIsExtended() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    claimed(teacher, OBSERVATION);
    clock.set(observation.term().end().minusSeconds(1));
    assertThat(tenant.access().check(teacher, OBSERVATION).allowed()).isTrue();

    clock.advance(Duration.ofSeconds(1));
    assertThat(tenant.access().check(teacher, OBSERVATION).reasonCodes()).containsExactly(DenialReason.POOL_TERM_ENDED);

    admin.pools().extendTerm(observation.id(), observation.term().end().plus(30, ChronoUnit.DAYS), "late renewal");
    assertThat(tenant.access().check(teacher, OBSERVATION).allowed()).isTrue();
  }

  @Test
  void aPoolWhoseTermEndedAssignsNoNewSeats() {
    LicensePool observation = pool(OBSERVATION, 5);
    clock.set(observation.term().end());

    UserId lateHire = activeUserWithoutRoles("late-hire", NORTH);

    assertThat(admin.assignments().assignProduct(lateHire, OBSERVATION, "late hire").refused())
        .extracting(r -> r.code()).containsExactly("NO_POOL");
    assertThat(seatsInUse(observation)).isZero();
  }

  @Test
  void aPendingLicenseCannotBeClaimedOnceItsPoolTermEnded() {
    LicensePool observation = pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    clock.set(observation.term().end());

    ClaimResult result = claimAsUser(teacher, OBSERVATION);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.refusals()).extracting(AccessDenial::reason).containsExactly(DenialReason.POOL_TERM_ENDED);
    assertThat(theLiveClaim(teacher, OBSERVATION).status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(tenant.access().check(teacher, OBSERVATION).reasonCodes()).containsExactly(DenialReason.POOL_TERM_ENDED);
  }

  @Test
  void afterTheTermEndsANewYearsPoolServesTheReassignmentAndTheOldClaimExpires() {
    LicensePool thisYear = pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim old = claimed(teacher, OBSERVATION);
    clock.set(thisYear.term().end());
    LicensePool nextYear = pool(OBSERVATION, 5,
        Term.of(thisYear.term().end(), thisYear.term().end().plus(365, ChronoUnit.DAYS)), Optional.empty());

    LicenseClaim fresh = admin.assignments().assignProduct(teacher, OBSERVATION, "new school year").assigned().get(0);

    assertThat(fresh.pool()).isEqualTo(nextYear.id());
    assertThat(reread(old).status()).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(seatsInUse(thisYear)).isZero();
    assertThat(claimed(teacher, OBSERVATION).expiresAt()).contains(nextYear.term().end());
    assertThat(tenant.access().check(teacher, OBSERVATION).allowed()).isTrue();
  }
}
