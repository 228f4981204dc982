package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.UserCriteria;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.MutableClock;
import org.licensekit.testkit.bulk.BulkTestSupport;

/**
 * What the tests of bulk chunks that overlap on PostgreSQL share: one fresh database per test
 * class, a pool of eight connections behind {@link CommitHooks}, three stores on it (chunks
 * overlapping, onboarding included; one after the other; the defaults), tenants to run on, and
 * comparisons of what two tenants hold.
 */
final class OverlappedChunksFixture implements AutoCloseable {

  static final UserCriteria EVERYONE = new UserCriteria(Optional.empty(),
      Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty());

  static final Term YEAR = Term.of(LicensingTestSupport.START.minusSeconds(86_400),
      LicensingTestSupport.START.plusSeconds(86_400 * 300L));

  /**
   * How the store locks a page of accounts (the hold pass), reads accounts without locking them,
   * and reads a page of users' memberships with their roles (each chunk).
   */
  static final String LOCK_USERS = "SELECT x.* FROM unnest(?::varchar[]) WITH ORDINALITY";
  static final String READ_USERS = "SELECT x.* FROM unnest(?::varchar[]) AS k(id)";
  static final String READ_MEMBERSHIPS = "SELECT m.user_id, m.organization_id, m.role_id FROM unnest(?::varchar[]) AS u(id)";

  final PostgresTestDatabase database;
  final DataSource pool;
  final CommitHooks hooks;
  final JdbcLicenseStore overlapping;
  final JdbcLicenseStore oneAfterTheOther;
  /** Built with the defaults: bulk actions overlap, onboarding does not. */
  final JdbcLicenseStore byDefault;

  private OverlappedChunksFixture(PostgresTestDatabase database, DataSource pool) {
    this.database = database;
    this.pool = pool;
    this.hooks = new CommitHooks(pool);
    this.overlapping = JdbcLicenseStore.builder(hooks).overlapBulkRegistrations(true).build();
    this.oneAfterTheOther = JdbcLicenseStore.builder(hooks).migrate(false).overlapBulkChunks(false).build();
    this.byDefault = JdbcLicenseStore.builder(hooks).migrate(false).build();
  }

  /** A fresh database, its pool of eight connections, the hooks on them and the three stores. */
  static OverlappedChunksFixture start() {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    return new OverlappedChunksFixture(database, SharedStores.pooled(database, 8));
  }

