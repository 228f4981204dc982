package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.testkit.fixtures.Fixtures.ADMIN;
import static org.licensekit.testkit.fixtures.Fixtures.activated;
import static org.licensekit.testkit.fixtures.Fixtures.claim;
import static org.licensekit.testkit.fixtures.Fixtures.day;
import static org.licensekit.testkit.fixtures.Fixtures.expired;
import static org.licensekit.testkit.fixtures.Fixtures.revoked;

import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.ClaimStore;

/**
 * The contract of {@link ClaimStore}: at most one live claim per user × product, and status changes
 * only from the status the caller saw (compare-and-set).
 */
public abstract class ClaimStoreContract extends StoreContractSupport {

  private static final UserId ANA = UserId.of("ana");
  private static final ProductId OBSERVATION = ProductId.of("observation");

  private ClaimStore claims() {
    return store.claims();
  }

  private LicenseClaim insert(LicenseClaim claim) {
    assertThat(claims().insertIfNoLiveClaim(tenant, claim)).as("insert %s", claim.id()).isTrue();
    return claim;
  }

  @Test
  void pendingClaimKeepsEveryField() {
    LicenseClaim pending = claim("c-1", "ana", "observation", "p-1").reason("New teacher").build();

    insert(pending);

    LicenseClaim found = claims().find(tenant, pending.id()).orElseThrow();
    assertThat(found).isEqualTo(pending);
    assertThat(found.claimedAt()).isEmpty();
    assertThat(found.expiresAt()).isEmpty();
    assertThat(found.endedAt()).isEmpty();
    assertThat(found.endedBy()).isEmpty();
  }

  @Test
  void activeDirectClaimKeepsEveryField() {
    LicenseClaim active = activated(
        claim("c-1", "ana", "observation", "p-1").direct(true).assignedAt(day(1)).assignedBy(Actor.system("sync")).build(),
        day(2), day(92));

    insert(active);

    LicenseClaim found = claims().find(tenant, active.id()).orElseThrow();
    assertThat(found).isEqualTo(active);
    assertThat(found.direct()).isTrue();
    assertThat(found.claimedAt()).contains(day(2));
    assertThat(found.expiresAt()).contains(day(92));
    assertThat(found.assignedBy()).isEqualTo(Actor.system("sync"));
  }

  @Test
  void endedClaimKeepsWhoEndedItWhenAndWhy() {
    LicenseClaim claim = insert(claim("c-1", "ana", "observation", "p-1").build());
    LicenseClaim revoked = revoked(claim, day(5), Actor.systemAdministrator("admin-2"), "Left the district");

    assertThat(claims().compareAndSet(tenant, ClaimStatus.PENDING, revoked)).isTrue();

    LicenseClaim found = claims().find(tenant, claim.id()).orElseThrow();
    assertThat(found).isEqualTo(revoked);
    assertThat(found.endedAt()).contains(day(5));
    assertThat(found.endedBy()).contains(Actor.systemAdministrator("admin-2"));
    assertThat(found.reason()).contains("Left the district");
  }

  @Test
  void unknownClaimsAreEmpty() {
    assertThat(claims().find(tenant, ClaimId.of("nothing"))).isEmpty();
    assertThat(claims().findLive(tenant, ANA, OBSERVATION)).isEmpty();
    assertThat(claims().listForUser(tenant, ANA)).isEmpty();
    assertThat(claims().listLiveForPool(tenant, PoolId.of("p-1"))).isEmpty();
  }

  @Test
  void aSecondPendingClaimForTheSameUserAndProductIsRefusedAndWritesNothing() {
    LicenseClaim first = insert(claim("c-1", "ana", "observation", "p-1").build());

    assertThat(claims().insertIfNoLiveClaim(tenant, claim("c-2", "ana", "observation", "p-2").build())).isFalse();

    assertThat(claims().find(tenant, ClaimId.of("c-2"))).isEmpty();
    assertThat(claims().listForUser(tenant, ANA)).containsExactly(first);
  }

