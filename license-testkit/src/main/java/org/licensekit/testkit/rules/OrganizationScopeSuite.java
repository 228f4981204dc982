package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.DashboardOptions;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ActorKind;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * Organization-scoped administration beyond the call × actor table: what a school's administrator
 * or reporter sees of reports, bulk filters and pools, that a record of another school is refused
 * exactly as an unknown one, and that every refusal is audited.
 */
public abstract class OrganizationScopeSuite extends LicensingTestSupport {

  private static final OrganizationId NORTH_ANNEX = OrganizationId.of("north-annex");

  private ActorSession northAdmin;
  private ActorSession northReporter;
  private UserId ana;
  private UserId annie;
  private UserId sam;
  private PoolId tenantPool;
  private PoolId districtPool;
  private PoolId northPool;
  private PoolId southPool;

  @BeforeEach
  void setUpSchools() {
    admin.users().defineOrganization(Organization.child(NORTH_ANNEX, "North Annex", NORTH));
    tenantPool = pool(COACHING, 10).id();
    districtPool = scopedPool("district-observation", DISTRICT, 200);
    northPool = scopedPool("north-observation", NORTH, 100);
    southPool = scopedPool("south-observation", SOUTH, 100);
    ana = activeUser("ana", DefaultCatalog.TEACHER, NORTH);
    annie = activeUser("annie", DefaultCatalog.TEACHER, NORTH_ANNEX);
    sam = activeUser("sam", DefaultCatalog.TEACHER, SOUTH);
    northAdmin = tenant.as(Actor.organizationAdministrator("north-admin", Set.of(NORTH)));
    northReporter = tenant.as(Actor.organizationReporter("north-analyst", Set.of(NORTH)));
  }

  private PoolId scopedPool(String id, OrganizationId scope, int daysAfterSchoolYear) {
    return admin.pools().add(NewPool.builder().id(PoolId.of(id)).product(OBSERVATION).seats(5)
        .term(org.licensekit.core.domain.Term.of(START.minus(7, ChronoUnit.DAYS), START.plus(365 + daysAfterSchoolYear, ChronoUnit.DAYS)))
        .scope(scope).build()).id();
  }