  @Override
  public void close() {
    if (pool instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A tenant with seats enough for every new user of {@link #newUsers}, so that no chunk queues anyone (which settles it alone). */
  static TenantRun seatedTenant(JdbcLicenseStore store, String name) {
    TenantRun run = tenant(store, name);
    run.admin.pools().add(NewPool.builder().id(PoolId.of("obs-a")).product(LicensingTestSupport.OBSERVATION).seats(500).term(YEAR)
        .build());
    run.admin.pools().add(NewPool.builder().id(PoolId.of("coach")).product(LicensingTestSupport.COACHING).seats(500).term(YEAR)
        .build());
    return run;
  }

  static List<NewUser> newUsers(int count) {
    List<NewUser> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("joiner-%03d", i);
      users.add(NewUser.builder().id(UserId.of(id)).name("Joiner " + i).email(id + "@example.org").jobProfile(DefaultCatalog.TEACHER)
          .addOrganizations(BulkTestSupport.NORTH).build());
    }
    return users;
  }

  /**
   * A tenant of {@code users} users of North High (some suspended, some holding a claim of
   * observation already) and two observation pools and one coaching pool too small for all of
   * them, so that seats run out in the middle of the run.
   */
  static TenantRun grantRun(JdbcLicenseStore store, String name, Random random, int users) {
    TenantRun run = tenant(store, name);
    run.admin.pools().add(NewPool.builder().id(PoolId.of("obs-a")).product(LicensingTestSupport.OBSERVATION)
        .seats(1 + random.nextInt(users)).term(YEAR).build());
    run.admin.pools().add(NewPool.builder().id(PoolId.of("obs-b")).product(LicensingTestSupport.OBSERVATION)
        .seats(1 + random.nextInt(users / 2 + 1)).term(Term.of(YEAR.start(), YEAR.end().plusSeconds(86_400))).build());
    run.admin.pools().add(NewPool.builder().id(PoolId.of("coach")).product(LicensingTestSupport.COACHING)
        .seats(1 + random.nextInt(users)).term(YEAR).build());
    for (int i = 0; i < users; i++) {
      UserId user = UserId.of(String.format("u-%03d", i));
      run.admin.users().register(NewUser.builder().id(user).name("User " + i).email(user.value() + "@example.org")
          .addOrganizations(BulkTestSupport.NORTH).invite(false).build());
      int kind = random.nextInt(10);
      if (kind != 0) {
        run.admin.users().activate(user);
      }
      if (kind == 1) {
        run.admin.users().suspend(user, "leave");
      } else if (kind == 2) {
        run.admin.assignments().assignProduct(user, LicensingTestSupport.OBSERVATION, "early");
      }
    }
    return run;
  }

  static TenantRun tenant(JdbcLicenseStore store, String name) {
    Licensing licensing = Licensing.builder().store(store).clock(new MutableClock(LicensingTestSupport.START)).build();
    TenantId id = TenantId.of("overlap-" + name);
    ActorSession admin = licensing.tenant(id).as(Actor.systemAdministrator("admin-1"));
    LicensingTestSupport.defineStandardCatalog(admin);
    return new TenantRun(store, id, admin);
  }

  /** Fails naming each record (a user's account, memberships, claims; a pool; the audit trail) the two tenants hold differently. */
  static void assertSameState(TenantRun overlapped, TenantRun alone, String context) {
    Map<String, Object> mine = overlapped.state();
    Map<String, Object> theirs = alone.state();
    List<String> differences = new ArrayList<>();
    new java.util.TreeSet<>(java.util.stream.Stream.concat(mine.keySet().stream(), theirs.keySet().stream()).toList()).forEach(key -> {
      if (!java.util.Objects.equals(mine.get(key), theirs.get(key))) {
        differences.add(key + ": overlapped " + mine.get(key) + ", one after the other " + theirs.get(key));
      }
    });
    assertThat(differences).as(context).isEmpty();
  }

  /**
   * One tenant of one store, and what it holds after a run, comparable across tenants: the audit
   * trail in chain order, without the ids drawn at random (a claim's, a run's without a key).
   */
  record TenantRun(JdbcLicenseStore store, TenantId tenant, ActorSession admin) {
    Map<String, Object> state() {
      Map<String, Object> state = new TreeMap<>();
      for (String id : store.userQueries().findUserIds(tenant, EVERYONE, Optional.empty(), 10_000)
          .stream().map(UserId::value).toList()) {
        UserId user = UserId.of(id);
        state.put(id + " account", store.directory().findUser(tenant, user).map(a -> List.of(a.status(), a.name(), a.email(),
            a.jobProfile())).orElseThrow());
        state.put(id + " memberships", store.directory().membershipsOf(tenant, user).toString());
        state.put(id + " claims", admin.claims().ofUser(user).stream()
            .map(claim -> claim.product() + "/" + claim.pool() + "/" + claim.status()).sorted().toList());
      }
      admin.pools().list().forEach(usage -> state.put("pool " + usage.pool().id().value(), usage.seatsInUse()));
      state.put("audit", store.audit().chain(tenant, 0, 100_000).stream().map(link -> {
        AuditEntry entry = link.entry();
        return entry.action() + " " + entry.subjectType() + " " + (Set.of("claim", "bulk").contains(entry.subjectType()) ? "" : entry.subjectId())
            + " " + entry.user().map(UserId::value).orElse("");
      }).toList());
      return state;
    }
  }

  /** Records what a bulk listener hears, comparably. */
  static final class Heard implements BulkListener {
    final List<UserOutcome> outcomes = new ArrayList<>();
    final List<List<Long>> progress = new ArrayList<>();

    @Override
    public void progress(long done, long total) {
      progress.add(List.of(done, total));
    }

    @Override
    public void outcome(UserOutcome outcome) {
      outcomes.add(outcome);
    }
  }
}