  @Test
  void anActiveClaimAlsoBlocksANewOne() {
    insert(activated(claim("c-1", "ana", "observation", "p-1").build(), day(1), day(365)));

    assertThat(claims().insertIfNoLiveClaim(tenant, claim("c-2", "ana", "observation", "p-1").build())).isFalse();

    assertThat(claims().find(tenant, ClaimId.of("c-2"))).isEmpty();
  }

  @Test
  void aNewLiveClaimIsAllowedOnceThePreviousWasRevoked() {
    LicenseClaim first = insert(claim("c-1", "ana", "observation", "p-1").build());
    claims().compareAndSet(tenant, ClaimStatus.PENDING, revoked(first, day(3), ADMIN, "Reassigned"));

    LicenseClaim second = claim("c-2", "ana", "observation", "p-1").assignedAt(day(4)).build();

    assertThat(claims().insertIfNoLiveClaim(tenant, second)).isTrue();
    assertThat(claims().findLive(tenant, ANA, OBSERVATION)).contains(second);
  }

  @Test
  void aNewLiveClaimIsAllowedOnceThePreviousExpired() {
    LicenseClaim first = insert(activated(claim("c-1", "ana", "observation", "p-1").build(), day(1), day(30)));
    claims().compareAndSet(tenant, ClaimStatus.ACTIVE, expired(first, day(30)));

    LicenseClaim second = claim("c-2", "ana", "observation", "p-2").assignedAt(day(31)).build();

    assertThat(claims().insertIfNoLiveClaim(tenant, second)).isTrue();
    assertThat(claims().findLive(tenant, ANA, OBSERVATION)).contains(second);
  }

  @Test
  void theOneLiveClaimRuleIsPerUserAndPerProduct() {
    insert(claim("c-1", "ana", "observation", "p-1").build());

    insert(claim("c-2", "ana", "evaluation", "p-2").build());
    insert(claim("c-3", "bo", "observation", "p-1").build());

    assertThat(claims().listLiveForPool(tenant, PoolId.of("p-1"))).extracting(LicenseClaim::id)
        .containsExactlyInAnyOrder(ClaimId.of("c-1"), ClaimId.of("c-3"));
  }

