package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.jdbc.Samples.ADMIN;
import static org.licensekit.jdbc.Samples.OBSERVATION;
import static org.licensekit.jdbc.Samples.T0;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.domain.UserId;

/**
 * What the JDBC encoding must get right on every database: each field of each value survives the
 * round trip (child tables, optional columns, microseconds), the orders the SPI promises, and the
 * database-enforced rules.
 */
abstract class AbstractJdbcStoreTest {

  // One store per database kind, shared by the tests, which each work in tenants of their own.
  private static final Map<Class<?>, JdbcLicenseStore> STORES = new ConcurrentHashMap<>();

  private final TenantId tenant = TenantId.of("district-" + UUID.randomUUID());
  private final TenantId otherTenant = TenantId.of("district-" + UUID.randomUUID());

  JdbcLicenseStore store;

  abstract TestDatabase newDatabase();

  @BeforeEach
  void createStore() {
    store = STORES.computeIfAbsent(getClass(), kind -> JdbcLicenseStore.builder(newDatabase().dataSource()).build());
  }

  @Test
  void everyCatalogValueRoundTripsWithItsChildren() {
    Product full = Samples.product("observation");
    Product bare = Product.builder().id(ProductId.of("course")).name("Course").type(ProductType.LEARNING_CONTENT).build();
    Role role = Role.builder().id(RoleId.of("OBSERVER")).name("Observer").description("Observes lessons")
        .addGrants(OBSERVATION, ProductId.of("course")).build();
    Role empty = Role.builder().id(RoleId.of("NOBODY")).name("Nobody").build();
    JobProfile profile = JobProfile.of(JobProfileId.of("ADMIN"), "Administrator", Set.of(RoleId.of("OBSERVER"), RoleId.of("EVALUATOR")));
    store.catalog().saveProduct(tenant, full);
    store.catalog().saveProduct(tenant, bare);
    store.catalog().saveRole(tenant, role);
    store.catalog().saveRole(tenant, empty);
    store.catalog().saveJobProfile(tenant, profile);

    assertThat(store.catalog().findProduct(tenant, full.id())).contains(full);
    assertThat(store.catalog().listProducts(tenant)).containsExactly(bare, full);
    assertThat(store.catalog().listRoles(tenant)).containsExactly(empty, role);
    assertThat(store.catalog().findJobProfile(tenant, profile.id())).contains(profile);
    assertThat(store.catalog().findProduct(otherTenant, full.id())).isEmpty();
  }

  @Test
  void savingAgainReplacesTheValueAndItsChildren() {
    store.catalog().saveProduct(tenant, Samples.product("observation"));
    Product renamed = Product.builder().id(OBSERVATION).name("Observation 2").type(ProductType.ANALYTICS).build();
    store.catalog().saveProduct(tenant, renamed);
    store.catalog().saveJobProfile(tenant, JobProfile.of(JobProfileId.of("T"), "Teacher", Set.of(RoleId.of("A"))));
    store.catalog().saveJobProfile(tenant, JobProfile.of(JobProfileId.of("T"), "Teacher", Set.of(RoleId.of("B"))));

    assertThat(store.catalog().listProducts(tenant)).containsExactly(renamed);
    assertThat(store.catalog().findJobProfile(tenant, JobProfileId.of("T")).orElseThrow().roles()).containsExactly(RoleId.of("B"));
  }

