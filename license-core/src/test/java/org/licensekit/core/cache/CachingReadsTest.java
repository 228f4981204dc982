package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.core.cache.CacheWorld.ANA;
import static org.licensekit.core.cache.CacheWorld.CY;
import static org.licensekit.core.cache.CacheWorld.OBSERVATION;
import static org.licensekit.core.cache.CacheWorld.POOL;

import java.time.Clock;
import java.time.ZoneOffset;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.Access;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.PoolStore;

/** Which reads the cache answers, which it never does, and that it answers only what was asked. */
class CachingReadsTest {

  private final RecordingStore recording = new RecordingStore();
  private final CachingLicenseStore cached = CachingLicenseStore.wrap(recording.store());
  private CacheWorld world;
  private TenantId tenant;

  @BeforeEach
  void writeTheWorld() {
    world = CacheWorld.writtenTo(recording.underlying());
    tenant = world.tenant;
  }

  static Stream<Arguments> cachedReads() {
    return Stream.of(
        read("directory.findUser", (s, t) -> s.directory().findUser(t, ANA)),
        read("directory.membershipsOf", (s, t) -> s.directory().membershipsOf(t, ANA)),
        read("directory.findOrganization", (s, t) -> s.directory().findOrganization(t, CacheWorld.LINCOLN_HIGH)),
        read("directory.listOrganizations", (s, t) -> s.directory().listOrganizations(t)),
        read("claims.findLive", (s, t) -> s.claims().findLive(t, ANA, OBSERVATION)),
        read("claims.listForUser", (s, t) -> s.claims().listForUser(t, ANA)),
        read("training.listForUser", (s, t) -> s.training().listForUser(t, ANA)),
        read("catalog.findProduct", (s, t) -> s.catalog().findProduct(t, OBSERVATION)),
        read("catalog.listProducts", (s, t) -> s.catalog().listProducts(t)),
        read("catalog.findRole", (s, t) -> s.catalog().findRole(t, CacheWorld.OBSERVER)),
        read("catalog.listRoles", (s, t) -> s.catalog().listRoles(t)),
        read("catalog.findJobProfile", (s, t) -> s.catalog().findJobProfile(t, JobProfileId.of("teacher"))),
        read("catalog.listJobProfiles", (s, t) -> s.catalog().listJobProfiles(t)),
        read("pools.find", (s, t) -> s.pools().find(t, POOL)),
        read("pools.listForProduct", (s, t) -> s.pools().listForProduct(t, OBSERVATION)),
        read("pools.list", (s, t) -> s.pools().list(t)),
        read("settings.get", (s, t) -> s.settings().get(t)));
  }

  static Stream<Arguments> uncachedReads() {
    return Stream.of(
        read("directory.listUsers", (s, t) -> s.directory().listUsers(t)),
        read("claims.find", (s, t) -> s.claims().find(t, ClaimId.of("claim-1"))),
        read("claims.listLiveForPool", (s, t) -> s.claims().listLiveForPool(t, POOL)));
  }

  private static Arguments read(String name, Read read) {
    return Arguments.of(name, read);
  }

