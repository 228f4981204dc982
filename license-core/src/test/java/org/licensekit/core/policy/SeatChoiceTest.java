package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.policy.PolicyFixtures.LINCOLN_HIGH;
import static org.licensekit.core.policy.PolicyFixtures.NOW;
import static org.licensekit.core.policy.PolicyFixtures.OBSERVATION;
import static org.licensekit.core.policy.PolicyFixtures.PROCTORING;
import static org.licensekit.core.policy.PolicyFixtures.days;
import static org.licensekit.core.policy.PolicyFixtures.pool;
import static org.licensekit.core.policy.PolicyFixtures.term;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;

class SeatChoiceTest {

  private static final OrganizationId DISTRICT = OrganizationId.of("district");
  private static final OrganizationId EAST_SIDE = OrganizationId.of("east-side");

  /** District → Lincoln High; East Side is a separate school. */
  private static final OrganizationTree TREE = OrganizationTree.of(List.of(
      Organization.root(DISTRICT, "District"),
      Organization.child(LINCOLN_HIGH, "Lincoln High", DISTRICT),
      Organization.root(EAST_SIDE, "East Side")));

  /** Ana teaches at Lincoln High, so pools of Lincoln High and of the district serve her. */
  private static final Set<OrganizationId> ANAS_ORGANIZATIONS = TREE.withAncestors(List.of(LINCOLN_HIGH));

  @Test
  void onlyPoolsOfTheRequestedProductAreCandidates() {
    PoolUsage observation = free(pool("observation-pool").build());
    PoolUsage proctoring = free(pool("proctoring-pool").product(PROCTORING).build());

    assertThat(ids(SeatChoice.candidates(OBSERVATION, List.of(observation, proctoring), ANAS_ORGANIZATIONS, NOW)))
        .containsExactly("observation-pool");
  }

  @Test
  void poolServesFromTheFirstInstantOfItsTerm() {
    PoolUsage startsNow = free(pool("starts-now").term(term(0, 100)).build());

    assertThat(SeatChoice.candidates(OBSERVATION, List.of(startsNow), ANAS_ORGANIZATIONS, NOW)).hasSize(1);
  }

  @Test
  void poolNoLongerServesAtTheInstantItsTermEnds() {
    PoolUsage endsNow = free(pool("ends-now").term(term(-100, 0)).build());

    assertThat(SeatChoice.candidates(OBSERVATION, List.of(endsNow), ANAS_ORGANIZATIONS, NOW)).isEmpty();
    assertThat(SeatChoice.candidates(OBSERVATION, List.of(endsNow), ANAS_ORGANIZATIONS, NOW.minusMillis(1))).hasSize(1);
  }

  @Test
  void poolWhoseTermHasNotStartedIsSkipped() {
    PoolUsage nextYear = free(pool("next-year").term(term(1, 365)).build());

    assertThat(SeatChoice.candidates(OBSERVATION, List.of(nextYear), ANAS_ORGANIZATIONS, NOW)).isEmpty();
  }

  @Test
  void fullPoolsAreSkipped() {
    LicensePool tenSeats = pool("full").seats(10).build();
    PoolUsage full = new PoolUsage(tenSeats, 10);
    PoolUsage overAllocated = new PoolUsage(pool("over").seats(10).build(), 11);
    PoolUsage oneLeft = new PoolUsage(pool("one-left").seats(10).build(), 9);

    assertThat(ids(SeatChoice.candidates(OBSERVATION, List.of(full, overAllocated, oneLeft), ANAS_ORGANIZATIONS, NOW)))
        .containsExactly("one-left");
  }

  @Test
  void poolScopedToTheParentOrganizationServesMembersOfItsChildOrganizations() {
    PoolUsage districtPool = free(pool("district-pool").scope(DISTRICT).build());

    assertThat(ids(SeatChoice.candidates(OBSERVATION, List.of(districtPool), ANAS_ORGANIZATIONS, NOW)))
        .containsExactly("district-pool");
  }

