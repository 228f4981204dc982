package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.Troubleshooting;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.UserId;

/**
 * A seat of a pool scoped to a school is the school's: a user who leaves the school gives it up —
 * alone ({@code removeFromOrganization}) or in a bulk {@code ChangeOrganizations} REMOVE or REPLACE
 * (each mode, chunks of one user and of many) — and keeps the product, from a pool that serves them,
 * when a direct assignment or a role elsewhere still justifies it. Each move is audited; the
 * troubleshooter lists a seat that is still held outside its pool's scope.
 */
public abstract class LeavingAnOrganizationContract extends BulkTestSupport {

  private LicensePool north;

  @BeforeEach
  void northPool() {
    north = admin.pools().add(NewPool.builder().product(OBSERVATION).seats(5).term(schoolYear()).scope(Optional.of(NORTH)).build());
  }

  /** A tenant-wide pool of observation, added after the users took North's seats (so they took North's). */
  private LicensePool widePool(int seats) {
    return admin.pools().add(NewPool.builder().product(OBSERVATION).seats(seats).term(schoolYear()).build());
  }

  /** A North member holding North's seat of observation directly (no role), also a member of South. */
  private UserId directHolder(String id) {
    UserId user = plainUser(id, NORTH);
    admin.assignments().addToOrganization(user, SOUTH, Set.of());
    assertThat(admin.assignments().assignProduct(user, OBSERVATION, "pilot").assigned())
        .singleElement().satisfies(c -> assertThat(c.pool()).isEqualTo(north.id()));
    return user;
  }

  /** A North member holding North's seat of observation through the OBSERVER role held in South. */
  private UserId roleHolderElsewhere(String id) {
    UserId user = plainUser(id, NORTH);
    assertThat(admin.assignments().assignRole(user, SOUTH, DefaultCatalog.OBSERVER).assigned())
        .singleElement().satisfies(c -> assertThat(c.pool()).isEqualTo(north.id()));
    return user;
  }

  private Optional<LicenseClaim> liveObservation(UserId user) {
    return admin.claims().ofUser(user).stream().filter(c -> c.live() && c.product().equals(OBSERVATION)).findFirst();
  }

  private List<String> revocationReasons(UserId user) {
    return admin.audit().query(AuditQuery.builder().user(user).addActions(ChangeType.CLAIM_REVOKED).build()).stream()
        .map(e -> e.reason().orElse("")).toList();
  }

  @Test
  void aUserWhoLeavesTheSchoolGivesUpItsSeatAndKeepsADirectAssignmentFromAPoolServingThem() {
    UserId mover = directHolder("mover");
    LicensePool wide = widePool(5);
    LicenseClaim before = liveObservation(mover).orElseThrow();

    List<LicenseClaim> revoked = admin.assignments().removeFromOrganization(mover, NORTH, "moved to South");

    assertThat(revoked).extracting(LicenseClaim::id).containsExactly(before.id());
    assertThat(usage(north).seatsInUse()).isZero();
    LicenseClaim after = liveObservation(mover).orElseThrow();
    assertThat(after.pool()).isEqualTo(wide.id());
    assertThat(after.direct()).isTrue();
    assertThat(revocationReasons(mover)).singleElement().asString().contains("moved to South", "outside the pool's organization");
    assertThat(admin.audit().query(AuditQuery.builder().user(mover).addActions(ChangeType.CLAIM_ASSIGNED).build()))
        .extracting(e -> e.reason().orElse("")).anySatisfy(r -> assertThat(r).contains("seat moved to a pool serving the user"));
  }

  @Test
  void aUserWhoLeavesTheSchoolWithNoOtherPoolServingThemGivesUpTheSeat() {
    UserId mover = directHolder("mover");
    UserId stays = directHolder("stays");

    admin.assignments().removeFromOrganization(mover, NORTH, "moved to South");

    assertThat(liveObservation(mover)).isEmpty();
    assertThat(liveObservation(stays).orElseThrow().pool()).isEqualTo(north.id());
    assertThat(usage(north).seatsInUse()).isEqualTo(1);
    assertThat(admin.waitlist().ofUser(mover)).as("no pool serves them: nothing to wait for").isEmpty();
  }

  static Stream<Arguments> modesAndChunks() {
    return Stream.of(Arguments.of(BulkMode.BEST_EFFORT, 1), Arguments.of(BulkMode.BEST_EFFORT, 100),
        Arguments.of(BulkMode.ALL_OR_NOTHING, 100));
  }

