package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.core.cache.CacheWorld.ANA;
import static org.licensekit.core.cache.CacheWorld.BO;
import static org.licensekit.core.cache.CacheWorld.COACHING;
import static org.licensekit.core.cache.CacheWorld.CY;
import static org.licensekit.core.cache.CacheWorld.LINCOLN_HIGH;
import static org.licensekit.core.cache.CacheWorld.NOW;
import static org.licensekit.core.cache.CacheWorld.OBSERVATION;
import static org.licensekit.core.cache.CacheWorld.OBSERVER;
import static org.licensekit.core.cache.CacheWorld.POOL;

import com.google.common.collect.ImmutableSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.TrainingRecord;
import org.licensekit.core.spi.LicenseStore;

/**
 * Each write invalidates exactly what it touches: after the write, the reads of that scope reach
 * the wrapped store again (and see the change), while every other cached read is still answered
 * from memory. Run once outside any transaction and once inside one.
 */
class CachingInvalidationTest {

  /** One cached read of each scope, by the scope it belongs to. */
  private static final Map<String, BiFunction<LicenseStore, TenantId, List<Object>>> READS = new LinkedHashMap<>();

  static {
    READS.put("ana", (s, t) -> List.of(
        s.directory().findUser(t, ANA),
        s.directory().membershipsOf(t, ANA),
        s.claims().findLive(t, ANA, OBSERVATION),
        s.claims().listForUser(t, ANA),
        s.training().listForUser(t, ANA)));
    READS.put("bo", (s, t) -> List.of(s.directory().findUser(t, BO)));
    READS.put("cy", (s, t) -> List.of(s.directory().findUser(t, CY)));
    READS.put("catalog", (s, t) -> List.of(s.catalog().listRoles(t), s.catalog().findProduct(t, OBSERVATION)));
    READS.put("organizations", (s, t) -> List.of(s.directory().listOrganizations(t)));
    READS.put("pools", (s, t) -> List.of(s.pools().find(t, POOL), s.pools().listForProduct(t, OBSERVATION)));
    READS.put("settings", (s, t) -> List.of(s.settings().get(t)));
  }

  private final RecordingStore recording = new RecordingStore();
  private final CachingLicenseStore cached = CachingLicenseStore.wrap(recording.store());
  private TenantId tenant;

  @BeforeEach
  void writeTheWorldAndReadEverything() {
    tenant = CacheWorld.writtenTo(recording.underlying()).tenant;
    READS.values().forEach(read -> read.apply(cached, tenant));
  }

