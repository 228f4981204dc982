package org.licensekit.testkit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.report.Discrepancy;
import org.licensekit.core.api.report.DiscrepancyKind;
import org.licensekit.core.api.report.FixAction;
import org.licensekit.core.api.report.ReconciliationResult;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserId;

/**
 * Reconciliation: every discrepancy kind is seeded (through the store SPI where the API would
 * refuse), found with its proposed fix, fixed and audited, and not found again; a dry run changes
 * nothing; a healthy tenant shows nothing.
 */
public abstract class ReconciliationContract extends ReportsTestSupport {

  @BeforeEach
  void seedPools() {
    pool("obs", OBSERVATION, 20, schoolYear(), Optional.empty());
    pool("coach", COACHING, 20, schoolYear(), Optional.empty());
  }

  /** Reconciles for real, checks the discrepancy was found, and that a second run finds nothing. */
  private ReconciliationResult fixAndRecheck(DiscrepancyKind kind) {
    ReconciliationResult fixed = admin.reports().reconcile(false);
    assertThat(fixed.found(kind)).isNotEmpty();
    ReconciliationResult again = admin.reports().reconcile(false);
    assertThat(again.found()).isEmpty();
    assertThat(again.claimsChanged()).isZero();
    assertThat(again.countersCorrected()).isZero();
    return fixed;
  }

  @Test
  void healthyTenantHasNoDiscrepancies() {
    UserId ana = activeUser("ana", DefaultCatalog.TEACHER, NORTH);
    register("ben", DefaultCatalog.ADMINISTRATOR, SOUTH);
    claimNow(ana, COACHING);
    admin.users().archive(register("gone", DefaultCatalog.TEACHER, NORTH), "left");

    ReconciliationResult result = admin.reports().reconcile(true);

    assertThat(result.found()).isEmpty();
    assertThat(result.clean()).isTrue();
    assertThat(result.dryRun()).isTrue();
  }

  @Test
  void archivedUserStillHoldingSeatsIsFoundAndTheSeatsReleased() {
    UserId gone = register("gone", DefaultCatalog.TEACHER, NORTH);
    forceStatus(gone, AccountStatus.ARCHIVED);

    ReconciliationResult dry = admin.reports().reconcile(true);

    assertThat(dry.found(DiscrepancyKind.ARCHIVED_USER_HOLDS_SEAT)).hasSize(2).allSatisfy(d -> {
      assertThat(d.user()).contains(gone);
      assertThat(d.fix().action()).isEqualTo(FixAction.REVOKE_CLAIMS);
      assertThat(d.fix().claims()).containsExactly(d.claim().orElseThrow());
    });
    assertThat(liveClaim(gone, OBSERVATION).status()).isEqualTo(ClaimStatus.PENDING);

    ReconciliationResult fixed = fixAndRecheck(DiscrepancyKind.ARCHIVED_USER_HOLDS_SEAT);

    assertThat(fixed.claimsChanged()).isEqualTo(2);
    assertThat(store.claims().findLive(tenantId, gone, OBSERVATION)).isEmpty();
    assertThat(seatsInUse(PoolId.of("obs"))).isZero();
    assertThat(admin.audit().query(AuditQuery.builder().user(gone).addActions(ChangeType.CLAIM_REVOKED).build()))
        .hasSize(2).allSatisfy(e -> assertThat(e.reason()).contains("reconciliation: ARCHIVED_USER_HOLDS_SEAT"));
  }

  @Test
  void suspendedUserHoldingSeatsIsADiscrepancyOnlyWhenTheTenantSaysSuspendedUsersGiveThemUp() {
    UserId away = register("away", DefaultCatalog.TEACHER, NORTH);
    forceStatus(away, AccountStatus.SUSPENDED);
    assertThat(admin.reports().reconcile(true).found()).isEmpty();

    admin.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(false).build());

