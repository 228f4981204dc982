package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.jdbc.OverlappedChunksFixture.LOCK_USERS;
import static org.licensekit.jdbc.OverlappedChunksFixture.READ_MEMBERSHIPS;
import static org.licensekit.jdbc.OverlappedChunksFixture.READ_USERS;
import static org.licensekit.jdbc.OverlappedChunksFixture.YEAR;
import static org.licensekit.jdbc.OverlappedChunksFixture.assertSameState;
import static org.licensekit.jdbc.OverlappedChunksFixture.grantRun;
import static org.licensekit.jdbc.OverlappedChunksFixture.newUsers;
import static org.licensekit.jdbc.OverlappedChunksFixture.seatedTenant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensekit.core.LicensingException;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Term;
import org.licensekit.jdbc.OverlappedChunksFixture.Heard;
import org.licensekit.jdbc.OverlappedChunksFixture.TenantRun;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.bulk.BulkTestSupport;

/**
 * An all-or-nothing bulk run on PostgreSQL, whose chunks share one transaction (each decided while
 * the one before it is written): it gives the outcomes and progress of best-effort chunks one after
 * the other on seeded random tenants, and the same state when no user is refused; one that fails
 * in the middle (a statement of any chunk, or of the hold pass) writes nothing at all.
 */
class PostgresAllOrNothingChunksTest {

  private static OverlappedChunksFixture fixture;

  @BeforeAll
  static void startStores() {
    fixture = OverlappedChunksFixture.start();
  }