  /** Not in the port's Javadoc yet: a store must never silently overwrite a claim by inserting. */
  @Test
  void insertingATakenClaimIdIsAConflict() {
    LicenseClaim ended = insert(claim("c-1", "ana", "observation", "p-1").build());
    claims().compareAndSet(tenant, ClaimStatus.PENDING, revoked(ended, day(1), ADMIN, "test"));

    assertThatThrownBy(() -> claims().insertIfNoLiveClaim(tenant, claim("c-1", "bo", "evaluation", "p-2").build()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_CLAIM"));

    assertThat(claims().find(tenant, ClaimId.of("c-1")).orElseThrow().user()).isEqualTo(ANA);
  }

  @Test
  void compareAndSetReplacesTheClaimWhenTheStatusIsStillTheExpectedOne() {
    LicenseClaim pending = insert(claim("c-1", "ana", "observation", "p-1").build());
    LicenseClaim active = activated(pending, day(2), day(365));

    assertThat(claims().compareAndSet(tenant, ClaimStatus.PENDING, active)).isTrue();

    assertThat(claims().find(tenant, pending.id())).contains(active);
    assertThat(claims().findLive(tenant, ANA, OBSERVATION)).contains(active);
  }

  @Test
  void compareAndSetRefusesWhenTheStatusMovedOn() {
    LicenseClaim pending = insert(claim("c-1", "ana", "observation", "p-1").build());
    LicenseClaim active = activated(pending, day(2), day(365));
    claims().compareAndSet(tenant, ClaimStatus.PENDING, active);

    assertThat(claims().compareAndSet(tenant, ClaimStatus.PENDING, revoked(pending, day(3), ADMIN, "late"))).isFalse();

    assertThat(claims().find(tenant, pending.id())).contains(active);
  }

  @Test
  void theSecondOfTwoRevocationsFromTheSameStatusIsRefused() {
    LicenseClaim active = insert(activated(claim("c-1", "ana", "observation", "p-1").build(), day(1), day(365)));
    LicenseClaim firstRevocation = revoked(active, day(5), ADMIN, "first");

    assertThat(claims().compareAndSet(tenant, ClaimStatus.ACTIVE, firstRevocation)).isTrue();
    assertThat(claims().compareAndSet(tenant, ClaimStatus.ACTIVE, revoked(active, day(6), ADMIN, "second"))).isFalse();

    assertThat(claims().find(tenant, active.id())).contains(firstRevocation);
  }

  @Test
  void anEditKeepingTheStatusIsRefusedWhenMadeFromAnOlderVersion() {
    LicenseClaim pending = insert(claim("c-1", "ana", "observation", "p-1").build());
    LicenseClaim flagged = LicenseClaim.builder().from(pending).direct(true).build();
    LicenseClaim rescheduled = LicenseClaim.builder().from(pending).expiresAt(day(100)).build();

    assertThat(claims().compareAndSet(tenant, ClaimStatus.PENDING, flagged)).isTrue();
    assertThat(claims().compareAndSet(tenant, ClaimStatus.PENDING, rescheduled)).as("made from version 0").isFalse();

    LicenseClaim stored = claims().find(tenant, pending.id()).orElseThrow();
    assertThat(stored).isEqualTo(flagged);
    assertThat(stored.version()).isEqualTo(1);
    assertThat(claims().compareAndSet(tenant, ClaimStatus.PENDING, LicenseClaim.builder().from(stored).expiresAt(day(100)).build()))
        .as("made from the stored version").isTrue();
    assertThat(claims().find(tenant, pending.id()).orElseThrow())
        .satisfies(claim -> assertThat(claim.direct()).isTrue())
        .satisfies(claim -> assertThat(claim.expiresAt()).contains(day(100)))
        .satisfies(claim -> assertThat(claim.version()).isEqualTo(2));
  }

  @Test
  void compareAndSetOfAnUnknownClaimIsRefusedAndCreatesNothing() {
    LicenseClaim ghost = claim("ghost", "ana", "observation", "p-1").build();

    assertThat(claims().compareAndSet(tenant, ClaimStatus.PENDING, ghost)).isFalse();

    assertThat(claims().find(tenant, ghost.id())).isEmpty();
    assertThat(claims().findLive(tenant, ANA, OBSERVATION)).isEmpty();
  }

  /**
   * The one-live-claim rule holds for compare-and-set too: reviving an ended claim while another is
   * live is refused with {@code DUPLICATE_LIVE_CLAIM}, changing nothing. (Not in the port's Javadoc yet.)
   */
  @Test
  void compareAndSetNeverMakesASecondLiveClaim() {
    LicenseClaim first = insert(claim("c-1", "ana", "observation", "p-1").build());
    LicenseClaim revokedFirst = revoked(first, day(1), ADMIN, "reassigned");
    claims().compareAndSet(tenant, ClaimStatus.PENDING, revokedFirst);
    LicenseClaim second = insert(claim("c-2", "ana", "observation", "p-1").assignedAt(day(2)).build());

    // made from the stored (revoked) version, so only the one-live-claim rule can refuse it
    assertThatThrownBy(() -> claims().compareAndSet(tenant, ClaimStatus.REVOKED, activated(first, day(3), day(365)).nextVersion()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_LIVE_CLAIM"));

    assertThat(claims().find(tenant, first.id())).contains(revokedFirst);
    assertThat(claims().findLive(tenant, ANA, OBSERVATION)).contains(second);
  }

  @Test
  void findLiveIgnoresEndedClaims() {
    LicenseClaim pending = insert(claim("c-1", "ana", "observation", "p-1").build());
    claims().compareAndSet(tenant, ClaimStatus.PENDING, revoked(pending, day(1), ADMIN, "gone"));

    assertThat(claims().findLive(tenant, ANA, OBSERVATION)).isEmpty();
    assertThat(claims().find(tenant, pending.id()).orElseThrow().status()).isEqualTo(ClaimStatus.REVOKED);
  }

  @Test
  void aUsersClaimsAreListedNewestAssignmentFirstIncludingEndedOnes() {
    LicenseClaim oldest = insert(claim("c-9", "ana", "observation", "p-1").assignedAt(day(1)).build());
    claims().compareAndSet(tenant, ClaimStatus.PENDING, expired(oldest, day(10)));
    insert(claim("c-1", "ana", "evaluation", "p-2").assignedAt(day(5)).build());
    insert(claim("c-5", "ana", "observation", "p-1").assignedAt(day(20)).build());
    insert(claim("c-7", "ana", "proctoring", "p-3").assignedAt(day(3)).build());
    insert(claim("c-2", "bo", "observation", "p-1").assignedAt(day(30)).build());

    assertThat(claims().listForUser(tenant, ANA)).extracting(c -> c.id().value())
        .containsExactly("c-5", "c-1", "c-7", "c-9");
  }

  @Test
  void aPoolsLiveClaimsAreListedOldestAssignmentFirstWithoutEndedOrOtherPoolsClaims() {
    insert(claim("c-1", "ana", "observation", "p-1").assignedAt(day(4)).build());
    LicenseClaim bo = insert(claim("c-2", "bo", "observation", "p-1").assignedAt(day(1)).build());
    insert(activated(claim("c-3", "carla", "observation", "p-1").assignedAt(day(2)).build(), day(3), day(365)));
    insert(claim("c-4", "dev", "observation", "p-2").assignedAt(day(0)).build());
    LicenseClaim eve = insert(claim("c-5", "eve", "observation", "p-1").assignedAt(day(3)).build());
    claims().compareAndSet(tenant, ClaimStatus.PENDING, revoked(eve, day(5), ADMIN, "left"));

    assertThat(claims().listLiveForPool(tenant, PoolId.of("p-1"))).extracting(c -> c.id().value())
        .containsExactly("c-2", "c-3", "c-1");
    assertThat(bo.live()).isTrue();
  }

  @Test
  void tenantsNeverSeeOrChangeEachOthersClaims() {
    LicenseClaim ours = insert(claim("c-1", "ana", "observation", "p-1").reason("ours").build());
    LicenseClaim theirs = claim("c-1", "ana", "observation", "p-1").reason("theirs").build();

    assertThat(claims().insertIfNoLiveClaim(otherTenant, theirs)).isTrue();
    assertThat(claims().compareAndSet(otherTenant, ClaimStatus.PENDING, revoked(theirs, day(1), ADMIN, "x"))).isTrue();

    assertThat(claims().find(tenant, ours.id())).contains(ours);
    assertThat(claims().findLive(tenant, ANA, OBSERVATION)).contains(ours);
    assertThat(claims().findLive(otherTenant, ANA, OBSERVATION)).isEmpty();
    assertThat(claims().listForUser(otherTenant, ANA)).extracting(c -> c.reason().orElseThrow()).containsExactly("x");
    assertThat(claims().listLiveForPool(otherTenant, PoolId.of("p-1"))).isEmpty();
    assertThat(claims().listLiveForPool(tenant, PoolId.of("p-1"))).containsExactly(ours);
  }

  @Test
  void aClaimUnknownToATenantCannotBeChangedThroughIt() {
    LicenseClaim ours = insert(claim("c-1", "ana", "observation", "p-1").build());

    assertThat(claims().compareAndSet(otherTenant, ClaimStatus.PENDING, revoked(ours, day(1), ADMIN, "x"))).isFalse();

    assertThat(claims().find(tenant, ours.id())).contains(ours);
    assertThat(claims().find(otherTenant, ours.id())).isEmpty();
  }

}