    assertThat(admin.reports().reconcile(true).found(DiscrepancyKind.SUSPENDED_USER_HOLDS_SEAT)).hasSize(2);
    fixAndRecheck(DiscrepancyKind.SUSPENDED_USER_HOLDS_SEAT);
    assertThat(store.claims().findLive(tenantId, away, COACHING)).isEmpty();
  }

  @Test
  void claimsPastTheirExpiryOrTheirPoolsTermAreExpired() {
    UserId ana = activeUser("ana", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim coaching = claimNow(ana, COACHING);
    clock.set(coaching.expiresAt().orElseThrow());

    ReconciliationResult atExpiry = admin.reports().reconcile(true);

    assertThat(atExpiry.found(DiscrepancyKind.CLAIM_PAST_EXPIRY)).singleElement().satisfies(d -> {
      assertThat(d.claim()).contains(coaching.id());
      assertThat(d.fix().action()).isEqualTo(FixAction.EXPIRE_CLAIMS);
    });
    clock.set(schoolYear().end());
    assertThat(admin.reports().reconcile(true).found(DiscrepancyKind.CLAIM_PAST_EXPIRY)).hasSize(2);

    fixAndRecheck(DiscrepancyKind.CLAIM_PAST_EXPIRY);

    assertThat(statusOf(coaching.id())).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(store.claims().findLive(tenantId, ana, OBSERVATION)).isEmpty();
  }

  @Test
  void sameProductHeldTwiceByAccountsSharingAnEmailKeepsOnlyTheEarliest() {
    UserId first = UserId.of("pat-1");
    UserId second = UserId.of("pat-2");
    admin.users().register(NewUser.builder().id(first).name("Pat").email("Pat@Example.org").jobProfile(DefaultCatalog.TEACHER)
        .addOrganizations(NORTH).build());
    clock.advance(Duration.ofMinutes(1));
    admin.users().register(NewUser.builder().id(second).name("Pat (import)").email("pat@example.org").jobProfile(DefaultCatalog.ADMINISTRATOR)
        .addOrganizations(SOUTH).build());

    ReconciliationResult dry = admin.reports().reconcile(true);

    assertThat(dry.found(DiscrepancyKind.DUPLICATE_ASSIGNMENT)).singleElement().satisfies(d -> {
      assertThat(d.user()).contains(second);
      assertThat(d.product()).isEqualTo(OBSERVATION);
      assertThat(d.claim()).contains(liveClaim(second, OBSERVATION).id());
    });
    fixAndRecheck(DiscrepancyKind.DUPLICATE_ASSIGNMENT);
    assertThat(store.claims().findLive(tenantId, second, OBSERVATION)).isEmpty();
    assertThat(liveClaim(first, OBSERVATION).status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(liveClaim(first, COACHING).status()).isEqualTo(ClaimStatus.PENDING);
  }

  @Test
  void claimNoRoleNorDirectAssignmentJustifiesIsRevoked() {
    UserId ana = register("ana", DefaultCatalog.TEACHER, NORTH);
    pool("eval", EVALUATION, 2, schoolYear(), Optional.empty());
    admin.assignments().assignProduct(ana, EVALUATION, "pilot");
    store.transactions().inTransaction(() -> {
      store.directory().saveMembership(tenantId, Membership.of(ana, NORTH, java.util.Set.of()));
      return null;
    });

    ReconciliationResult dry = admin.reports().reconcile(true);

    assertThat(dry.found(DiscrepancyKind.UNJUSTIFIED_CLAIM)).extracting(Discrepancy::product)
        .containsExactlyInAnyOrder(OBSERVATION, COACHING);
    fixAndRecheck(DiscrepancyKind.UNJUSTIFIED_CLAIM);
    assertThat(store.claims().findLive(tenantId, ana, OBSERVATION)).isEmpty();
    assertThat(liveClaim(ana, EVALUATION).direct()).isTrue();
  }

  @Test
  void aSeatKeptAfterLeavingItsPoolsSchoolIsFoundAndMovedToAPoolServingTheUser() {
    LicensePool north = pool("north-eval", EVALUATION, 2, schoolYear(), Optional.of(NORTH));
    UserId mover = register("mover", DefaultCatalog.TEACHER, NORTH);
    UserId stays = register("stays", DefaultCatalog.TEACHER, NORTH);
    admin.assignments().addToOrganization(mover, SOUTH, java.util.Set.of(DefaultCatalog.OBSERVABLE));
    LicenseClaim held = admin.assignments().assignProduct(mover, EVALUATION, "pilot").assigned().get(0);
    admin.assignments().assignProduct(stays, EVALUATION, "pilot");
    assertThat(held.pool()).isEqualTo(north.id());
    LicensePool wide = pool("wide-eval", EVALUATION, 2, schoolYear(), Optional.empty());
    // left North without the seat moving (imported data, or a store written before the rule)
    store.transactions().inTransaction(() -> {
      store.directory().deleteMembership(tenantId, mover, NORTH);
      return null;
    });

    ReconciliationResult dry = admin.reports().reconcile(true);

    assertThat(dry.found()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(DiscrepancyKind.CLAIM_OUTSIDE_POOL_SCOPE);
      assertThat(d.user()).contains(mover);
      assertThat(d.claim()).contains(held.id());
      assertThat(d.fix().action()).isEqualTo(FixAction.MOVE_CLAIMS);
      assertThat(d.description()).contains(north.id().value());
    });

    ReconciliationResult fixed = fixAndRecheck(DiscrepancyKind.CLAIM_OUTSIDE_POOL_SCOPE);

    assertThat(fixed.claimsChanged()).isEqualTo(1);
    assertThat(statusOf(held.id())).isEqualTo(ClaimStatus.REVOKED);
    LicenseClaim moved = liveClaim(mover, EVALUATION);
    assertThat(moved.pool()).isEqualTo(wide.id());
    assertThat(moved.direct()).isTrue();
    assertThat(seatsInUse(north.id())).as("the seat of the user who stayed").isEqualTo(1);
    assertThat(admin.audit().query(AuditQuery.builder().user(mover).addActions(ChangeType.CLAIM_REVOKED).build()))
        .singleElement().satisfies(e -> assertThat(e.reason()).hasValueSatisfying(
            r -> assertThat(r).contains("reconciliation: CLAIM_OUTSIDE_POOL_SCOPE")));
  }

  @Test
  void aSchoolMovedOutOfTheDistrictGivesUpItsMembersSeatsOfTheDistrictPoolSoReconciliationFindsNothing() {
    LicensePool district = pool("district-eval", EVALUATION, 2, schoolYear(), Optional.of(DISTRICT));
    UserId ana = register("ana", DefaultCatalog.TEACHER, NORTH);
    UserId ben = register("ben", DefaultCatalog.TEACHER, SOUTH);
    LicenseClaim anas = admin.assignments().assignProduct(ana, EVALUATION, "pilot").assigned().get(0);
    admin.assignments().assignProduct(ben, EVALUATION, "pilot");
    assertThat(admin.reports().reconcile(true).found()).isEmpty();

    admin.users().defineOrganization(org.licensekit.core.domain.Organization.root(NORTH, "North High, now independent"));

    assertThat(admin.reports().reconcile(true).found()).isEmpty();
    assertThat(statusOf(anas.id())).isEqualTo(ClaimStatus.REVOKED);
    assertThat(tenant.access().troubleshoot(ana).seatsOutsideScope()).isEmpty();
    assertThat(store.claims().findLive(tenantId, ana, EVALUATION)).as("no pool serves Ana now").isEmpty();
    assertThat(seatsInUse(district.id())).isEqualTo(1);
    assertThat(admin.audit().query(AuditQuery.builder().user(ana).addActions(ChangeType.CLAIM_REVOKED).build()))
        .singleElement().satisfies(e -> assertThat(e.reason()).hasValueSatisfying(
            r -> assertThat(r).contains("organization north-high moved under the top level")));
  }

  @Test
  void overAllocatedPoolGivesBackItsNewestPendingClaimsAndItsCounterIsCorrected() {
    LicensePool small = pool("small", ANALYTICS, 2, schoolYear(), Optional.empty());
    for (int i = 1; i <= 3; i++) {
      importedUser("imp-" + i, "imp-" + i + "@example.org", AccountStatus.ACTIVE);
      store.transactions().inTransaction(() -> store.pools().tryTakeSeat(tenantId, small.id()));
    }
    LicenseClaim oldest = importedClaim("c-1", UserId.of("imp-1"), ANALYTICS, small.id(), true, START);
    importedClaim("c-2", UserId.of("imp-2"), ANALYTICS, small.id(), true, START.plusSeconds(60));
    LicenseClaim newest = importedClaim("c-3", UserId.of("imp-3"), ANALYTICS, small.id(), true, START.plusSeconds(120));
    store.transactions().inTransaction(() -> store.claims().compareAndSet(tenantId, ClaimStatus.PENDING,
        LicenseClaim.builder().from(oldest).status(ClaimStatus.ACTIVE).claimedAt(START).build()));

    ReconciliationResult dry = admin.reports().reconcile(true);

    assertThat(dry.found(DiscrepancyKind.POOL_OVER_ALLOCATED)).singleElement().satisfies(d -> {
      assertThat(d.pool()).isEqualTo(small.id());
      assertThat(d.fix().claims()).containsExactly(newest.id());
    });
    assertThat(dry.found(DiscrepancyKind.SEAT_COUNT_MISMATCH)).singleElement()
        .satisfies(d -> assertThat(d.fix().seatsInUse()).contains(3));

    ReconciliationResult fixed = fixAndRecheck(DiscrepancyKind.POOL_OVER_ALLOCATED);

    assertThat(statusOf(newest.id())).isEqualTo(ClaimStatus.REVOKED);
    assertThat(statusOf(oldest.id())).isEqualTo(ClaimStatus.ACTIVE);
    assertThat(seatsInUse(small.id())).isEqualTo(2);
    assertThat(fixed.countersCorrected()).isEqualTo(1);
  }

  @Test
  void seatCounterDisagreeingWithLiveClaimsIsCorrectedAndAudited() {
    LicensePool pool = pool("drift", ANALYTICS, 5, schoolYear(), Optional.empty());
    importedUser("imp-1", "imp-1@example.org", AccountStatus.ACTIVE);
    for (int i = 0; i < 3; i++) {
      store.transactions().inTransaction(() -> store.pools().tryTakeSeat(tenantId, pool.id()));
    }
    importedClaim("c-1", UserId.of("imp-1"), ANALYTICS, pool.id(), true, START);

    assertThat(admin.reports().reconcile(true).found(DiscrepancyKind.SEAT_COUNT_MISMATCH)).singleElement().satisfies(d -> {
      assertThat(d.pool()).isEqualTo(pool.id());
      assertThat(d.fix().action()).isEqualTo(FixAction.CORRECT_SEAT_COUNT);
      assertThat(d.fix().seatsInUse()).contains(1);
    });
    assertThat(seatsInUse(pool.id())).isEqualTo(3);

    fixAndRecheck(DiscrepancyKind.SEAT_COUNT_MISMATCH);

    assertThat(seatsInUse(pool.id())).isEqualTo(1);
    assertThat(admin.audit().query(AuditQuery.builder().subjectId(pool.id().value()).addActions(ChangeType.SEAT_COUNT_CORRECTED).build()))
        .singleElement().satisfies(e -> assertThat(e.after()).contains("seatsInUse=1"));
  }

  @Test
  void dryRunChangesNothingAndFindsTheSameAgain() {
    UserId gone = register("gone", DefaultCatalog.TEACHER, NORTH);
    forceStatus(gone, AccountStatus.ARCHIVED);
    int auditBefore = admin.audit().query(AuditQuery.all()).size();

    ReconciliationResult first = admin.reports().reconcile(true);
    ReconciliationResult second = admin.reports().reconcile(true);

    assertThat(first.found()).isNotEmpty().isEqualTo(second.found());
    assertThat(first.claimsChanged()).isZero();
    assertThat(liveClaim(gone, OBSERVATION).status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(admin.audit().query(AuditQuery.all())).hasSize(auditBefore);
  }

  @Test
  void findingsComeInFixOrderAndAClaimIsChangedOnlyOnce() {
    UserId gone = activeUser("gone", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim coaching = claimNow(gone, COACHING);
    forceStatus(gone, AccountStatus.ARCHIVED);
    clock.set(coaching.expiresAt().orElseThrow().plusSeconds(1));

    ReconciliationResult fixed = admin.reports().reconcile(false);

    assertThat(fixed.found()).extracting(Discrepancy::kind).containsExactly(
        DiscrepancyKind.CLAIM_PAST_EXPIRY, DiscrepancyKind.ARCHIVED_USER_HOLDS_SEAT, DiscrepancyKind.ARCHIVED_USER_HOLDS_SEAT);
    assertThat(fixed.claimsChanged()).isEqualTo(2);
    assertThat(statusOf(coaching.id())).isEqualTo(ClaimStatus.EXPIRED);
    assertThat(admin.reports().reconcile(true).clean()).isTrue();
  }
}
