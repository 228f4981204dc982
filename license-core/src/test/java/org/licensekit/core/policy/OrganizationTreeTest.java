package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;

class OrganizationTreeTest {

  private static final OrganizationId DISTRICT = OrganizationId.of("district");
  private static final OrganizationId LINCOLN_HIGH = OrganizationId.of("lincoln-high");
  private static final OrganizationId SCIENCE = OrganizationId.of("lincoln-science");
  private static final OrganizationId EAST_SIDE = OrganizationId.of("east-side");

  /** District → Lincoln High → Science department; East Side stands alone. */
  private static final OrganizationTree DISTRICT_TREE = OrganizationTree.of(List.of(
      Organization.root(DISTRICT, "District"),
      Organization.child(LINCOLN_HIGH, "Lincoln High", DISTRICT),
      Organization.child(SCIENCE, "Science", LINCOLN_HIGH),
      Organization.root(EAST_SIDE, "East Side")));

  @Test
  void ancestorsOfADepartmentReachUpToTheDistrict() {
    assertThat(DISTRICT_TREE.withAncestors(List.of(SCIENCE))).containsExactlyInAnyOrder(SCIENCE, LINCOLN_HIGH, DISTRICT);
  }

  @Test
  void aRootOrganizationIsItsOwnOnlyAncestor() {
    assertThat(DISTRICT_TREE.withAncestors(List.of(EAST_SIDE))).containsExactly(EAST_SIDE);
  }

  @Test
  void ancestorsOfSeveralOrganizationsAreMerged() {
    assertThat(DISTRICT_TREE.withAncestors(List.of(LINCOLN_HIGH, EAST_SIDE)))
        .containsExactlyInAnyOrder(LINCOLN_HIGH, DISTRICT, EAST_SIDE);
  }

  @Test
  void anOrganizationUnknownToTheTreeStandsForItself() {
    OrganizationId unknown = OrganizationId.of("not-defined");

    assertThat(DISTRICT_TREE.withAncestors(List.of(unknown))).containsExactly(unknown);
    assertThat(DISTRICT_TREE.subtree(unknown)).containsExactly(unknown);
  }

  @Test
  void noOrganizationsHaveNoAncestors() {
    assertThat(DISTRICT_TREE.withAncestors(List.of())).isEmpty();
  }

  @Test
  void subtreeOfTheDistrictHoldsEverySchoolAndDepartmentBelowIt() {
    assertThat(DISTRICT_TREE.subtree(DISTRICT)).containsExactlyInAnyOrder(DISTRICT, LINCOLN_HIGH, SCIENCE);
  }

  @Test
  void subtreeOfALeafIsTheLeafAlone() {
    assertThat(DISTRICT_TREE.subtree(SCIENCE)).containsExactly(SCIENCE);
  }

  @Test
  void aCycleInParentLinksEndsTheWalkInsteadOfLoopingForever() {
    // Stored data may hold a cycle (a bad import, a concurrent edit); the tree must still answer.
    OrganizationId a = OrganizationId.of("a");
    OrganizationId b = OrganizationId.of("b");
    OrganizationId c = OrganizationId.of("c");
    OrganizationTree cyclic = OrganizationTree.of(List.of(
        Organization.child(a, "A", c), Organization.child(b, "B", a), Organization.child(c, "C", b)));

    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      assertThat(cyclic.withAncestors(List.of(a))).containsExactlyInAnyOrder(a, b, c);
      assertThat(cyclic.subtree(b)).containsExactlyInAnyOrder(a, b, c);
    });
  }

  @Test
  void anOrganizationThatIsItsOwnParentIsItsOwnOnlyAncestor() {
    OrganizationId self = OrganizationId.of("self");
    OrganizationTree selfParented = OrganizationTree.of(List.of(Organization.child(self, "Self", self)));

    assertThat(selfParented.withAncestors(List.of(self))).containsExactly(self);
    assertThat(selfParented.subtree(self)).containsExactly(self);
  }
}
