package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.testkit.fixtures.Fixtures.ADMIN;
import static org.licensekit.testkit.fixtures.Fixtures.activated;
import static org.licensekit.testkit.fixtures.Fixtures.claim;
import static org.licensekit.testkit.fixtures.Fixtures.day;
import static org.licensekit.testkit.fixtures.Fixtures.pool;
import static org.licensekit.testkit.fixtures.Fixtures.revoked;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.ClaimStore;
import org.licensekit.core.spi.PoolStore;

/**
 * The seat rule and the one-live-claim rule under real concurrency: many threads, each in its own
 * transaction, racing for the same seats, the same user × product or the same claim. A store that
 * gets its guarantees from a database must pass this with separate connections per thread.
 */
public abstract class ConcurrencyContract extends StoreContractSupport {

  private static final UserId ANA = UserId.of("ana");
  private static final PoolId P1 = PoolId.of("p-1");
  private static final ProductId OBSERVATION = ProductId.of("observation");

  /** Thrown by an assignment whose claim was refused, so its seat is given back by rollback. */
  private static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused() {
      super("claim refused: a live claim exists");
    }
  }

  private PoolStore pools() {
    return store.pools();
  }

  private ClaimStore claims() {
    return store.claims();
  }

  private int seatsInUse(PoolId pool) {
    return pools().find(tenant, pool).orElseThrow().seatsInUse();
  }

  @Test
  void thirtyTwoThreadsRacingForTenSeatsGetExactlyTen() throws Exception {
    pools().insert(tenant, pool("p-1", "observation").seats(10).build());
    Callable<Boolean> take = () -> inTransaction(() -> pools().tryTakeSeat(tenant, P1));

    List<Boolean> taken = race(Collections.nCopies(32, take));

    assertThat(taken).filteredOn(Boolean::booleanValue).hasSize(10);
    assertThat(seatsInUse(P1)).isEqualTo(10);
  }

  @Test
  void shrinkingRacingWithTakingNeverLeavesMoreSeatsInUseThanSeats() throws Exception {
    pools().insert(tenant, pool("p-1", "observation").seats(20).build());
    for (int i = 0; i < 5; i++) {
      pools().tryTakeSeat(tenant, P1);
    }
    List<Callable<Boolean>> tasks = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tasks.add(() -> inTransaction(() -> pools().tryTakeSeat(tenant, P1)));
      tasks.add(() -> inTransaction(() -> pools().trySetSeats(tenant, P1, 10)));
    }

    race(tasks);

    PoolUsage usage = pools().find(tenant, P1).orElseThrow();
    assertThat(usage.seatsInUse()).isLessThanOrEqualTo(usage.pool().seats());
    // Either a shrink won while at most 10 seats were in use, or every shrink came too late:
    // in both cases the takers fill the pool exactly.
    assertThat(usage.free()).isZero();
    assertThat(usage.pool().seats()).isIn(10, 20);
  }
  @Test
  void concurrentAssignmentsOfOneProductToOneUserLeaveExactlyOneLiveClaim() throws Exception {
    List<Callable<Boolean>> assignments = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      LicenseClaim attempt = claim("c-" + i, "ana", "observation", "p-1").build();
      assignments.add(() -> inTransaction(() -> claims().insertIfNoLiveClaim(tenant, attempt)));
    }

    List<Boolean> inserted = race(assignments);

    assertThat(inserted).filteredOn(Boolean::booleanValue).hasSize(1);
    ClaimId winner = ClaimId.of("c-" + inserted.indexOf(true));
    assertThat(claims().findLive(tenant, ANA, OBSERVATION).orElseThrow().id()).isEqualTo(winner);
    assertThat(claims().listForUser(tenant, ANA)).hasSize(1);
  }

  @Test
  void concurrentRevocationsOfOneClaimLetExactlyOneWin() throws Exception {
    LicenseClaim active = activated(claim("c-1", "ana", "observation", "p-1").build(), day(1), day(365));
    claims().insertIfNoLiveClaim(tenant, active);
    List<Callable<Boolean>> revocations = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      LicenseClaim revocation = revoked(active, day(2), ADMIN, "revocation " + i);
      revocations.add(() -> inTransaction(() -> claims().compareAndSet(tenant, ClaimStatus.ACTIVE, revocation)));
    }

    List<Boolean> applied = race(revocations);

    assertThat(applied).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(claims().find(tenant, active.id()).orElseThrow().reason())
        .contains("revocation " + applied.indexOf(true));
  }
  @Test
  void concurrentEditsKeepingTheStatusFromOneReadLetExactlyOneWin() throws Exception {
    claims().insertIfNoLiveClaim(tenant, activated(claim("c-1", "ana", "observation", "p-1").build(), day(1), day(365)));
    LicenseClaim read = claims().find(tenant, ClaimId.of("c-1")).orElseThrow();
    List<Callable<Boolean>> edits = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      LicenseClaim edit = i % 2 == 0
          ? LicenseClaim.builder().from(read).expiresAt(day(400 + i)).build()
          : LicenseClaim.builder().from(read).direct(true).reason("direct " + i).build();
      edits.add(() -> inTransaction(() -> claims().compareAndSet(tenant, ClaimStatus.ACTIVE, edit)));
    }

    List<Boolean> applied = race(edits);

    assertThat(applied).filteredOn(Boolean::booleanValue).hasSize(1);
    LicenseClaim stored = claims().find(tenant, read.id()).orElseThrow();
    int winner = applied.indexOf(true);
    assertThat(stored.version()).isEqualTo(1);
    if (winner % 2 == 0) {
      assertThat(stored.expiresAt()).contains(day(400 + winner));
    } else {
      assertThat(stored.reason()).contains("direct " + winner);
    }
  }

  @Test
  void concurrentRoleChangesOfOneMembershipKeepEveryRole() throws Exception {
    OrganizationId north = OrganizationId.of("north");
    List<Callable<Boolean>> grants = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      RoleId role = RoleId.of("role-" + (i % 8));
      grants.add(() -> inTransaction(() -> {
        store.directory().changeRoles(tenant, ANA, north, Set.of(role), Set.of());
        return true;
      }));
    }

    race(grants);

    assertThat(store.directory().membershipsOf(tenant, ANA)).singleElement()
        .satisfies(m -> assertThat(m.roles()).hasSize(8));
  }

  @Test
  void thirtyTwoUsersClaimingTheLastTenSeatsLeaveExactlyTenLiveClaims() throws Exception {
    pools().insert(tenant, pool("p-1", "observation").seats(10).build());
    List<Callable<Boolean>> claimsOfTheLastSeats = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      LicenseClaim attempt = claim("c-" + i, "user-" + i, "observation", "p-1").build();
      claimsOfTheLastSeats.add(() -> inTransaction(() ->
          pools().tryTakeSeat(tenant, P1) && claims().insertIfNoLiveClaim(tenant, attempt)));
    }

    List<Boolean> results = race(claimsOfTheLastSeats);

    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(10);
    assertThat(pools().find(tenant, P1).orElseThrow().seatsInUse()).isEqualTo(10);
    assertThat(claims().listLiveForPool(tenant, P1)).hasSize(10);
  }

  @Test
  void aSeatTakingInsertTakesTheSeatAndInsertsTheClaim() {
    pools().insert(tenant, pool("p-1", "observation").seats(2).build());
    LicenseClaim claim = claim("c-1", "ana", "observation", "p-1").build();

    assertThat(inTransaction(() -> claims().insertTakingSeat(tenant, claim, pools()))).isEqualTo(ClaimStore.SeatedInsert.INSERTED);

    assertThat(pools().find(tenant, P1).orElseThrow().seatsInUse()).isEqualTo(1);
    assertThat(claims().find(tenant, claim.id())).contains(claim);
  }

  @Test
  void aSeatTakingInsertIntoAFullPoolWritesNothing() {
    pools().insert(tenant, pool("p-1", "observation").seats(1).build());
    inTransaction(() -> claims().insertTakingSeat(tenant, claim("c-1", "ana", "observation", "p-1").build(), pools()));

    assertThat(inTransaction(() -> claims().insertTakingSeat(tenant, claim("c-2", "bo", "observation", "p-1").build(), pools())))
        .isEqualTo(ClaimStore.SeatedInsert.NO_SEAT);

    assertThat(pools().find(tenant, P1).orElseThrow().seatsInUse()).isEqualTo(1);
    assertThat(claims().find(tenant, ClaimId.of("c-2"))).isEmpty();
  }

  @Test
  void aSeatTakingInsertForAUserHoldingTheProductKeepsNeitherSeatNorClaim() {
    pools().insert(tenant, pool("p-1", "observation").seats(5).build());
    inTransaction(() -> claims().insertTakingSeat(tenant, claim("c-1", "ana", "observation", "p-1").build(), pools()));

    assertThat(inTransaction(() -> claims().insertTakingSeat(tenant, claim("c-2", "ana", "observation", "p-1").build(), pools())))
        .isEqualTo(ClaimStore.SeatedInsert.LIVE_CLAIM_EXISTS);

    assertThat(pools().find(tenant, P1).orElseThrow().seatsInUse()).isEqualTo(1);
    assertThat(claims().find(tenant, ClaimId.of("c-2"))).isEmpty();
    assertThat(claims().listLiveForPool(tenant, P1)).extracting(LicenseClaim::id).containsExactly(ClaimId.of("c-1"));
  }

  @Test
  void aSeatTakingInsertOfATakenClaimIdIsAConflictThatKeepsTheSeat() {
    pools().insert(tenant, pool("p-1", "observation").seats(5).build());
    inTransaction(() -> claims().insertTakingSeat(tenant, claim("c-1", "ana", "observation", "p-1").build(), pools()));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> inTransaction(
            () -> claims().insertTakingSeat(tenant, claim("c-1", "bo", "observation", "p-1").build(), pools())))
        .isInstanceOfSatisfying(org.licensekit.core.ConflictException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_CLAIM"));

    assertThat(pools().find(tenant, P1).orElseThrow().seatsInUse()).isEqualTo(1);
    assertThat(claims().find(tenant, ClaimId.of("c-1")).orElseThrow().user()).isEqualTo(ANA);
  }

  @Test
  void thirtyTwoSeatTakingInsertsForTheLastTenSeatsLeaveExactlyTenLiveClaims() throws Exception {
    pools().insert(tenant, pool("p-1", "observation").seats(10).build());
    List<Callable<ClaimStore.SeatedInsert>> attempts = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      // every fourth user asks twice: one of the two must find the other's claim
      LicenseClaim attempt = claim("c-" + i, "user-" + (i % 4 == 3 ? i - 1 : i), "observation", "p-1").build();
      attempts.add(() -> inTransaction(() -> claims().insertTakingSeat(tenant, attempt, pools())));
    }

    List<ClaimStore.SeatedInsert> results = race(attempts);

    assertThat(results).filteredOn(ClaimStore.SeatedInsert.INSERTED::equals).hasSize(10);
    assertThat(pools().find(tenant, P1).orElseThrow().seatsInUse()).isEqualTo(10);
    assertThat(claims().listLiveForPool(tenant, P1)).hasSize(10)
        .extracting(LicenseClaim::user).doesNotHaveDuplicates();
  }

  @Test
  void concurrentDuplicateAssignmentsTakeOneSeatAndLeaveOneLiveClaim() throws Exception {
    pools().insert(tenant, pool("p-1", "observation").seats(10).build());
    List<Callable<Boolean>> assignments = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      LicenseClaim attempt = claim("c-" + i, "ana", "observation", "p-1").build();
      assignments.add(() -> assignOrRollBack(attempt));
    }

    List<Boolean> results = race(assignments);

    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(pools().find(tenant, P1).orElseThrow().seatsInUse()).isEqualTo(1);
    assertThat(claims().listLiveForPool(tenant, P1)).hasSize(1);
    assertThat(claims().findLive(tenant, ANA, OBSERVATION)).isPresent();
  }

  /** Takes a seat and inserts the claim; a refused claim throws, so its seat is given back by rollback. */
  private boolean assignOrRollBack(LicenseClaim attempt) {
    try {
      return inTransaction(() -> {
        if (!pools().tryTakeSeat(tenant, attempt.pool())) {
          return false;
        }
        if (!claims().insertIfNoLiveClaim(tenant, attempt)) {
          throw new Refused();
        }
        return true;
      });
    } catch (Refused refused) {
      return false;
    }
  }
}
