package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.report.DiscrepancyKind;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.UserId;

/**
 * A school moved under another area takes its seats along: a seat its members (and the members of
 * its departments) hold from a pool scoped to the area left is given up, audited, and the product
 * assigned again from a pool that serves them when a role or a direct assignment still justifies
 * it — the rule of a user leaving a school. Members who still reach the old area through another
 * membership, and everyone outside the moved school, keep their seats; a rename moves nothing.
 */
public abstract class MovingAnOrganizationContract extends BulkTestSupport {

  private static final OrganizationId EAST = OrganizationId.of("area-east");
  private static final OrganizationId WEST = OrganizationId.of("area-west");
  private static final OrganizationId LINCOLN = OrganizationId.of("lincoln");
  private static final OrganizationId LINCOLN_MATH = OrganizationId.of("lincoln-math");
  private static final OrganizationId JEFFERSON = OrganizationId.of("jefferson");

  private LicensePool east;

  @BeforeEach
  void areasAndSchools() {
    admin.users().defineOrganization(Organization.child(EAST, "East Area", DISTRICT));
    admin.users().defineOrganization(Organization.child(WEST, "West Area", DISTRICT));
    admin.users().defineOrganization(Organization.child(LINCOLN, "Lincoln Elementary", EAST));
    admin.users().defineOrganization(Organization.child(LINCOLN_MATH, "Lincoln Math", LINCOLN));
    admin.users().defineOrganization(Organization.child(JEFFERSON, "Jefferson Elementary", EAST));
    east = areaPool(EAST, 5);
  }

  private LicensePool areaPool(OrganizationId area, int seats) {
    return admin.pools().add(NewPool.builder().product(OBSERVATION).seats(seats).term(schoolYear()).scope(Optional.of(area)).build());
  }

  private UserId directHolder(String id, OrganizationId school) {
    UserId user = plainUser(id, school);
    assertThat(admin.assignments().assignProduct(user, OBSERVATION, "pilot").assigned())
        .singleElement().satisfies(c -> assertThat(c.pool()).isEqualTo(east.id()));
    return user;
  }

  private UserId observer(String id, OrganizationId school) {
    UserId user = plainUser(id, school);
    assertThat(admin.assignments().assignRole(user, school, DefaultCatalog.OBSERVER).assigned())
        .singleElement().satisfies(c -> assertThat(c.pool()).isEqualTo(east.id()));
    return user;
  }

  private Optional<LicenseClaim> liveObservation(UserId user) {
    return admin.claims().ofUser(user).stream().filter(c -> c.live() && c.product().equals(OBSERVATION)).findFirst();
  }

  private List<String> reasons(UserId user, ChangeType action) {
    return admin.audit().query(AuditQuery.builder().user(user).addActions(action).build()).stream()
        .map(e -> e.reason().orElse("")).toList();
  }

  private void moveLincolnTo(OrganizationId area) {
    admin.users().defineOrganization(Organization.child(LINCOLN, "Lincoln Elementary", area));
  }

  @Test
  void movingASchoolToAnotherAreaMovesItsMembersSeatsToAPoolServingThem() {
    UserId direct = directHolder("lin-direct", LINCOLN_MATH);
    UserId viaRole = observer("lin-observer", LINCOLN);
    UserId jefferson = directHolder("jef-direct", JEFFERSON);
    UserId inBoth = directHolder("both-direct", LINCOLN);
    admin.assignments().addToOrganization(inBoth, JEFFERSON, Set.of());
    LicensePool west = areaPool(WEST, 5);
    LicenseClaim directBefore = liveObservation(direct).orElseThrow();

    moveLincolnTo(WEST);

    assertThat(liveObservation(direct).orElseThrow()).satisfies(claim -> {
      assertThat(claim.pool()).isEqualTo(west.id());
      assertThat(claim.direct()).isTrue();
      assertThat(claim.id()).isNotEqualTo(directBefore.id());
    });
    assertThat(liveObservation(viaRole).orElseThrow().pool()).isEqualTo(west.id());
    assertThat(liveObservation(jefferson).orElseThrow().pool()).as("outside the moved school").isEqualTo(east.id());
    assertThat(liveObservation(inBoth).orElseThrow().pool()).as("still in the east through Jefferson").isEqualTo(east.id());
    assertThat(usage(east).seatsInUse()).isEqualTo(2);
    assertThat(usage(west).seatsInUse()).isEqualTo(2);
    for (UserId moved : List.of(direct, viaRole)) {
      assertThat(reasons(moved, ChangeType.CLAIM_REVOKED)).singleElement().asString()
          .contains("organization lincoln moved under area-west", "outside the pool's organization");
      assertThat(reasons(moved, ChangeType.CLAIM_ASSIGNED)).anySatisfy(r -> assertThat(r).contains("seat moved to a pool serving the user"));
      assertThat(tenant.access().troubleshoot(moved).seatsOutsideScope()).isEmpty();
    }
    assertThat(reasons(jefferson, ChangeType.CLAIM_REVOKED)).isEmpty();
    assertThat(admin.reports().reconcile(true).found(DiscrepancyKind.CLAIM_OUTSIDE_POOL_SCOPE)).isEmpty();
  }

  @Test
  void movingASchoolWhereNoPoolServesItsMembersReleasesTheirSeats() {
    UserId direct = directHolder("lin-direct", LINCOLN);
    UserId viaRole = observer("lin-observer", LINCOLN_MATH);

    moveLincolnTo(WEST);

    assertThat(liveObservation(direct)).isEmpty();
    assertThat(liveObservation(viaRole)).isEmpty();
    assertThat(usage(east).seatsInUse()).isZero();
    assertThat(admin.reports().reconcile(true).found(DiscrepancyKind.CLAIM_OUTSIDE_POOL_SCOPE)).isEmpty();
  }

  @Test
  void aRoleNoLongerHeldIsNotReassignedWhenTheSchoolMoves() {
    UserId user = observer("lin-observer", LINCOLN);
    admin.assignments().revokeRole(user, LINCOLN, DefaultCatalog.OBSERVER, "no longer observes");
    UserId direct = directHolder("lin-direct", LINCOLN);
    LicensePool west = areaPool(WEST, 5);

    moveLincolnTo(WEST);

    assertThat(liveObservation(user)).isEmpty();
    assertThat(liveObservation(direct).orElseThrow().pool()).isEqualTo(west.id());
    assertThat(usage(west).seatsInUse()).isEqualTo(1);
  }

  @Test
  void renamingASchoolOrMovingItWithinTheSameAreaKeepsEverySeat() {
    UserId direct = directHolder("lin-direct", LINCOLN_MATH);
    LicenseClaim before = liveObservation(direct).orElseThrow();
    int audit = auditSize();

    admin.users().defineOrganization(Organization.child(LINCOLN, "Lincoln Elementary School", EAST));
    admin.users().defineOrganization(Organization.child(LINCOLN_MATH, "Lincoln Mathematics", JEFFERSON));

    assertThat(liveObservation(direct).orElseThrow().id()).isEqualTo(before.id());
    assertThat(usage(east).seatsInUse()).isEqualTo(1);
    assertThat(auditSize()).as("two organization changes, no seat moved").isEqualTo(audit + 2);
  }
}
