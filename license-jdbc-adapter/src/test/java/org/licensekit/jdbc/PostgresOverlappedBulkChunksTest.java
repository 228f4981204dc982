package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.MutableClock;
import org.licensekit.testkit.bulk.BulkTestSupport;

/**
 * Best-effort bulk chunks that overlap on PostgreSQL (the next chunk begins while the one before it
 * commits) give exactly what the chunks give one after the other: on seeded random tenants whose
 * pools run out in the middle of the run, for grants and for onboarding (with ids repeated across
 * chunks), when the database fails a chunk's commit so that the store runs it again, and with the
 * audit chain intact. The chunks really overlap: with every commit slowed down, two chunks'
 * connections are open at once, and never with the overlap turned off, nor for bulk onboarding
 * unless {@code overlapBulkRegistrations} turns it on. An all-or-nothing run that fails in the
 * middle (a statement of its third chunk) writes nothing at all, and one whose later chunk finds
 * the seats it counted of a pool no earlier chunk took from gone to another user meanwhile fails
 * whole ({@code SEATS_TAKEN_CONCURRENTLY}).
 */
class PostgresOverlappedBulkChunksTest {

  private static final org.licensekit.core.spi.UserCriteria EVERYONE = new org.licensekit.core.spi.UserCriteria(Optional.empty(),
      Optional.empty(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
  private static final Term YEAR = Term.of(LicensingTestSupport.START.minusSeconds(86_400),
      LicensingTestSupport.START.plusSeconds(86_400 * 300L));

  /** How the store locks a page of accounts (the hold pass), and how it reads accounts it holds (each chunk). */
  private static final String LOCK_USERS = "SELECT x.* FROM unnest(?::varchar[]) WITH ORDINALITY";
  private static final String READ_USERS = "SELECT x.* FROM unnest(?::varchar[]) AS k(id)";

  private static PostgresTestDatabase database;
  private static DataSource pool;
  private static CommitHooks hooks;
  private static JdbcLicenseStore overlapping;
  private static JdbcLicenseStore oneAfterTheOther;
  /** Built with the defaults: bulk actions overlap, onboarding does not. */
  private static JdbcLicenseStore byDefault;

  @BeforeAll
  static void startStores() {
    database = PostgresTestDatabase.create();
    pool = SharedStores.pooled(database, 8);
    hooks = new CommitHooks(pool);
    overlapping = JdbcLicenseStore.builder(hooks).overlapBulkRegistrations(true).build();
    oneAfterTheOther = JdbcLicenseStore.builder(hooks).migrate(false).overlapBulkChunks(false).build();
    byDefault = JdbcLicenseStore.builder(hooks).migrate(false).build();
  }

  @AfterAll
  static void closePool() {
    if (pool instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Test
  void theStoreSaysChunksMayOverlapOnPostgresqlUnlessTurnedOff() {
    assertThat(overlapping.transactions().overlapsBulkChunks()).isTrue();
    assertThat(oneAfterTheOther.transactions().overlapsBulkChunks()).isFalse();
  }

  @Test
  void onboardingOverlapsOnlyWhenTurnedOnAsWell() {
    assertThat(byDefault.transactions().overlapsBulkChunks()).isTrue();
    assertThat(byDefault.transactions().overlapsBulkRegistrations()).isFalse();
    assertThat(overlapping.transactions().overlapsBulkRegistrations()).isTrue();
    assertThat(JdbcLicenseStore.builder(hooks).migrate(false).overlapBulkChunks(false).overlapBulkRegistrations(true).build()
        .transactions().overlapsBulkRegistrations()).as("onboarding never overlaps when chunks may not").isFalse();
  }

  @Test
  void byDefaultOnboardingChunksRunOneAfterTheOtherWhileGrantsOverlap() {
    TenantRun grants = grantRun(byDefault, "default-grant", new Random(11), 30);
    BulkRequest request = BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVER))).mode(BulkMode.BEST_EFFORT)
        .reason("term start").chunkSize(5).build();
    List<NewUser> input = newUsers(30);
    BulkRegistration registration = BulkRegistration.of(input).mode(BulkMode.BEST_EFFORT).chunkSize(5).build();

    TenantRun onboarding = seatedTenant(byDefault, "default-onboarding");
    TenantRun turnedOn = seatedTenant(overlapping, "onboarding-turned-on");

    int grantMost = hooks.slowCommits(() -> grants.admin.bulk().run(request));
    int onboardingMost = hooks.slowCommits(() -> onboarding.admin.bulk().register(registration));
    int turnedOnMost = hooks.slowCommits(() -> turnedOn.admin.bulk().register(registration));

    assertThat(grantMost).as("connections open at once, a bulk grant by default").isGreaterThanOrEqualTo(2);
    assertThat(onboardingMost).as("connections open at once, bulk onboarding by default").isEqualTo(1);
    assertThat(turnedOnMost).as("connections open at once, bulk onboarding with overlapBulkRegistrations(true)")
        .isGreaterThanOrEqualTo(2);
  }

  /** A tenant with seats enough for every new user of {@link #newUsers}, so that no chunk queues anyone (which settles it alone). */
  private static TenantRun seatedTenant(JdbcLicenseStore store, String name) {
    TenantRun run = tenant(store, name);
    run.admin.pools().add(NewPool.builder().id(PoolId.of("obs-a")).product(LicensingTestSupport.OBSERVATION).seats(500).term(YEAR)
        .build());
    run.admin.pools().add(NewPool.builder().id(PoolId.of("coach")).product(LicensingTestSupport.COACHING).seats(500).term(YEAR)
        .build());
    return run;
  }

  private static List<NewUser> newUsers(int count) {
    List<NewUser> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format("joiner-%03d", i);
      users.add(NewUser.builder().id(UserId.of(id)).name("Joiner " + i).email(id + "@example.org").jobProfile(DefaultCatalog.TEACHER)
          .addOrganizations(BulkTestSupport.NORTH).build());
    }
    return users;
  }