  @Test
  void directoryValuesRoundTripAndListInIdOrder() {
    Organization district = Organization.root(OrganizationId.of("district"), "District");
    Organization school = Organization.child(OrganizationId.of("School-B"), "School B", district.id());
    store.directory().saveOrganization(tenant, school);
    store.directory().saveOrganization(tenant, district);
    store.directory().insertUser(tenant, Samples.fullUser("u-2"));
    store.directory().insertUser(tenant, Samples.user("U-1"));
    Membership withRoles = Membership.of(UserId.of("u-2"), district.id(), Set.of(RoleId.of("OBSERVER"), RoleId.of("PROCTOR")));
    Membership withoutRoles = Membership.of(UserId.of("u-2"), school.id(), Set.of());
    store.directory().saveMembership(tenant, withRoles);
    store.directory().saveMembership(tenant, withoutRoles);

    // Identifiers sort by code point, as in Java: upper case before lower case.
    assertThat(store.directory().listOrganizations(tenant)).containsExactly(school, district);
    assertThat(store.directory().listUsers(tenant)).containsExactly(Samples.user("U-1"), Samples.fullUser("u-2"));
    assertThat(store.directory().membershipsOf(tenant, UserId.of("u-2"))).containsExactly(withoutRoles, withRoles);
    assertThat(store.directory().deleteMembership(tenant, UserId.of("u-2"), district.id())).isTrue();
    assertThat(store.directory().deleteMembership(tenant, UserId.of("u-2"), district.id())).isFalse();
    assertThat(store.directory().membershipsOf(tenant, UserId.of("u-2"))).containsExactly(withoutRoles);
  }

  @Test
  void aTakenUserIdIsADuplicateUserAndUpdatesNeedAnExistingUser() {
    store.directory().insertUser(tenant, Samples.user("u-1"));

    assertThatThrownBy(() -> store.transactions().inTransaction(() -> {
      store.directory().insertUser(tenant, Samples.fullUser("u-1"));
      return null;
    })).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_USER"));
    assertThat(store.directory().updateUser(tenant, Samples.fullUser("u-1"))).isTrue();
    assertThat(store.directory().findUser(tenant, UserId.of("u-1"))).contains(Samples.fullUser("u-1"));
    assertThat(store.directory().updateUser(tenant, Samples.user("u-9"))).isFalse();
    store.directory().insertUser(otherTenant, Samples.user("u-1"));
  }

  @Test
  void seatsAreTakenOnlyWhileFreeAndNeverReleasedBelowZero() {
    PoolId pool = PoolId.of("pool-1");
    store.pools().insert(tenant, Samples.pool("pool-1", 2));

    assertThat(store.pools().tryTakeSeat(tenant, pool)).isTrue();
    assertThat(store.pools().tryTakeSeat(tenant, pool)).isTrue();
    assertThat(store.pools().tryTakeSeat(tenant, pool)).isFalse();
    assertThat(store.pools().trySetSeats(tenant, pool, 1)).isFalse();
    assertThat(store.pools().trySetSeats(tenant, pool, 5)).isTrue();
    store.pools().releaseSeat(tenant, pool);
    store.pools().releaseSeat(tenant, pool);
    store.pools().releaseSeat(tenant, pool);
    assertThat(store.pools().find(tenant, pool).orElseThrow().seatsInUse()).isZero();
    assertThat(store.pools().find(tenant, pool).orElseThrow().pool().seats()).isEqualTo(5);
    assertThat(store.pools().tryTakeSeat(otherTenant, pool)).isFalse();
  }