  @AfterAll
  static void closePool() {
    fixture.close();
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
    TenantRun whole = grantRun(fixture.overlapping, "aon-" + suffix, new Random(seed), users);
    TenantRun chunked = grantRun(fixture.oneAfterTheOther, "aoc-" + suffix, new Random(seed), users);
    if (ample) {
      for (TenantRun run : List.of(whole, chunked)) {
        run.admin().pools().add(NewPool.builder().id(PoolId.of("obs-c")).product(LicensingTestSupport.OBSERVATION).seats(users)
            .term(Term.of(YEAR.start(), YEAR.end().plusSeconds(2 * 86_400))).build());
        run.admin().pools().add(NewPool.builder().id(PoolId.of("coach-c")).product(LicensingTestSupport.COACHING).seats(users)
            .term(Term.of(YEAR.start(), YEAR.end().plusSeconds(2 * 86_400))).build());
      }
    }
    Map<String, Object> before = whole.state();
    BulkRequest.Builder request = BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVABLE))).reason("term start").chunkSize(chunk);

    Heard heardWhole = new Heard();
    Heard heardChunked = new Heard();
    BulkResult wholeResult = whole.admin().bulk().run(request.mode(BulkMode.ALL_OR_NOTHING).build(), heardWhole);
    BulkResult chunkedResult = chunked.admin().bulk().run(request.mode(BulkMode.BEST_EFFORT).build(), heardChunked);

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
    assertThat(whole.admin().audit().verify().intact()).as(context).isTrue();
  }

  @Test
  void anAllOrNothingGrantThatFailsInItsThirdChunkWritesNothing() {
    TenantRun run = seatedTenant(fixture.overlapping, "aon-fails");
    registerThirtyTeachers(run);
    Map<String, Object> before = run.state();
    BulkRequest request = observersInNorthInChunksOfFive();

    assertThatThrownBy(() -> fixture.hooks.failOneStatement("INSERT INTO lk_membership_roles", 3,
        () -> run.admin().bulk().run(request))).isInstanceOf(LicensingException.class);

    assertThat(run.state()).as("after a failure in the third of six chunks").isEqualTo(before);
    assertThat(run.admin().audit().verify().intact()).isTrue();
    BulkResult again = run.admin().bulk().run(request);
    assertThat(again.done()).as("the same run without the failure: " + again).isEqualTo(30);
    assertThat(run.state()).as("the run without the failure writes").isNotEqualTo(before);
  }

  @Test
  void anAllOrNothingOnboardingThatFailsInItsThirdChunkWritesNothing() {
    TenantRun run = seatedTenant(fixture.overlapping, "aon-onboarding-fails");
    Map<String, Object> before = run.state();
    BulkRegistration registration = BulkRegistration.of(newUsers(30)).mode(BulkMode.ALL_OR_NOTHING).chunkSize(5).build();

    assertThatThrownBy(() -> fixture.hooks.failOneStatement("SELECT set_config('licensekit.members_of_new_accounts', 'on'", 3,
        () -> run.admin().bulk().register(registration))).isInstanceOf(LicensingException.class);

    assertThat(run.state()).as("after a failure in the third of six chunks").isEqualTo(before);
    assertThat(run.admin().audit().verify().intact()).isTrue();
    assertThat(run.admin().bulk().register(registration).done()).as("the same run without the failure").isEqualTo(30);
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
    TenantRun run = seatedTenant(fixture.overlapping, "aon-fails-anywhere");
    registerThirtyTeachers(run);
    Map<String, Object> before = run.state();
    BulkRequest request = observersInNorthInChunksOfFive();
    // six pages: the hold pass locks them (six locking reads), then each chunk reads its users' memberships (six reads)
    Map<String, List<Integer>> failures = new LinkedHashMap<>();
    failures.put("INSERT INTO lk_membership_roles", List.of(1, 2, 6));
    failures.put(LOCK_USERS, List.of(3, 6));
    failures.put(READ_MEMBERSHIPS, List.of(1, 3, 6));

    failures.forEach((statement, ordinals) -> ordinals.forEach(n -> {
      assertThatThrownBy(() -> fixture.hooks.failOneStatement(statement, n,
          () -> run.admin().bulk().run(request))).as(statement + " #" + n).isInstanceOf(LicensingException.class);
      assertThat(run.state()).as("after failing " + statement + " #" + n).isEqualTo(before);
    }));
    assertThat(run.admin().audit().verify().intact()).isTrue();
    BulkResult again = run.admin().bulk().run(request);
    assertThat(again.done()).as("the same run without a failure: " + again).isEqualTo(30);
  }

  /**
   * The hold pass locks and reads every selected account, one statement a page, and keeps their
   * statuses: the chunks decide from those and read no account again (before, each chunk read its
   * held users' accounts once more, one statement a chunk). Suspended and archived users among
   * them are refused as the chunks one after the other refuse them.
   */
  @Test
  void anAllOrNothingGrantReadsTheAccountsItHoldsOnlyInItsHoldPass() {
    TenantRun run = seatedTenant(fixture.overlapping, "aon-reads-once");
    registerThirtyTeachers(run);
    BulkRequest request = observersInNorthInChunksOfFive();
    BulkResult[] result = new BulkResult[1];

    Map<String, Integer> prepared = fixture.hooks.countPrepared(List.of(LOCK_USERS, READ_USERS, READ_MEMBERSHIPS),
        () -> result[0] = run.admin().bulk().run(request));

    assertThat(result[0].done()).as(result[0].toString()).isEqualTo(30);
    assertThat(prepared).as("statements prepared by a run of six chunks")
        .containsEntry(LOCK_USERS, 6).containsEntry(READ_USERS, 0).containsEntry(READ_MEMBERSHIPS, 6);
  }

  /** Thirty new users in North, registered best effort, for an all-or-nothing grant to take. */
  private static void registerThirtyTeachers(TenantRun run) {
    assertThat(run.admin().bulk().register(BulkRegistration.of(newUsers(30)).mode(BulkMode.BEST_EFFORT).build()).done()).isEqualTo(30);
  }

  /** Observation in North for everyone there, all or nothing, in six chunks of five. */
  private static BulkRequest observersInNorthInChunksOfFive() {
    return BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVER))).mode(BulkMode.ALL_OR_NOTHING)
        .reason("term start").chunkSize(5).build();
  }
}