  @ParameterizedTest(name = "{0}, chunks of {1}")
  @MethodSource("modesAndChunks")
  void aBulkRemovalFromTheSchoolMovesEverySeatOfItsPool(BulkMode mode, int chunkSize) {
    UserId direct = directHolder("n-1");
    UserId viaSouth = roleHolderElsewhere("n-2");
    UserId onlyNorth = plainUser("n-3", NORTH);
    admin.assignments().assignRole(onlyNorth, NORTH, DefaultCatalog.OBSERVER);
    LicensePool wide = widePool(5);

    BulkResult result = admin.bulk().run(request(UserFilter.builder().organization(NORTH).build(),
        BulkAction.changeOrganizations(BulkAction.MembershipChange.REMOVE, Set.of(NORTH), Set.of()), mode)
        .chunkSize(chunkSize).build());

    assertThat(result.done()).isEqualTo(3);
    assertThat(usage(north).seatsInUse()).as("no seat of North held by someone outside North").isZero();
    assertThat(liveObservation(direct).orElseThrow().pool()).isEqualTo(wide.id());
    assertThat(liveObservation(viaSouth).orElseThrow().pool()).isEqualTo(wide.id());
    assertThat(liveObservation(onlyNorth)).as("nothing justifies it any more").isEmpty();
    assertThat(usage(wide).seatsInUse()).isEqualTo(2);
    assertThat(result.outcomeOf(direct).orElseThrow().detail()).contains("released seats outside the pools' organizations");
    assertThat(revocationReasons(direct)).singleElement().asString().contains("outside the pool's organization");
  }

  @ParameterizedTest(name = "{0}, chunks of {1}")
  @MethodSource("modesAndChunks")
  void aBulkMoveToAnotherSchoolMovesTheSeatsOfTheSchoolLeft(BulkMode mode, int chunkSize) {
    UserId first = plainUser("n-1", NORTH);
    UserId second = plainUser("n-2", NORTH);
    admin.assignments().assignProduct(first, OBSERVATION, "pilot");
    admin.assignments().assignProduct(second, OBSERVATION, "pilot");
    assertThat(usage(north).seatsInUse()).isEqualTo(2);
    LicensePool wide = widePool(5);

    BulkResult result = admin.bulk().run(request(UserFilter.builder().organization(NORTH).build(),
        BulkAction.changeOrganizations(BulkAction.MembershipChange.REPLACE, Set.of(SOUTH), Set.of(DefaultCatalog.OBSERVER)), mode)
        .chunkSize(chunkSize).build());

    assertThat(result.done()).isEqualTo(2);
    assertThat(usage(north).seatsInUse()).isZero();
    assertThat(usage(wide).seatsInUse()).isEqualTo(2);
    for (UserId user : List.of(first, second)) {
      assertThat(liveObservation(user).orElseThrow().pool()).isEqualTo(wide.id());
      assertThat(revocationReasons(user)).singleElement().asString().contains("outside the pool's organization");
    }
  }

  @Test
  void aBulkDryRunOfALeaveCountsTheSeatsItWouldReleaseAndWritesNothing() {
    directHolder("n-1");
    widePool(5);
    int audit = auditSize();

    BulkResult preview = admin.bulk().preview(request(UserFilter.builder().organization(NORTH).build(),
        BulkAction.changeOrganizations(BulkAction.MembershipChange.REMOVE, Set.of(NORTH), Set.of()), BulkMode.BEST_EFFORT).build());

    assertThat(preview.seatsOf(OBSERVATION).orElseThrow().released()).isEqualTo(1);
    assertThat(usage(north).seatsInUse()).isEqualTo(1);
    assertThat(auditSize()).isEqualTo(audit);
  }

  @Test
  void theTroubleshooterListsASeatHeldOutsideItsPoolsScope() {
    UserId mover = directHolder("mover");
    UserId stays = directHolder("stays");
    LicenseClaim held = liveObservation(mover).orElseThrow();
    // left North without the seat moving (imported data, or a store written before the rule)
    store.transactions().inTransaction(() -> {
      store.directory().deleteMembership(tenantId, mover, NORTH);
      return null;
    });

    Troubleshooting answer = tenant.access().troubleshoot(mover);

    assertThat(answer.seatsOutsideScope()).extracting(LicenseClaim::id).containsExactly(held.id());
    assertThat(tenant.access().troubleshoot(stays).seatsOutsideScope()).isEmpty();
  }
}