  @Test
  void poolDefinitionsChangeWithoutTouchingSeatsAndListByTermEnd() {
    LicensePool late = Samples.pool("a-late", 3);
    LicensePool early = LicensePool.builder().from(Samples.pool("b-early", 1))
        .term(late.term().withEnd(late.term().end().minusSeconds(1))).build();
    store.pools().insert(tenant, late);
    store.pools().insert(tenant, early);
    store.pools().tryTakeSeat(tenant, late.id());
    LicensePool renewed = LicensePool.builder().from(late).seats(99).product(ProductId.of("other"))
        .renewalDate(LocalDate.of(2026, 5, 1)).reference("PO-77").scope(OrganizationId.of("school-1"))
        .term(late.term().withEnd(late.term().end().plus(Duration.ofDays(30)))).build();

    assertThat(store.pools().updateDefinition(tenant, renewed)).isTrue();
    assertThat(store.pools().updateDefinition(tenant, Samples.pool("missing", 1))).isFalse();
    LicensePool expected = LicensePool.builder().from(renewed).seats(3).product(OBSERVATION).build();
    assertThat(store.pools().listForProduct(tenant, OBSERVATION))
        .extracting(u -> u.pool().id().value(), u -> u.seatsInUse())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("b-early", 0), org.assertj.core.groups.Tuple.tuple("a-late", 1));
    assertThat(store.pools().find(tenant, late.id()).orElseThrow().pool()).isEqualTo(expected);
    assertThatThrownBy(() -> store.pools().insert(tenant, late))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_POOL"));
  }

  @Test
  void oneLiveClaimPerUserAndProductAndStatusChangesAreCompareAndSet() {
    LicenseClaim pending = Samples.pendingClaim("c-1", "u-1", "pool-1");
    assertThat(store.claims().insertIfNoLiveClaim(tenant, pending)).isTrue();

    boolean second = store.transactions().inTransaction(() -> {
      boolean inserted = store.claims().insertIfNoLiveClaim(tenant, Samples.pendingClaim("c-2", "u-1", "pool-1"));
      store.pools().insert(tenant, Samples.pool("pool-1", 1)); // the transaction is still usable
      return inserted;
    });

    assertThat(second).isFalse();
    assertThat(store.claims().find(tenant, ClaimId.of("c-2"))).isEmpty();
    assertThat(store.pools().find(tenant, PoolId.of("pool-1"))).isPresent();
    LicenseClaim revoked = LicenseClaim.builder().from(pending).status(ClaimStatus.REVOKED)
        .endedAt(T0.plusSeconds(5)).endedBy(Actor.system("sweeper")).reason("left the district").build();
    assertThat(store.claims().compareAndSet(tenant, ClaimStatus.ACTIVE, revoked)).isFalse();
    assertThat(store.claims().compareAndSet(tenant, ClaimStatus.PENDING, revoked)).isTrue();
    assertThat(store.claims().compareAndSet(tenant, ClaimStatus.PENDING, revoked)).isFalse();
    assertThat(store.claims().find(tenant, pending.id())).contains(revoked);
    assertThat(store.claims().findLive(tenant, UserId.of("u-1"), OBSERVATION)).isEmpty();
    assertThat(store.claims().insertIfNoLiveClaim(tenant, Samples.pendingClaim("c-3", "u-1", "pool-1"))).isTrue();
  }

  @Test
  void aReusedClaimIdIsADuplicateClaim() {
    store.claims().insertIfNoLiveClaim(tenant, Samples.pendingClaim("c-1", "u-1", "pool-1"));

    assertThatThrownBy(() -> store.claims().insertIfNoLiveClaim(tenant, Samples.pendingClaim("c-1", "u-2", "pool-1")))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_CLAIM"));
  }

  @Test
  void aCompareAndSetThatWouldMakeASecondLiveClaimIsRefused() {
    LicenseClaim first = Samples.pendingClaim("c-1", "u-1", "pool-1");
    store.claims().insertIfNoLiveClaim(tenant, first);
    LicenseClaim revoked = LicenseClaim.builder().from(first).status(ClaimStatus.REVOKED).endedAt(T0).endedBy(ADMIN).build();
    store.claims().compareAndSet(tenant, ClaimStatus.PENDING, revoked);
    store.claims().insertIfNoLiveClaim(tenant, Samples.pendingClaim("c-2", "u-1", "pool-1"));

    // made from the stored (revoked) version, so only the one-live-claim rule can refuse it
    assertThatThrownBy(() -> store.claims().compareAndSet(tenant, ClaimStatus.REVOKED, first.nextVersion()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_LIVE_CLAIM"));
    assertThat(store.claims().find(tenant, first.id())).contains(revoked);
  }

  @Test
  void claimsListNewestFirstForAUserAndOldestFirstForAPool() {
    LicenseClaim active = LicenseClaim.builder().from(Samples.pendingClaim("c-1", "u-1", "pool-1"))
        .status(ClaimStatus.ACTIVE).direct(true).claimedAt(T0.plusNanos(1_000)).expiresAt(T0.plus(Duration.ofDays(30)))
        .build();
    LicenseClaim later = LicenseClaim.builder().from(Samples.pendingClaim("c-2", "u-1", "pool-1"))
        .product(ProductId.of("course")).assignedAt(T0.plusSeconds(60)).build();
    LicenseClaim otherUser = LicenseClaim.builder().from(Samples.pendingClaim("c-0", "u-2", "pool-1"))
        .assignedAt(T0.plusSeconds(60)).build();
    for (LicenseClaim claim : List.of(later, active, otherUser)) {
      store.claims().insertIfNoLiveClaim(tenant, claim);
    }

    assertThat(store.claims().listForUser(tenant, UserId.of("u-1"))).containsExactly(later, active);
    assertThat(store.claims().listLiveForPool(tenant, PoolId.of("pool-1"))).containsExactly(active, otherUser, later);
    assertThat(store.claims().findLive(tenant, UserId.of("u-1"), OBSERVATION)).contains(active);
    assertThat(store.claims().listForUser(otherTenant, UserId.of("u-1"))).isEmpty();
  }

  @Test
  void trainingRecordsReplaceByTrainingAndListInTrainingOrder() {
    TrainingRecord first = TrainingRecord.builder().user(UserId.of("u-1")).training(TrainingId.of("intro"))
        .completedAt(T0).build();
    TrainingRecord cert = TrainingRecord.builder().user(UserId.of("u-1")).training(TrainingId.of("cert"))
        .completedAt(T0).expiresAt(T0.plus(Duration.ofDays(90))).build();
    TrainingRecord redone = TrainingRecord.builder().from(first).completedAt(T0.plusSeconds(1)).build();
    store.training().save(tenant, first);
    store.training().save(tenant, cert);
    store.training().save(tenant, redone);

    assertThat(store.training().listForUser(tenant, UserId.of("u-1"))).containsExactly(cert, redone);
  }

  @Test
  void auditEntriesComeBackInAppendOrderFilteredAndLimited() {
    AuditEntry registered = audit("a-3", T0, ChangeType.USER_REGISTERED, Optional.of(UserId.of("u-1")));
    AuditEntry assigned = AuditEntry.builder().from(audit("a-1", T0.plusSeconds(1), ChangeType.CLAIM_ASSIGNED,
        Optional.of(UserId.of("u-1")))).before("{\"status\":null}").after("{\"status\":\"PENDING\"}").reason("role").build();
    AuditEntry pool = audit("a-2", T0.plusSeconds(2), ChangeType.POOL_ADDED, Optional.empty());
    store.audit().append(tenant, List.of(registered, assigned));
    store.audit().append(tenant, List.of(pool));
    store.audit().append(otherTenant, List.of(audit("x", T0, ChangeType.POOL_ADDED, Optional.empty())));

    assertThat(store.audit().query(tenant, AuditQuery.all())).containsExactly(registered, assigned, pool);
    assertThat(store.audit().query(tenant, AuditQuery.builder().user(UserId.of("u-1")).build()))
        .containsExactly(registered, assigned);
    assertThat(store.audit().query(tenant, AuditQuery.builder().addActions(ChangeType.POOL_ADDED, ChangeType.CLAIM_ASSIGNED)
        .from(T0.plusSeconds(1)).to(T0.plusSeconds(2)).build())).containsExactly(assigned);
    assertThat(store.audit().query(tenant, AuditQuery.builder().subjectId("subject-a-2").build())).containsExactly(pool);
    assertThat(store.audit().query(tenant, AuditQuery.builder().limit(2).build())).containsExactly(registered, assigned);
  }

  private static AuditEntry audit(String id, Instant at, ChangeType action, Optional<UserId> user) {
    return AuditEntry.builder().id(id).at(at).actor(ADMIN).action(action).subjectType("thing")
        .subjectId("subject-" + id).user(user).build();
  }

  @Test
  void settingsAreTheDefaultsUntilPut() {
    TenantSettings changed = TenantSettings.builder().suspendedUsersKeepSeats(false).claimOnFirstAccess(true).build();

    assertThat(store.settings().get(tenant)).isEqualTo(TenantSettings.defaults());
    store.settings().put(tenant, changed);
    store.settings().put(tenant, changed);
    assertThat(store.settings().get(tenant)).isEqualTo(changed);
    assertThat(store.settings().get(otherTenant)).isEqualTo(TenantSettings.defaults());
  }
}
