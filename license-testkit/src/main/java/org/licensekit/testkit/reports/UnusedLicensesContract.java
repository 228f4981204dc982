package org.licensekit.testkit.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.Reassignment;
import org.licensekit.core.api.report.UnusedLicensesQuery;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;

/**
 * Unused licenses: long-pending claims oldest first with contact details, and the three things an
 * administrator does about them — remind, reclaim, reassign.
 */
public abstract class UnusedLicensesContract extends ReportsTestSupport {

  private UserId old1;
  private UserId old2;
  private UserId claimer;
  private UserId fresh;

  @BeforeEach
  void seedPendingClaims() {
    pool("obs", OBSERVATION, 10, schoolYear(), Optional.empty());
    old1 = register("old1", DefaultCatalog.ADMINISTRATOR, NORTH);
    clock.advance(Duration.ofDays(1));
    old2 = register("old2", DefaultCatalog.ADMINISTRATOR, SOUTH);
    clock.advance(Duration.ofDays(1));
    claimer = activeUser("claimer", DefaultCatalog.ADMINISTRATOR, NORTH);
    claimNow(claimer, OBSERVATION);
    clock.set(startPlusDays(31));
    fresh = register("fresh", DefaultCatalog.ADMINISTRATOR, NORTH);
  }

  private UserId newcomer(String id, OrganizationId organization) {
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder().id(user).name("New " + id).email(id + "@example.org").addOrganizations(organization).build());
    return user;
  }

  @Test
  void pendingClaimsOlderThanTheThresholdComeOldestFirstWithContactDetails() {
    Page<ClaimRow> thirty = reporter().reports().unusedLicenses(UnusedLicensesQuery.builder().pendingForDays(30).build());
    Page<ClaimRow> twentyNine = reporter().reports().unusedLicenses(UnusedLicensesQuery.builder().pendingForDays(29).build());

    assertThat(thirty.items()).singleElement().satisfies(row -> {
      assertThat(row.user()).isEqualTo(old1);
      assertThat(row.userName()).isEqualTo("User old1");
      assertThat(row.email()).isEqualTo("old1@example.org");
      assertThat(row.status()).isEqualTo(ClaimStatus.PENDING);
      assertThat(row.assignedAt()).isEqualTo(START);
    });
    assertThat(twentyNine.items()).extracting(ClaimRow::user).containsExactly(old1, old2);
  }

  @Test
  void unusedLicensesFilterByOrganizationAndProductAndPage() {
    clock.advance(Duration.ofSeconds(1));
    UnusedLicensesQuery.Builder query = UnusedLicensesQuery.builder().pendingForDays(0).product(OBSERVATION);

    Page<ClaimRow> first = admin.reports().unusedLicenses(query.limit(2).build());
    Page<ClaimRow> second = admin.reports().unusedLicenses(query.cursor(first.nextCursor().orElseThrow()).build());
    Page<ClaimRow> north = admin.reports().unusedLicenses(UnusedLicensesQuery.builder().pendingForDays(0).organization(NORTH).build());

    assertThat(first.items()).extracting(ClaimRow::user).containsExactly(old1, old2);
    assertThat(second.items()).extracting(ClaimRow::user).containsExactly(fresh);
    assertThat(second.hasNext()).isFalse();
    assertThat(north.items()).extracting(ClaimRow::user).containsExactly(old1, fresh);
  }

  @Test
  void badUnusedLicensesQueryIsRefusedNamingEachField() {
    assertThatThrownBy(() -> UnusedLicensesQuery.builder().pendingForDays(-1).limit(0).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("limit", "pendingForDays"));
  }

  @Test
  void remindingSendsAClaimReminderToEachPendingClaimsUserAndAuditsIt() {
    LicenseClaim pending = liveClaim(old1, OBSERVATION);
    LicenseClaim active = liveClaim(claimer, OBSERVATION);
    notifier.clear();

    List<LicenseClaim> reminded = admin.reports().remind(List.of(pending.id(), active.id()));

    assertThat(reminded).extracting(LicenseClaim::id).containsExactly(pending.id());
    assertThat(notifier.sent(Notification.Kind.CLAIM_REMINDER)).singleElement().satisfies(n -> {
      assertThat(n.user()).isEqualTo(old1);
      assertThat(n.email()).isEqualTo("old1@example.org");
      assertThat(n.attributes()).containsEntry("product", "observation").containsEntry("claim", pending.id().value());
    });
    assertThat(admin.audit().query(AuditQuery.builder().addActions(ChangeType.CLAIM_REMINDED).build()))
        .singleElement().satisfies(e -> assertThat(e.subjectId()).isEqualTo(pending.id().value()));
  }

  @Test
  void reclaimingRevokesTheClaimFreesItsSeatAndRecordsWhy() {
    LicenseClaim pending = liveClaim(old1, OBSERVATION);
    int before = seatsInUse(PoolId.of("obs"));

    LicenseClaim reclaimed = admin.reports().reclaim(pending.id(), "never activated");

    assertThat(reclaimed.status()).isEqualTo(ClaimStatus.REVOKED);
    assertThat(statusOf(pending.id())).isEqualTo(ClaimStatus.REVOKED);
    assertThat(seatsInUse(PoolId.of("obs"))).isEqualTo(before - 1);
    assertThat(admin.audit().query(AuditQuery.builder().subjectId(pending.id().value()).addActions(ChangeType.CLAIM_REVOKED).build()))
        .singleElement().satisfies(e -> assertThat(e.reason()).contains("never activated"));
  }

  @Test
  void reassigningMovesTheLicenseToAnotherUserInOneAuditedCommand() {
    LicenseClaim pending = liveClaim(old1, OBSERVATION);
    UserId newbie = newcomer("newbie", NORTH);
    int before = seatsInUse(PoolId.of("obs"));

    Reassignment moved = admin.reports().reassign(pending.id(), newbie, "old1 left");

    assertThat(moved.revoked().status()).isEqualTo(ClaimStatus.REVOKED);
    assertThat(moved.assigned().user()).isEqualTo(newbie);
    assertThat(moved.assigned().status()).isEqualTo(ClaimStatus.PENDING);
    assertThat(moved.assigned().direct()).isTrue();
    assertThat(liveClaim(newbie, OBSERVATION).id()).isEqualTo(moved.assigned().id());
    assertThat(store.claims().findLive(tenantId, old1, OBSERVATION)).isEmpty();
    assertThat(seatsInUse(PoolId.of("obs"))).isEqualTo(before);
    assertThat(admin.audit().query(AuditQuery.builder().user(newbie).addActions(ChangeType.CLAIM_ASSIGNED).build()))
        .singleElement().satisfies(e -> assertThat(e.reason().orElseThrow()).contains("old1 left"));
  }

  @Test
  void reassigningToAUserWhoHoldsTheProductChangesNothing() {
    LicenseClaim pending = liveClaim(old1, OBSERVATION);

    assertThatThrownBy(() -> admin.reports().reassign(pending.id(), claimer, "swap"))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("TARGET_ALREADY_HOLDS_PRODUCT"));
    assertThat(statusOf(pending.id())).isEqualTo(ClaimStatus.PENDING);
  }

  @Test
  void reassigningToAUserNoPoolServesRollsBackTheRevocation() {
    pool("north-only", PROCTORING, 1, schoolYear(), Optional.of(NORTH));
    UserId proctor = register("proctor", DefaultCatalog.SPECIALIZED_STAFF, NORTH);
    LicenseClaim claim = liveClaim(proctor, PROCTORING);
    UserId southerner = newcomer("southerner", SOUTH);

    assertThatThrownBy(() -> admin.reports().reassign(claim.id(), southerner, "cover"))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("NO_POOL"));
    assertThat(statusOf(claim.id())).isEqualTo(ClaimStatus.PENDING);
    assertThat(seatsInUse(PoolId.of("north-only"))).isEqualTo(1);
  }

  @Test
  void reassigningAClaimThatHoldsNoSeatIsRefused() {
    LicenseClaim pending = liveClaim(old1, OBSERVATION);
    admin.reports().reclaim(pending.id(), "never activated");

    assertThatThrownBy(() -> admin.reports().reassign(pending.id(), newcomer("late", NORTH), "cover"))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("CLAIM_NOT_LIVE"));
  }
}