  static Stream<Arguments> writes() {
    return Stream.of(
        write("directory.insertUser", "cy", (s, t) -> s.directory().insertUser(t, CacheWorld.user(CY, "Cy Diaz"))),
        write("directory.updateUser", "ana", (s, t) -> s.directory().updateUser(t, CacheWorld.user(ANA, "Ana Lopez-Ruiz"))),
        write("directory.saveMembership", "ana", (s, t) -> s.directory().saveMembership(t,
            Membership.of(ANA, OrganizationId.of("west"), Set.of(OBSERVER)))),
        write("directory.deleteMembership", "ana", (s, t) -> s.directory().deleteMembership(t, ANA, LINCOLN_HIGH)),
        write("directory.saveOrganization", "organizations", (s, t) -> s.directory().saveOrganization(t,
            Organization.root(OrganizationId.of("west"), "West"))),
        write("claims.insertIfNoLiveClaim", "ana", (s, t) -> s.claims().insertIfNoLiveClaim(t, CacheWorld.claim("claim-2", COACHING))),
        write("claims.insertTakingSeat", "ana,pools", (s, t) -> s.claims().insertTakingSeat(t, CacheWorld.claim("claim-2", COACHING),
            s.pools())),
        write("claims.compareAndSet", "ana", (s, t) -> s.claims().compareAndSet(t, ClaimStatus.PENDING,
            CacheWorld.activated(CacheWorld.claim("claim-1", OBSERVATION)))),
        write("training.save", "ana", (s, t) -> s.training().save(t,
            TrainingRecord.builder().user(ANA).training(TrainingId.of("safety")).completedAt(NOW).build())),
        write("catalog.saveProduct", "catalog", (s, t) -> s.catalog().saveProduct(t,
            Product.builder().id(OBSERVATION).name("Observation 2").type(ProductType.OBSERVATION_TOOL).build())),
        write("catalog.saveRole", "catalog", (s, t) -> s.catalog().saveRole(t,
            Role.builder().id(RoleId.of("PROCTOR")).name("Proctor").build())),
        write("catalog.saveJobProfile", "catalog", (s, t) -> s.catalog().saveJobProfile(t,
            JobProfile.of(JobProfileId.of("teacher"), "Teacher", Set.of(OBSERVER)))),
        write("pools.insert", "pools", (s, t) -> s.pools().insert(t, LicensePool.builder().from(pool()).id(
            PoolId.of("observation-2027")).build())),
        write("pools.updateDefinition", "pools", (s, t) -> s.pools().updateDefinition(t,
            LicensePool.builder().from(pool()).reference("PO-7").build())),
        write("pools.tryTakeSeat", "pools", (s, t) -> s.pools().tryTakeSeat(t, POOL)),
        write("pools.releaseSeat", "pools", (s, t) -> s.pools().releaseSeat(t, POOL)),
        write("pools.trySetSeats", "pools", (s, t) -> s.pools().trySetSeats(t, POOL, 12)),
        write("reconciliation.correctSeatsInUse", "pools", (s, t) -> s.reconciliation().correctSeatsInUse(t, POOL, 1, 2)),
        write("settings.put", "settings", (s, t) -> s.settings().put(t, TenantSettings.builder().claimOnFirstAccess(true).build())));
  }

  private static LicensePool pool() {
    return LicensePool.builder().id(POOL).product(OBSERVATION).seats(10)
        .term(Term.of(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(300)))).build();
  }

  private static Arguments write(String name, String touches, BiConsumer<LicenseStore, TenantId> write) {
    return Arguments.of(name, touches, write);
  }

  @ParameterizedTest(name = "{0} invalidates {1}")
  @MethodSource("writes")
  void aWriteOutsideATransactionInvalidatesOnlyWhatItTouches(String name, String touches, BiConsumer<LicenseStore, TenantId> write) {
    write.accept(cached, tenant);

    assertThat(scopesReadFromTheWrappedStore()).containsExactlyInAnyOrder(touches.split(","));
  }

  @ParameterizedTest(name = "{0} invalidates {1}")
  @MethodSource("writes")
  void aWriteInATransactionInvalidatesOnlyWhatItTouches(String name, String touches, BiConsumer<LicenseStore, TenantId> write) {
    cached.transactions().inTransaction(() -> {
      write.accept(cached, tenant);
      return null;
    });

    assertThat(scopesReadFromTheWrappedStore()).containsExactlyInAnyOrder(touches.split(","));
  }

  @ParameterizedTest(name = "{0} invalidates {1}")
  @MethodSource("writes")
  void afterAWriteTheCacheAnswersAsTheWrappedStoreDoes(String name, String touches, BiConsumer<LicenseStore, TenantId> write) {
    write.accept(cached, tenant);

    READS.forEach((scope, read) -> assertThat(read.apply(cached, tenant)).as(scope).isEqualTo(read.apply(recording.underlying(), tenant)));
  }

  /** Runs every read of every scope again and names the scopes that had to reach the wrapped store. */
  private Set<String> scopesReadFromTheWrappedStore() {
    ImmutableSet.Builder<String> missed = ImmutableSet.builder();
    READS.forEach((scope, read) -> {
      recording.resetCounts();
      read.apply(cached, tenant);
      if (recording.totalCalls() > 0) {
        missed.add(scope);
      }
    });
    return missed.build();
  }

}
