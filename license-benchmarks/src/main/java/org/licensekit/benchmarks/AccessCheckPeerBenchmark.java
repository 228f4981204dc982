package org.licensekit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.casbin.jcasbin.main.CachedEnforcer;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.cache.CacheSettings;
import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The access check against its peer in one run: "may user U use product P?" for a random one of
 * {@code users} (10,000) users, each holding the OBSERVABLE role that grants the product.
 * {@code licensekit}: {@code district.access().check(user, product)} on the in-memory store wrapped
 * in the caching store (it also checks the account, the claim and the prerequisites, as
 * DESIGN.md's rule 4 asks); {@code jcasbin}: jCasbin 1.81's {@code Enforcer.enforce(user, product)}
 * on an RBAC model with the same grouping (user → role) and policy (role → product), the peer the
 * issue names; {@code jcasbin-cached}: the same model behind jCasbin's {@code CachedEnforcer}, which
 * jCasbin documents as the enforcer that keeps decided requests in memory — the like-for-like peer
 * of a cached check. Single-threaded, so neither jCasbin checker is wrapped in its synchronized
 * variant (a lock per check would only slow the peer). Every checker answers every user once
 * before the warm-up, so the measured checks are warm on all three.
 *
 * <p>Throughput and, for p50 / p99 / p99.9, JMH's sampling mode. Beside the throughput,
 * {@code cpuNanosPerCheck}: the benchmark thread's CPU time per check, which other processes on a
 * busy machine do not inflate the way they inflate wall time (a secondary result, added up over the
 * iterations on the summary line: read the per-iteration lines, or run {@link AccessCheckPeerRatio},
 * which runs this benchmark over several forks with a collection before each iteration and prints
 * the ratios with their error).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AccessCheckPeerBenchmark {

  private static final String MODEL = String.join("\n",
      "[request_definition]", "r = sub, obj",
      "[policy_definition]", "p = sub, obj",
      "[role_definition]", "g = _, _",
      "[policy_effect]", "e = some(where (p.eft == allow))",
      "[matchers]", "m = g(r.sub, p.sub) && r.obj == p.obj");

  @Param({"licensekit", "jcasbin", "jcasbin-cached"})
  public String checker;

  @Param({"10000"})
  public int users;

  /**
   * LicenseKit's cache staleness bound: {@code PT5S} (the default: every kept decision is decided
   * again after 5 s, so about one check in {@code users / (ops/s × 5)} reads the store) or
   * {@code PT1H} (what a host with change signals between instances may choose: every check warm).
   * jCasbin ignores it (it runs once per value, a peer next to each).
   */
  @Param({"PT5S", "PT1H"})
  public String staleness;

  private UserId[] userIds;
  private String[] userNames;
  private TenantLicensing tenant;
  private Enforcer enforcer;

  @Setup(Level.Trial)
  public void setUp() {
    userIds = new UserId[users];
    userNames = new String[users];
    for (int i = 0; i < users; i++) {
      userNames[i] = "u" + i;
      userIds[i] = UserId.of(userNames[i]);
    }
    if (checker.startsWith("jcasbin")) {
      enforcer = jCasbin(checker.equals("jcasbin-cached"));
    } else {
      tenant = licenseKit();
    }
  }

  private Enforcer jCasbin(boolean cached) {
    Model model = new Model();
    model.loadModelFromText(MODEL);
    Enforcer peer = cached ? new CachedEnforcer(model) : new Enforcer(model);
    peer.addPolicy(DefaultCatalog.OBSERVABLE.value(), AccessCheckBenchmark.OBSERVATION.value());
    for (String user : userNames) {
      peer.addGroupingPolicy(user, DefaultCatalog.OBSERVABLE.value());
    }
    for (String user : userNames) {
      if (!peer.enforce(user, AccessCheckBenchmark.OBSERVATION.value())) {
        throw new IllegalStateException("jCasbin denies " + user + " the product its role grants");
      }
    }
    return peer;
  }

  private TenantLicensing licenseKit() {
    Licensing licensing = Licensing.builder()
        .store(CachingLicenseStore.wrap(InMemoryLicenseStore.create(),
            CacheSettings.custom().maximumStaleness(Duration.parse(staleness)).build())).build();
    TenantLicensing district = licensing.tenant(TenantId.of("bench"));
    ActorSession admin = district.as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(AccessCheckBenchmark.OBSERVATION).name("Observation")
        .type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(AccessCheckBenchmark.OBSERVATION)));
    OrganizationId school = OrganizationId.of("school");
    admin.users().defineOrganization(Organization.root(school, "School"));
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().product(AccessCheckBenchmark.OBSERVATION).seats(users)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    for (UserId user : userIds) {
      admin.users().register(NewUser.builder().id(user).name("User " + user.value()).email(user.value() + "@example.org")
          .jobProfile(DefaultCatalog.TEACHER).addOrganizations(school).invite(false).build());
      admin.users().activate(user);
      district.as(Actor.user(user)).claims().claim(user, AccessCheckBenchmark.OBSERVATION);
    }
    // Every user checked once before the warm-up, so that on a slow (busy) machine the first
    // decision of each user does not spill into the measured iterations.
    for (UserId user : userIds) {
      if (!district.access().check(user, AccessCheckBenchmark.OBSERVATION).allowed()) {
        throw new IllegalStateException("LicenseKit denies " + user + " the product its role grants");
      }
    }
    return district;
  }

  /** The benchmark thread's CPU time per check over an iteration (throughput mode). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuAtStart;
    private long checks;
    public double cpuNanosPerCheck;

    @Setup(Level.Iteration)
    public void start() {
      checks = 0;
      cpuNanosPerCheck = 0;
      cpuAtStart = threads.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      cpuNanosPerCheck = checks == 0 ? 0 : (threads.getCurrentThreadCpuTime() - cpuAtStart) / (double) checks;
    }
  }

  @Benchmark
  public boolean check(CpuTime cpu) {
    cpu.checks++;
    int i = ThreadLocalRandom.current().nextInt(users);
    if (enforcer != null) {
      return enforcer.enforce(userNames[i], AccessCheckBenchmark.OBSERVATION.value());
    }
    return tenant.access().check(userIds[i], AccessCheckBenchmark.OBSERVATION).allowed();
  }
}
