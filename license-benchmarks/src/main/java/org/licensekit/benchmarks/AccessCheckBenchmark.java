package org.licensekit.benchmarks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.cache.CacheSettings;
import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.jdbc.JdbcLicenseStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hot path: "may user U use product P now?" for a random one of {@code users} active users
 * holding an active claim, on the in-memory store and on embedded H2, each bare and wrapped in a
 * {@link CachingLicenseStore} ({@code cached-memory}, {@code cached-h2}; default settings, so after
 * the first check per user the answer comes from memory until the 5-second staleness lapses).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessCheckBenchmark {

  static final ProductId OBSERVATION = ProductId.of("observation");
  private static final String CACHED = "cached-";

  @Param({"memory", "h2", "cached-memory", "cached-h2"})
  public String store;

  @Param({"1000"})
  public int users;

  private TenantLicensing tenant;

  @Setup(Level.Trial)
  public void setUp() {
    Licensing licensing = Licensing.builder().store(createStore()).build();
    tenant = licensing.tenant(TenantId.of("bench"));
    ActorSession admin = tenant.as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION)));
    OrganizationId school = OrganizationId.of("school");
    admin.users().defineOrganization(Organization.root(school, "School"));
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().product(OBSERVATION).seats(users)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    for (int i = 0; i < users; i++) {
      UserId user = UserId.of("u" + i);
      admin.users().register(NewUser.builder().id(user).name("User " + i).email("u" + i + "@example.org")
          .jobProfile(DefaultCatalog.TEACHER).addOrganizations(school).invite(false).build());
      admin.users().activate(user);
      tenant.as(Actor.user(user)).claims().claim(user, OBSERVATION);
    }
  }

  private LicenseStore createStore() {
    String bare = store.startsWith(CACHED) ? store.substring(CACHED.length()) : store;
    LicenseStore created = createBareStore(bare);
    return store.startsWith(CACHED) ? CachingLicenseStore.wrap(created, CacheSettings.ofDefaults()) : created;
  }

  private static LicenseStore createBareStore(String store) {
    if (store.equals("memory")) {
      return InMemoryLicenseStore.create();
    }
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:bench-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return JdbcLicenseStore.builder(dataSource).build();
  }

  @Benchmark
  public AccessDecision check() {
    UserId user = UserId.of("u" + ThreadLocalRandom.current().nextInt(users));
    return tenant.access().check(user, OBSERVATION);
  }
}
