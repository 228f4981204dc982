package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Term;

/** What a school's administrator reaches in a district of two schools, one with a department. */
class OrganizationReachTest {

  private static final OrganizationId DISTRICT = OrganizationId.of("district");
  private static final OrganizationId NORTH = OrganizationId.of("north");
  private static final OrganizationId ANNEX = OrganizationId.of("north-annex");
  private static final OrganizationId SOUTH = OrganizationId.of("south");
  private static final OrganizationTree TREE = OrganizationTree.of(List.of(
      Organization.root(DISTRICT, "District"), Organization.child(NORTH, "North", DISTRICT),
      Organization.child(ANNEX, "Annex", NORTH), Organization.child(SOUTH, "South", DISTRICT)));

  private final OrganizationReach north = OrganizationReach.of(Actor.organizationAdministrator("a", Set.of(NORTH)), TREE);

  @Test
  void aSchoolAdministratorReachesItsSchoolAndWhatIsBelowIt() {
    assertThat(north.unrestricted()).isFalse();
    assertThat(north.subtrees()).containsExactlyInAnyOrder(NORTH, ANNEX);
    assertThat(north.covers(ANNEX)).isTrue();
    assertThat(north.covers(DISTRICT)).isFalse();
    assertThat(north.sees(DISTRICT)).isTrue();
    assertThat(north.sees(SOUTH)).isFalse();
    assertThat(north.coversMember(List.of(SOUTH, ANNEX))).isTrue();
    assertThat(north.coversMember(List.of(SOUTH))).isFalse();
    assertThat(north.coversMember(List.of())).isFalse();
  }

  @Test
  void poolsAboveAreReadableButOnlyItsOwnAreChangeable() {
    assertThat(north.mayRead(pool(Optional.empty()))).isTrue();
    assertThat(north.mayChange(pool(Optional.empty()))).isFalse();
    assertThat(north.mayRead(pool(Optional.of(DISTRICT)))).isTrue();
    assertThat(north.mayChange(pool(Optional.of(DISTRICT)))).isFalse();
    assertThat(north.mayChange(pool(Optional.of(ANNEX)))).isTrue();
    assertThat(north.mayRead(pool(Optional.of(SOUTH)))).isFalse();
  }

  @Test
  void aFilterIsIntersectedWithTheSubtreesAndNoFilterMeansTheSubtrees() {
    assertThat(north.limit(Optional.empty())).contains(Set.of(NORTH, ANNEX));
    assertThat(north.limit(Optional.of(Set.of(DISTRICT, NORTH, SOUTH)))).contains(Set.of(NORTH));
    assertThat(north.limit(Optional.of(Set.of(SOUTH)))).contains(Set.of());
    assertThat(OrganizationReach.everything().limit(Optional.empty())).isEmpty();
  }

  @Test
  void unknownOrganizationsAddNothingAndOtherActorsReachEverything() {
    OrganizationReach nowhere = OrganizationReach.of(Actor.organizationReporter("r", Set.of(OrganizationId.of("gone"))), TREE);
    assertThat(nowhere.subtrees()).isEmpty();
    assertThat(nowhere.mayRead(pool(Optional.empty()))).isTrue();
    assertThat(nowhere.coversMember(List.of(NORTH))).isFalse();
    assertThat(OrganizationReach.of(Actor.systemAdministrator("root"), TREE).unrestricted()).isTrue();
  }

  private static LicensePool pool(Optional<OrganizationId> scope) {
    return LicensePool.builder().id(PoolId.of("p")).product(ProductId.of("x")).seats(1)
        .term(Term.of(Instant.EPOCH, Instant.EPOCH.plusSeconds(10))).scope(scope).build();
  }
}