  @Test
  void theNextChunkBeginsWhileTheOneBeforeCommits() {
    TenantRun overlapped = grantRun(overlapping, "side-by-side", new Random(7), 30);
    TenantRun alone = grantRun(oneAfterTheOther, "one-by-one", new Random(7), 30);
    BulkRequest request = BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVER))).mode(BulkMode.BEST_EFFORT)
        .reason("term start").chunkSize(5).build();

    int overlappedMost = hooks.slowCommits(() -> overlapped.admin.bulk().run(request));
    int aloneMost = hooks.slowCommits(() -> alone.admin.bulk().run(request));

    assertThat(overlappedMost).as("connections open at once while chunks overlap").isGreaterThanOrEqualTo(2);
    assertThat(aloneMost).as("connections open at once, chunks one after the other").isEqualTo(1);
    assertSameState(overlapped, alone, "slow commits");
  }

  @Test
  void overlappedGrantsGiveTheOutcomesOfChunksOneAfterTheOtherOnSeededRandomTenants() {
    long base = Long.getLong("licensekit.seed", new Random().nextLong());
    for (int round = 0; round < 4; round++) {
      long seed = base + round;
      try {
        compareGrant(seed, false);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("overlapped chunks differ; rerun with -Dlicensekit.seed=" + seed + ": " + failure.getMessage(), failure);
      }
    }
  }

  @Test
  void aChunkWhoseCommitFailsIsRunAgainAndTheChunkBesideItAfterIt() {
    long base = Long.getLong("licensekit.seed", new Random().nextLong());
    for (int round = 0; round < 3; round++) {
      long seed = base + round;
      try {
        compareGrant(seed, true);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("overlapped chunks differ after a failed commit; rerun with -Dlicensekit.seed=" + seed + ": "
            + failure.getMessage(), failure);
      }
    }
  }

  @Test
  void overlappedOnboardingGivesTheOutcomesOfChunksOneAfterTheOtherOnSeededRandomInput() {
    long base = Long.getLong("licensekit.seed", new Random().nextLong());
    for (int round = 0; round < 4; round++) {
      long seed = base + round;
      try {
        compareRegistration(seed);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("overlapped onboarding differs; rerun with -Dlicensekit.seed=" + seed + ": " + failure.getMessage(),
            failure);
      }
    }
  }

  @Test
  void anAllOrNothingGrantThatFailsInItsThirdChunkWritesNothing() {
    TenantRun run = seatedTenant(overlapping, "aon-fails");
    assertThat(run.admin.bulk().register(BulkRegistration.of(newUsers(30)).mode(BulkMode.BEST_EFFORT).build()).done()).isEqualTo(30);
    Map<String, Object> before = run.state();
    BulkRequest request = BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVER))).mode(BulkMode.ALL_OR_NOTHING)
        .reason("term start").chunkSize(5).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> hooks.failOneStatement("INSERT INTO lk_membership_roles", 3,
        () -> run.admin.bulk().run(request))).isInstanceOf(org.licensekit.core.LicensingException.class);

    assertThat(run.state()).as("after a failure in the third of six chunks").isEqualTo(before);
    assertThat(run.admin.audit().verify().intact()).isTrue();
    BulkResult again = run.admin.bulk().run(request);
    assertThat(again.done()).as("the same run without the failure: " + again).isEqualTo(30);
    assertThat(run.state()).as("the run without the failure writes").isNotEqualTo(before);
  }

  @Test
  void anAllOrNothingOnboardingThatFailsInItsThirdChunkWritesNothing() {
    TenantRun run = seatedTenant(overlapping, "aon-onboarding-fails");
    Map<String, Object> before = run.state();
    BulkRegistration registration = BulkRegistration.of(newUsers(30)).mode(BulkMode.ALL_OR_NOTHING).chunkSize(5).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> hooks.failOneStatement("SELECT set_config('licensekit.members_of_new_accounts', 'on'", 3,
        () -> run.admin.bulk().register(registration))).isInstanceOf(org.licensekit.core.LicensingException.class);

    assertThat(run.state()).as("after a failure in the third of six chunks").isEqualTo(before);
    assertThat(run.admin.audit().verify().intact()).isTrue();
    assertThat(run.admin.bulk().register(registration).done()).as("the same run without the failure").isEqualTo(30);
  }

  /**
   * An all-or-nothing grant decides each chunk while the one before it is written: a statement
   * failed in the first chunk (decided alone), in a middle one (read while the one before waits to
   * be written), in the last (written when the pages ran out), or in the hold pass, fails the run
   * and leaves every record as it was. (The teachers hold observation already: the grant writes
   * role rows and takes no seats.)
   */
  @Test
  void anAllOrNothingGrantThatFailsInAnyChunkOrStatementWritesNothing() {
    TenantRun run = seatedTenant(overlapping, "aon-fails-anywhere");
    assertThat(run.admin.bulk().register(BulkRegistration.of(newUsers(30)).mode(BulkMode.BEST_EFFORT).build()).done()).isEqualTo(30);
    Map<String, Object> before = run.state();
    BulkRequest request = BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVER))).mode(BulkMode.ALL_OR_NOTHING)
        .reason("term start").chunkSize(5).build();
    // six pages: the hold pass locks them (six locking reads), then each chunk reads its held users (six plain reads)
    Map<String, List<Integer>> failures = new java.util.LinkedHashMap<>();
    failures.put("INSERT INTO lk_membership_roles", List.of(1, 2, 6));
    failures.put(LOCK_USERS, List.of(3, 6));
    failures.put(READ_USERS, List.of(1, 3, 6));

    failures.forEach((statement, ordinals) -> ordinals.forEach(n -> {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> hooks.failOneStatement(statement, n,
          () -> run.admin.bulk().run(request))).as(statement + " #" + n).isInstanceOf(org.licensekit.core.LicensingException.class);
      assertThat(run.state()).as("after failing " + statement + " #" + n).isEqualTo(before);
    }));
    assertThat(run.admin.audit().verify().intact()).isTrue();
    BulkResult again = run.admin.bulk().run(request);
    assertThat(again.done()).as("the same run without a failure: " + again).isEqualTo(30);
  }

  /**
   * An all-or-nothing grant's third chunk takes its seats from a pool of South Middle the first two
   * never take from, which has exactly the seats it needs; the first chunk read that pool's count
   * (every observation pool), and the later chunks are decided from the counts carried over. While
   * the first chunk writes its role rows, another user, outside the selection and served by that
   * pool only, takes one of its seats and commits: the third chunk's seat change finds the seats
   * gone and fails the run, whole ({@code SEATS_TAKEN_CONCURRENTLY}), rather than over-allocating
   * the pool; only the other user's assignment stays.
   */
  @Test
  void anAllOrNothingGrantFailsWholeWhenAnotherTakesASeatOfAPoolItHadNotTouched() {
    TenantRun run = laterPoolRun("aon-seat-taken", 5);
    Map<String, Object> before = run.state();
    List<Map<String, Object>> meanwhile = new ArrayList<>();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> hooks.whenPrepared("INSERT INTO lk_membership_roles", 1, () -> {
      assertThat(run.admin.assignments().assignProduct(OUTSIDER, LicensingTestSupport.OBSERVATION, "meanwhile").complete())
          .as("the outsider's seat").isTrue();
      meanwhile.add(run.state());
    }, () -> run.admin.bulk().run(laterPoolGrant())))
        .isInstanceOfSatisfying(org.licensekit.core.LicensingException.class, e -> assertThat(e.code())
            .as(e.getMessage()).isEqualTo(org.licensekit.core.ErrorCode.SEATS_TAKEN_CONCURRENTLY.name()));

    Map<String, Object> after = run.state();
    assertThat(after).as("the run wrote nothing; what stays is the outsider's assignment").isEqualTo(meanwhile.get(0));
    Map<String, Object> expected = new TreeMap<>(before);
    expected.put(OUTSIDER.value() + " claims", List.of(LicensingTestSupport.OBSERVATION + "/later/PENDING"));
    expected.put("pool later", 1);
    expected.put("audit", after.get("audit"));
    assertThat(after).as("the state before the run and the outsider's assignment").isEqualTo(expected);
    @SuppressWarnings("unchecked")
    List<String> audit = (List<String>) after.get("audit");
    @SuppressWarnings("unchecked")
    List<String> auditBefore = (List<String>) before.get("audit");
    assertThat(audit.subList(0, auditBefore.size())).isEqualTo(auditBefore);
    assertThat(audit.subList(auditBefore.size(), audit.size())).as("entries after the run began").isNotEmpty()
        .allSatisfy(entry -> assertThat(entry).endsWith(" " + OUTSIDER.value()));
    assertThat(run.admin.audit().verify().intact()).isTrue();
    assertNeverOverAllocated(run);
  }

  /** The same run and the same seat taken meanwhile, with one seat to spare: the run completes and fills the pool. */
  @Test
  void anAllOrNothingGrantCompletesWhenAnotherTakesASpareSeatOfAPoolItHadNotTouched() {
    TenantRun run = laterPoolRun("aon-seat-spare", 6);
    BulkResult[] result = new BulkResult[1];

    hooks.whenPrepared("INSERT INTO lk_membership_roles", 1,
        () -> assertThat(run.admin.assignments().assignProduct(OUTSIDER, LicensingTestSupport.OBSERVATION, "meanwhile").complete())
            .as("the outsider's seat").isTrue(),
        () -> result[0] = run.admin.bulk().run(laterPoolGrant()));

    assertThat(result[0].status()).as(result[0].toString()).isEqualTo(BulkResult.Status.COMPLETED);
    assertThat(result[0].done()).as(result[0].toString()).isEqualTo(15);
    Map<String, Object> after = run.state();
    assertThat(after.get("pool early")).isEqualTo(10);
    assertThat(after.get("pool later")).isEqualTo(6);
    assertThat(after.get(OUTSIDER.value() + " claims")).isEqualTo(List.of(LicensingTestSupport.OBSERVATION + "/later/PENDING"));
    assertThat(run.admin.audit().verify().intact()).isTrue();
    assertNeverOverAllocated(run);
  }

  private static final UserId OUTSIDER = UserId.of("outsider");

  /**
   * Fifteen active users of North High, the last five of South Middle as well, and an outsider of
   * South Middle only; a pool of North High with seats for the first ten (its term ends first) and
   * one of South Middle with {@code laterSeats} seats, the only one serving the outsider.
   */
  private static TenantRun laterPoolRun(String name, int laterSeats) {
    TenantRun run = tenant(overlapping, name);
    run.admin.pools().add(NewPool.builder().id(PoolId.of("early")).product(LicensingTestSupport.OBSERVATION).seats(10)
        .scope(BulkTestSupport.NORTH).term(YEAR).build());
    run.admin.pools().add(NewPool.builder().id(PoolId.of("later")).product(LicensingTestSupport.OBSERVATION).seats(laterSeats)
        .scope(BulkTestSupport.SOUTH).term(Term.of(YEAR.start(), YEAR.end().plusSeconds(86_400))).build());
    for (int i = 0; i < 15; i++) {
      UserId user = UserId.of(String.format("u-%02d", i));
      var account = NewUser.builder().id(user).name("User " + i).email(user.value() + "@example.org")
          .addOrganizations(BulkTestSupport.NORTH).invite(false);
      if (i >= 10) {
        account.addOrganizations(BulkTestSupport.SOUTH);
      }
      run.admin.users().register(account.build());
      run.admin.users().activate(user);
    }
    run.admin.users().register(NewUser.builder().id(OUTSIDER).name("Outsider").email("outsider@example.org")
        .addOrganizations(BulkTestSupport.SOUTH).invite(false).build());
    run.admin.users().activate(OUTSIDER);
    return run;
  }

  /** Observer of North High for every user of North High, all or nothing, five users a chunk. */
  private static BulkRequest laterPoolGrant() {
    return BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVER))).mode(BulkMode.ALL_OR_NOTHING)
        .reason("term start").chunkSize(5).build();
  }

  /** Each pool's seats in use are within its seats and are its live claims, counted. */
  private static void assertNeverOverAllocated(TenantRun run) {
    Map<String, Object> state = run.state();
    run.admin.pools().list().forEach(usage -> {
      String pool = usage.pool().id().value();
      assertThat(usage.seatsInUse()).as("seats in use of " + pool).isLessThanOrEqualTo(usage.pool().seats());
      long claims = state.entrySet().stream().filter(entry -> entry.getKey().endsWith(" claims"))
          .flatMap(entry -> ((List<?>) entry.getValue()).stream()).map(Object::toString)
          .filter(claim -> claim.contains("/" + pool + "/") && !claim.endsWith("/EXPIRED") && !claim.endsWith("/REVOKED")).count();
      assertThat(claims).as("live claims of " + pool).isEqualTo(usage.seatsInUse());
    });
  }

  /**
   * Seeded random tenants and chunk sizes (some dividing the users exactly): an all-or-nothing
   * grant gives the outcomes and progress of best-effort chunks one after the other, and, when no
   * user is refused, the same state and audit trail; when one is, it writes nothing.
   */
  @Test
  void anAllOrNothingGrantGivesTheOutcomesOfChunksOneAfterTheOtherOnSeededRandomTenants() {
    long base = Long.getLong("licensekit.seed", new Random().nextLong());
    for (int round = 0; round < 4; round++) {
      long seed = base + round;
      try {
        compareAllOrNothing(seed);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("all or nothing differs from chunks one after the other; rerun with -Dlicensekit.seed=" + seed
            + ": " + failure.getMessage(), failure);
      }
    }
  }

  private void compareAllOrNothing(long seed) {
    String suffix = Long.toHexString(seed);
    Random draw = new Random(seed);
    int chunk = 1 + draw.nextInt(7);
    int users = draw.nextBoolean() ? chunk * (3 + draw.nextInt(6)) : 20 + draw.nextInt(40);
    boolean ample = draw.nextBoolean();
    TenantRun whole = grantRun(overlapping, "aon-" + suffix, new Random(seed), users);
    TenantRun chunked = grantRun(oneAfterTheOther, "aoc-" + suffix, new Random(seed), users);
    if (ample) {
      for (TenantRun run : List.of(whole, chunked)) {
        run.admin.pools().add(NewPool.builder().id(PoolId.of("obs-c")).product(LicensingTestSupport.OBSERVATION).seats(users)
            .term(Term.of(YEAR.start(), YEAR.end().plusSeconds(2 * 86_400))).build());
        run.admin.pools().add(NewPool.builder().id(PoolId.of("coach-c")).product(LicensingTestSupport.COACHING).seats(users)
            .term(Term.of(YEAR.start(), YEAR.end().plusSeconds(2 * 86_400))).build());
      }
    }
    Map<String, Object> before = whole.state();
    BulkRequest.Builder request = BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVABLE))).reason("term start").chunkSize(chunk);

    Heard heardWhole = new Heard();
    Heard heardChunked = new Heard();
    BulkResult wholeResult = whole.admin.bulk().run(request.mode(BulkMode.ALL_OR_NOTHING).build(), heardWhole);
    BulkResult chunkedResult = chunked.admin.bulk().run(request.mode(BulkMode.BEST_EFFORT).build(), heardChunked);

    String context = "chunk " + chunk + ", " + users + " users, ample seats " + ample;
    assertThat(heardWhole.outcomes).as(context).isEqualTo(heardChunked.outcomes);
    assertThat(heardWhole.progress).as(context).isEqualTo(heardChunked.progress);
    assertThat(List.of(wholeResult.done(), wholeResult.already(), wholeResult.refused())).as(context)
        .isEqualTo(List.of(chunkedResult.done(), chunkedResult.already(), chunkedResult.refused()));
    if (chunkedResult.refused() == 0) {
      assertThat(wholeResult.status()).as(context).isEqualTo(BulkResult.Status.COMPLETED);
      assertSameState(whole, chunked, context);
    } else {
      assertThat(wholeResult.status()).as(context).isEqualTo(BulkResult.Status.REFUSED);
      assertThat(whole.state()).as(context + ": a refused run writes nothing").isEqualTo(before);
    }
    assertThat(whole.admin.audit().verify().intact()).as(context).isTrue();
  }

  private void compareGrant(long seed, boolean failACommit) {
    String suffix = Long.toHexString(seed) + (failACommit ? "-f" : "");
    Random draw = new Random(seed);
    int users = 20 + draw.nextInt(40);
    TenantRun overlapped = grantRun(overlapping, "o-" + suffix, new Random(seed), users);
    TenantRun alone = grantRun(oneAfterTheOther, "a-" + suffix, new Random(seed), users);
    BulkRequest request = BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVABLE))).mode(BulkMode.BEST_EFFORT)
        .reason("term start").chunkSize(1 + draw.nextInt(6)).build();

    Heard heardOverlapped = new Heard();
    Heard heardAlone = new Heard();
    BulkResult overlappedResult = failACommit
        ? hooks.failOneCommit(2 + draw.nextInt(4), () -> overlapped.admin.bulk().run(request, heardOverlapped))
        : overlapped.admin.bulk().run(request, heardOverlapped);
    BulkResult aloneResult = alone.admin.bulk().run(request, heardAlone);

    String context = "chunk " + request.chunkSize() + ", " + users + " users";
    assertThat(heardOverlapped.outcomes).as(context).isEqualTo(heardAlone.outcomes);
    assertThat(heardOverlapped.progress).as(context).isEqualTo(heardAlone.progress);
    assertThat(List.of(overlappedResult.done(), overlappedResult.already(), overlappedResult.refused())).as(context)
        .isEqualTo(List.of(aloneResult.done(), aloneResult.already(), aloneResult.refused()));
    assertThat(overlappedResult.seats()).as(context).isEqualTo(aloneResult.seats());
    assertSameState(overlapped, alone, context);
    assertThat(overlapped.admin.audit().verify().intact()).as(context).isTrue();
  }

  private void compareRegistration(long seed) {
    String suffix = Long.toHexString(seed);
    Random draw = new Random(seed);
    TenantRun overlapped = tenant(overlapping, "ro-" + suffix);
    TenantRun alone = tenant(oneAfterTheOther, "ra-" + suffix);
    int observationSeats = 5 + draw.nextInt(30);
    int coachingSeats = 5 + draw.nextInt(30);
    for (TenantRun run : List.of(overlapped, alone)) {
      run.admin.pools().add(NewPool.builder().id(PoolId.of("obs-a")).product(LicensingTestSupport.OBSERVATION).seats(observationSeats)
          .term(YEAR).build());
      run.admin.pools().add(NewPool.builder().id(PoolId.of("coach")).product(LicensingTestSupport.COACHING).seats(coachingSeats)
          .term(YEAR).build());
    }
    List<NewUser> input = new ArrayList<>();
    int count = 20 + draw.nextInt(40);
    for (int i = 0; i < count; i++) {
      // one id in eight repeats an earlier one, often from an earlier chunk
      int number = i > 0 && draw.nextInt(8) == 0 ? draw.nextInt(i) : i;
      String id = String.format("new-%03d", number);
      input.add(NewUser.builder().id(UserId.of(id)).name("New " + id).email(id + "@example.org")
          .jobProfile(draw.nextBoolean() ? DefaultCatalog.TEACHER : DefaultCatalog.ADMINISTRATOR)
          .addOrganizations(draw.nextBoolean() ? BulkTestSupport.NORTH : BulkTestSupport.SOUTH).build());
    }
    int chunk = 1 + draw.nextInt(6);

    Heard heardOverlapped = new Heard();
    Heard heardAlone = new Heard();
    BulkResult overlappedResult = overlapped.admin.bulk().register(BulkRegistration.of(input).mode(BulkMode.BEST_EFFORT)
        .chunkSize(chunk).build(), heardOverlapped);
    BulkResult aloneResult = alone.admin.bulk().register(BulkRegistration.of(input).mode(BulkMode.BEST_EFFORT)
        .chunkSize(chunk).build(), heardAlone);

    String context = "chunk " + chunk + ", " + count + " users";
    assertThat(heardOverlapped.outcomes).as(context).isEqualTo(heardAlone.outcomes);
    assertThat(List.of(overlappedResult.done(), overlappedResult.already(), overlappedResult.refused())).as(context)
        .isEqualTo(List.of(aloneResult.done(), aloneResult.already(), aloneResult.refused()));
    assertSameState(overlapped, alone, context);
    assertThat(overlapped.admin.audit().verify().intact()).as(context).isTrue();
  }

  /**
   * A tenant of {@code users} users of North High (some suspended, some holding a claim of
   * observation already) and two observation pools and one coaching pool too small for all of
   * them, so that seats run out in the middle of the run.
   */
  private static TenantRun grantRun(JdbcLicenseStore store, String name, Random random, int users) {
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

  private static TenantRun tenant(JdbcLicenseStore store, String name) {
    Licensing licensing = Licensing.builder().store(store).clock(new MutableClock(LicensingTestSupport.START)).build();
    TenantId id = TenantId.of("overlap-" + name);
    ActorSession admin = licensing.tenant(id).as(Actor.systemAdministrator("admin-1"));
    LicensingTestSupport.defineStandardCatalog(admin);
    return new TenantRun(store, id, admin);
  }

  /** Fails naming each record (a user's account, memberships, claims; a pool; the audit trail) the two tenants hold differently. */
  private static void assertSameState(TenantRun overlapped, TenantRun alone, String context) {
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
  private record TenantRun(JdbcLicenseStore store, TenantId tenant, ActorSession admin) {
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
  private static final class Heard implements BulkListener {
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

  /**
   * Hands out the pool's connections, counting how many are out at once, and on demand slows every
   * commit down or fails one chosen commit the way a serialization failure does (SQLSTATE 40001,
   * before the commit reaches the database), so that the store runs that transaction again.
   */
  private static final class CommitHooks extends ForwardingDataSource {
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();
    private volatile boolean slow;
    private final AtomicInteger commitsUntilFailure = new AtomicInteger(-1);
    private volatile String failingStatement = "";
    private final AtomicInteger statementsUntilFailure = new AtomicInteger(-1);
    private volatile String hookedStatement = "";
    private final AtomicInteger statementsUntilHook = new AtomicInteger(-1);
    private volatile Runnable hook = () -> {};

    CommitHooks(DataSource target) {
      super(target);
    }

    /** Runs {@code work} with every commit 30 ms late; returns the most connections out at once meanwhile. */
    synchronized int slowCommits(Runnable work) {
      most.set(open.get());
      slow = true;
      try {
        work.run();
      } finally {
        slow = false;
      }
      return most.get();
    }

    /** Runs {@code work} with its {@code n}th commit failed as a serialization failure. */
    synchronized <T> T failOneCommit(int n, java.util.function.Supplier<T> work) {
      commitsUntilFailure.set(n);
      try {
        return work.get();
      } finally {
        commitsUntilFailure.set(-1);
      }
    }

    /** Runs {@code work} with the {@code n}th statement prepared whose text starts with {@code statement} failed (not retried). */
    synchronized void failOneStatement(String statement, int n, Runnable work) {
      failingStatement = statement;
      statementsUntilFailure.set(n);
      try {
        work.run();
      } finally {
        statementsUntilFailure.set(-1);
      }
    }

    /**
     * Runs {@code work}; when the {@code n}th statement whose text starts with {@code statement} is
     * prepared, first runs {@code action} on another thread (no transaction of the run's thread is
     * open there) and waits up to 30 s for it, never failing the statement. Fails when the statement
     * was never prepared or {@code action} failed or did not end in time (a lock the run holds).
     */
    synchronized void whenPrepared(String statement, int n, Runnable action, Runnable work) {
      java.util.concurrent.atomic.AtomicReference<Throwable> actionFailure = new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
      hookedStatement = statement;
      hook = () -> {
        ran.set(true);
        try {
          java.util.concurrent.CompletableFuture.runAsync(action).get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          actionFailure.set(e.getCause());
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
          actionFailure.set(e);
        }
      };
      statementsUntilHook.set(n);
      RuntimeException failed = null;
      try {
        work.run();
      } catch (RuntimeException e) {
        failed = e;
      } finally {
        statementsUntilHook.set(-1);
        hook = () -> {};
      }
      if (!ran.get()) {
        throw new AssertionError("statement " + n + " starting with " + statement + " was never prepared", failed);
      }
      if (actionFailure.get() != null) {
        throw new AssertionError("the action run when statement " + n + " was prepared failed or was held up", actionFailure.get());
      }
      if (failed != null) {
        throw failed;
      }
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection real = target.getConnection();
      most.accumulateAndGet(open.incrementAndGet(), Math::max);
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            if (method.getName().equals("commit")) {
              if (commitsUntilFailure.get() > 0 && commitsUntilFailure.decrementAndGet() == 0) {
                throw new SQLException("could not serialize access (injected before the commit)", "40001");
              }
              if (slow) {
                Thread.sleep(30);
              }
            }
            if (method.getName().equals("close")) {
              open.decrementAndGet();
            }
            if (method.getName().equals("prepareStatement") && args[0] instanceof String text && text.startsWith(failingStatement)
                && statementsUntilFailure.get() > 0 && statementsUntilFailure.decrementAndGet() == 0) {
              throw new SQLException("disk full (injected in the middle of the run)", "53100");
            }
            if (method.getName().equals("prepareStatement") && args[0] instanceof String text && text.startsWith(hookedStatement)
                && statementsUntilHook.get() > 0 && statementsUntilHook.decrementAndGet() == 0) {
              hook.run();
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }
}