  @Test
  void poolScopedToAnotherOrganizationDoesNotServeTheUser() {
    PoolUsage eastSidePool = free(pool("east-side-pool").scope(EAST_SIDE).build());

    assertThat(SeatChoice.candidates(OBSERVATION, List.of(eastSidePool), ANAS_ORGANIZATIONS, NOW)).isEmpty();
  }

  @Test
  void poolScopedToAChildOrganizationDoesNotServeMembersOfTheParent() {
    PoolUsage schoolPool = free(pool("school-pool").scope(LINCOLN_HIGH).build());
    Set<OrganizationId> districtStaff = TREE.withAncestors(List.of(DISTRICT));

    assertThat(SeatChoice.candidates(OBSERVATION, List.of(schoolPool), districtStaff, NOW)).isEmpty();
  }

  @Test
  void poolWithoutScopeServesEveryoneInTheTenantEvenWithoutOrganization() {
    PoolUsage tenantWide = free(pool("tenant-wide").build());

    assertThat(SeatChoice.candidates(OBSERVATION, List.of(tenantWide), Set.of(), NOW)).hasSize(1);
  }

  @Test
  void seatsThatExpireSoonestAreUsedFirst() {
    PoolUsage summer = free(pool("a-summer").term(term(-30, 300)).build());
    PoolUsage winter = free(pool("b-winter").term(term(-30, 100)).build());
    PoolUsage spring = free(pool("c-spring").term(term(-30, 200)).build());

    assertThat(ids(SeatChoice.candidates(OBSERVATION, List.of(summer, winter, spring), ANAS_ORGANIZATIONS, NOW)))
        .containsExactly("b-winter", "c-spring", "a-summer");
  }

  @Test
  void poolsEndingTogetherAreOrderedById() {
    PoolUsage second = free(pool("pool-b").term(term(-30, 100)).build());
    PoolUsage first = free(pool("pool-a").term(term(-60, 100)).build());

    assertThat(ids(SeatChoice.candidates(OBSERVATION, List.of(second, first), ANAS_ORGANIZATIONS, NOW)))
        .containsExactly("pool-a", "pool-b");
  }

  @Test
  void noPoolsMeansNoCandidates() {
    assertThat(SeatChoice.candidates(OBSERVATION, List.of(), ANAS_ORGANIZATIONS, days(0))).isEmpty();
  }

  @Test
  void aFullPoolServingTheUserIsRefusedAsNoSeatAvailable() {
    PoolUsage full = new PoolUsage(pool("full").seats(1).build(), 1);

    Refusal refusal = SeatChoice.refusal(OBSERVATION, List.of(full), ANAS_ORGANIZATIONS, days(0));

    assertThat(refusal.code()).isEqualTo(AssignmentRefusal.NO_SEAT_AVAILABLE);
    assertThat(refusal.message()).contains("observation");
  }

  @Test
  void poolsOutOfTermOrScopedElsewhereAreRefusedAsNoPool() {
    PoolUsage expired = free(pool("expired").term(term(-100, -1)).build());
    PoolUsage eastSide = free(pool("east-side").scope(EAST_SIDE).build());

    assertThat(SeatChoice.refusal(OBSERVATION, List.of(expired, eastSide), ANAS_ORGANIZATIONS, days(0)).code())
        .isEqualTo(AssignmentRefusal.NO_POOL);
    assertThat(SeatChoice.refusal(OBSERVATION, List.of(), ANAS_ORGANIZATIONS, days(0)).code())
        .isEqualTo(AssignmentRefusal.NO_POOL);
  }

  private static PoolUsage free(LicensePool pool) {
    return new PoolUsage(pool, 0);
  }

  private static List<String> ids(List<LicensePool> pools) {
    return pools.stream().map(LicensePool::id).map(PoolId::value).toList();
  }
}