  @FunctionalInterface
  interface Read {
    Object on(LicenseStore store, TenantId tenant);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cachedReads")
  void aCachedReadReachesTheWrappedStoreOnceAndThenAnswersTheSame(String name, Read read) {
    Object first = read.on(cached, tenant);
    Object second = read.on(cached, tenant);

    assertThat(second).isEqualTo(first).isEqualTo(read.on(recording.underlying(), tenant));
    assertThat(recording.calls(name)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uncachedReads")
  void readsOffTheAccessPathAlwaysReachTheWrappedStore(String name, Read read) {
    read.on(cached, tenant);
    read.on(cached, tenant);

    assertThat(recording.calls(name)).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cachedReads")
  void readsInsideATransactionAlwaysReachTheWrappedStore(String name, Read read) {
    read.on(cached, tenant);

    cached.transactions().inTransaction(() -> List.of(read.on(cached, tenant), read.on(cached, tenant)));

    assertThat(recording.calls(name)).isEqualTo(3);
  }

  @Test
  void anAbsentRecordIsCachedAsAbsentToo() {
    assertThat(cached.directory().findUser(tenant, CY)).isEmpty();
    assertThat(cached.directory().findUser(tenant, CY)).isEmpty();

    assertThat(recording.calls("directory.findUser")).isEqualTo(1);
  }

  @Test
  void oneUsersSnapshotNeverAnswersForAnotherUserOrTenant() {
    cached.directory().findUser(tenant, ANA);

    assertThat(cached.directory().findUser(tenant, CacheWorld.BO)).map(u -> u.id()).contains(CacheWorld.BO);
    assertThat(cached.directory().findUser(TenantId.of("other-" + tenant.value()), ANA)).isEmpty();
    assertThat(recording.calls("directory.findUser")).isEqualTo(3);
  }

  @Test
  void theLiveClaimIsCachedPerProduct() {
    assertThat(cached.claims().findLive(tenant, ANA, OBSERVATION)).isPresent();
    assertThat(cached.claims().findLive(tenant, ANA, CacheWorld.COACHING)).isEmpty();

    assertThat(recording.calls("claims.findLive")).isEqualTo(2);
  }

  @Test
  void cachedListsCannotBeChangedByTheirReader() {
    List<?> memberships = cached.directory().membershipsOf(tenant, ANA);

    assertThatThrownBy(memberships::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThat(cached.directory().membershipsOf(tenant, ANA)).hasSize(1);
  }

  @Test
  void portsTheCacheDoesNotReadAreTheWrappedStoresOwn() {
    LicenseStore wrapped = recording.store();

    assertThat(cached.audit()).isSameAs(wrapped.audit());
    assertThat(cached.userQueries()).isSameAs(wrapped.userQueries());
    assertThat(cached.claimQueries()).isSameAs(wrapped.claimQueries());
    assertThat(cached.idempotency()).isSameAs(wrapped.idempotency());
    assertThat(cached.notificationLog()).isSameAs(wrapped.notificationLog());
    assertThat(cached.reports()).isSameAs(wrapped.reports());
    assertThat(cached.usage()).isSameAs(wrapped.usage());
  }

  @Test
  void aRepeatedAccessCheckCostsTheWrappedStoreNothing() {
    Licensing licensing = Licensing.builder().store(cached).clock(Clock.fixed(CacheWorld.NOW, ZoneOffset.UTC)).build();
    Supplier<AccessDecision> check = () -> licensing.tenant(tenant).access().check(ANA, OBSERVATION);
    AccessDecision first = check.get();
    int callsOfTheFirstCheck = recording.totalCalls();

    AccessDecision second = check.get();

    assertThat(callsOfTheFirstCheck).isPositive();
    assertThat(recording.totalCalls()).isEqualTo(callsOfTheFirstCheck);
    assertThat(second).isEqualTo(first);
  }

  @Test
  void anAccessCheckSeesAChangeMadeThroughTheSameStoreAtOnce() {
    Licensing licensing = Licensing.builder().store(cached).clock(Clock.fixed(CacheWorld.NOW, ZoneOffset.UTC)).build();
    Access access = licensing.tenant(tenant).access();
    assertThat(access.check(ANA, OBSERVATION).allowed()).isFalse();

    licensing.tenant(tenant).as(Actor.user(ANA)).claims().claim(ANA, OBSERVATION);

    assertThat(access.check(ANA, OBSERVATION).allowed()).isTrue();
    licensing.tenant(tenant).as(CacheWorld.ADMIN).users().suspend(ANA, "leave");
    assertThat(access.check(ANA, OBSERVATION).allowed()).isFalse();
    assertThat(cached.directory().findUser(tenant, ANA).orElseThrow().status()).isEqualTo(AccountStatus.SUSPENDED);
  }

  @Test
  void theSeatsAnAssignmentReadsComeFromTheWrappedStoresOwnReadEveryTime() {
    cached.pools().listForProduct(tenant, OBSERVATION);
    LicenseStore underlying = recording.underlying();
    PoolStore.ProductSeats expected = underlying.pools().listForAssignment(tenant, OBSERVATION, underlying.waitlist());

    PoolStore.ProductSeats outside = cached.pools().listForAssignment(tenant, OBSERVATION, cached.waitlist());
    PoolStore.ProductSeats inside = cached.transactions().inTransaction(
        () -> cached.pools().listForAssignment(tenant, OBSERVATION, cached.waitlist()));

    assertThat(outside).isEqualTo(expected);
    assertThat(inside).isEqualTo(expected);
    assertThat(recording.calls("pools.listForAssignment")).isEqualTo(2);
    assertThat(recording.calls("pools.listForProduct")).isEqualTo(1);
  }

  /**
   * A port's default method that a caching decorator does not override runs on the decorator: it
   * loses the wrapped store's own answer (one statement on PostgreSQL) and reads through the cache.
   */
  @Test
  void everyCachingStoreOverridesEveryDefaultMethodOfItsPort() throws Exception {
    List<String> missing = new ArrayList<>();
    for (String name : List.of("Catalog", "Claim", "Directory", "PersonalData", "Pool", "Reconciliation", "Settings", "Training")) {
      Class<?> decorator = Class.forName("org.licensekit.core.cache.Caching" + name + "Store");
      for (Class<?> port : decorator.getInterfaces()) {
        for (Method method : port.getMethods()) {
          if (method.isDefault() && !Modifier.isStatic(method.getModifiers())
              && !declares(decorator, method)) {
            missing.add(decorator.getSimpleName() + " does not override " + port.getSimpleName() + "." + method.getName());
          }
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  private static boolean declares(Class<?> type, Method method) {
    return Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.getName().equals(method.getName())
        && Arrays.equals(m.getParameterTypes(), method.getParameterTypes()));
  }
}