  @Test
  void reportsShowOnlyTheRowsOfTheSubtree() {
    List<ClaimRow> rows = northReporter.reports().claims(ClaimsQuery.builder().limit(100).build()).items();
    assertThat(rows).extracting(ClaimRow::user).isNotEmpty().containsOnly(ana, annie);
    assertThat(admin.reports().claims(ClaimsQuery.builder().limit(100).build()).items()).extracting(ClaimRow::user).contains(sam);
    // asking for the whole district gives the school's rows only; asking for another school is as for an unknown one
    assertThat(northReporter.reports().claims(ClaimsQuery.builder().organization(DISTRICT).limit(100).build()).items())
        .extracting(ClaimRow::user).containsOnly(ana, annie);
    assertThatThrownBy(() -> northReporter.reports().claims(ClaimsQuery.builder().organization(SOUTH).build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("organizationId"));
    assertThat(northReporter.reports().dashboard(DashboardOptions.defaults()).products()).allSatisfy(product ->
        assertThat(product.seats().purchased()).as("seats the north school's dashboard counts for %s", product.product())
            .isEqualTo(product.product().equals(OBSERVATION) ? 5 : 0));
  }

  @Test
  void aSchoolAdministratorErasesItsOwnPeopleOnlyAndAnotherSchoolsIsAsUnknownAndAudited() {
    admin.users().archive(annie, "left");
    admin.users().archive(sam, "left");

    assertThat(northAdmin.privacy().erase(annie, "request 17").erasedNow()).isTrue();
    assertThatThrownBy(() -> northAdmin.privacy().erase(sam, "request 18"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("userId"));
    assertThatThrownBy(() -> northReporter.privacy().erase(annie, "request 19")).isInstanceOf(NotAuthorizedException.class);

    assertThat(admin.users().find(annie)).map(org.licensekit.core.domain.UserAccount::name)
        .contains(org.licensekit.core.policy.Pseudonym.of(tenantId, annie).name());
    assertThat(admin.users().find(sam)).map(org.licensekit.core.domain.UserAccount::name).contains("User sam");
    assertThat(admin.audit().query(AuditQuery.builder().addActions(ChangeType.ACCESS_REFUSED).build()))
        .extracting(entry -> entry.subjectId(), entry -> entry.user())
        .containsExactly(tuple("ERASE_PERSONAL_DATA", Optional.of(sam)), tuple("ERASE_PERSONAL_DATA", Optional.of(annie)));
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @Test
  void aBulkFilterIsIntersectedWithTheSubtree() {
    assertThat(northAdmin.bulk().count(UserFilter.all())).isEqualTo(2);
    assertThat(northAdmin.bulk().select(UserFilter.all(), Optional.empty(), 100)).containsExactlyInAnyOrder(ana, annie);
    assertThatThrownBy(() -> northAdmin.bulk().count(UserFilter.builder().organization(SOUTH).build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("organizationId"));

    northAdmin.bulk().run(BulkRequest.where(UserFilter.all()).action(BulkAction.revokeProduct(OBSERVATION)).reason("term over").build());

    assertThat(liveProducts(ana)).doesNotContain(OBSERVATION);
    assertThat(liveProducts(annie)).doesNotContain(OBSERVATION);
    assertThat(liveProducts(sam)).as("the other school's user").contains(OBSERVATION);
    assertThatThrownBy(() -> northAdmin.bulk().run(BulkRequest.where(UserFilter.all())
        .action(BulkAction.grantRoles(SOUTH, Set.of(DefaultCatalog.OBSERVER))).reason("x").build()))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> northAdmin.bulk().run(BulkRequest.where(UserFilter.all())
        .action(BulkAction.revokeRole(DefaultCatalog.OBSERVABLE, Optional.empty())).reason("x").build()))
        .as("revoking a role in every organization reaches beyond the school").isInstanceOf(NotAuthorizedException.class);
  }

  @Test
  void poolsAboveTheSubtreeAreReadableButNotChangeableAndOthersAreInvisible() {
    assertThat(northAdmin.pools().list()).extracting(usage -> usage.pool().id())
        .containsExactlyInAnyOrder(tenantPool, districtPool, northPool);
    assertThat(northAdmin.pools().find(districtPool)).isPresent();
    assertThat(northAdmin.pools().find(southPool)).isEmpty();

    assertThat(northAdmin.pools().changeSeats(northPool, 6, "new teacher").pool().seats()).isEqualTo(6);
    assertThatThrownBy(() -> northAdmin.pools().changeSeats(tenantPool, 11, "x")).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> northAdmin.pools().changeSeats(districtPool, 6, "x")).isInstanceOf(NotAuthorizedException.class);
    NotFoundException outside = catchNotFound(() -> northAdmin.pools().changeSeats(southPool, 6, "x"));
    NotFoundException unknown = catchNotFound(() -> northAdmin.pools().changeSeats(PoolId.of("no-such-pool"), 6, "x"));
    assertThat(outside.field()).isEqualTo(unknown.field()).isEqualTo("poolId");
    assertThat(admin.pools().find(southPool).map(PoolUsage::pool).orElseThrow().seats()).isEqualTo(5);
    assertThatThrownBy(() -> northAdmin.pools().add(NewPool.builder().id(PoolId.of("tenant-wide")).product(OBSERVATION).seats(1)
        .term(schoolYear()).build())).as("a tenant-wide pool").isInstanceOf(NotAuthorizedException.class);
  }

  @Test
  void aUserOfAnotherSchoolIsRefusedExactlyAsAnUnknownUser() {
    NotFoundException outside = catchNotFound(() -> northAdmin.users().suspend(sam, "x"));
    NotFoundException unknown = catchNotFound(() -> northAdmin.users().suspend(UserId.of("nobody"), "x"));
    assertThat(outside.field()).isEqualTo(unknown.field()).isEqualTo("userId");
    assertThat(outside.getClass()).isEqualTo(unknown.getClass());
    assertThat(northAdmin.users().find(sam)).isEmpty();
    assertThat(northAdmin.users().list()).extracting(UserAccount::id).containsExactlyInAnyOrder(ana, annie);
    assertThat(admin.users().find(sam).orElseThrow().status()).isEqualTo(org.licensekit.core.domain.AccountStatus.ACTIVE);
    assertThat(northAdmin.users().organizations()).extracting(Organization::id)
        .containsExactlyInAnyOrder(DISTRICT, NORTH, NORTH_ANNEX);
    assertThat(northAdmin.users().suspend(annie, "leave").status()).isEqualTo(org.licensekit.core.domain.AccountStatus.SUSPENDED);
  }

  @Test
  void anAdministratorOfTwoSchoolsReachesBoth() {
    ActorSession both = tenant.as(Actor.organizationAdministrator("two-schools", Set.of(NORTH_ANNEX, SOUTH)));

    assertThat(both.users().list()).extracting(UserAccount::id).containsExactlyInAnyOrder(annie, sam);
    assertThat(both.claims().ofUser(sam)).isNotEmpty();
    assertThatThrownBy(() -> both.claims().ofUser(ana)).isInstanceOf(NotFoundException.class);
  }

  @Test
  void organizationsAreDefinedOnlyBelowTheActorsOwn() {
    northAdmin.users().defineOrganization(Organization.child(OrganizationId.of("north-lab"), "North Lab", NORTH_ANNEX));

    assertThatThrownBy(() -> northAdmin.users().defineOrganization(Organization.root(OrganizationId.of("east"), "East")))
        .isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> northAdmin.users().defineOrganization(Organization.child(OrganizationId.of("south-lab"), "Lab", SOUTH)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> northAdmin.users().defineOrganization(Organization.child(NORTH, "North High moved", SOUTH)))
        .as("moving its own school elsewhere").isInstanceOfAny(NotFoundException.class, NotAuthorizedException.class);
    assertThat(admin.users().organizations()).filteredOn(o -> o.id().equals(NORTH)).singleElement()
        .satisfies(o -> assertThat(o.parent()).contains(DISTRICT));
  }

  @Test
  void everyRefusalIsAuditedWithTheActorTheOperationAndTheReason() {
    catchNotFound(() -> northAdmin.users().archive(sam, "left"));
    assertThatThrownBy(() -> northReporter.users().archive(ana, "left")).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> northAdmin.settings().update(admin.settings().get())).isInstanceOf(NotAuthorizedException.class);

    List<AuditEntry> refusals = admin.audit().query(AuditQuery.builder().limit(10_000).build()).stream()
        .filter(entry -> entry.action() == ChangeType.ACCESS_REFUSED).collect(Collectors.toList());
    assertThat(refusals).hasSize(3);
    assertThat(refusals.get(0).actor()).isEqualTo(new Actor(ActorKind.ORGANIZATION_ADMINISTRATOR, "north-admin"));
    assertThat(refusals.get(0).subjectId()).isEqualTo("CHANGE_USER_STATUS");
    assertThat(refusals.get(0).user()).contains(sam);
    assertThat(refusals.get(0).reason()).hasValueSatisfying(reason -> assertThat(reason).contains("userId"));
    assertThat(refusals.get(1).actor().kind()).isEqualTo(ActorKind.ORGANIZATION_REPORTER);
    assertThat(refusals.get(2).subjectId()).isEqualTo("MANAGE_SETTINGS");
    assertThat(admin.audit().verify().intact()).isTrue();
    // an organization reporter reads the trail one user of its school at a time
    assertThat(northReporter.audit().page(AuditQuery.builder().user(ana).build()).items())
        .isNotEmpty().allSatisfy(entry -> assertThat(entry.user()).contains(ana));
    assertThatThrownBy(() -> northReporter.audit().page(AuditQuery.builder().user(sam).build())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> northReporter.audit().page(AuditQuery.all())).isInstanceOf(NotAuthorizedException.class);
  }

  private Set<org.licensekit.core.domain.ProductId> liveProducts(UserId user) {
    return admin.claims().ofUser(user).stream()
        .filter(claim -> claim.status() == ClaimStatus.PENDING || claim.status() == ClaimStatus.ACTIVE)
        .map(org.licensekit.core.domain.LicenseClaim::product).collect(Collectors.toSet());
  }

  private static NotFoundException catchNotFound(Runnable call) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::run);
    assertThat(thrown).isInstanceOf(NotFoundException.class);
    return (NotFoundException) thrown;
  }
}
