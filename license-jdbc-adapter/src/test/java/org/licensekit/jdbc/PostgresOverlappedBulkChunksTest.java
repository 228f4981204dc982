package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.jdbc.OverlappedChunksFixture.YEAR;
import static org.licensekit.jdbc.OverlappedChunksFixture.assertSameState;
import static org.licensekit.jdbc.OverlappedChunksFixture.grantRun;
import static org.licensekit.jdbc.OverlappedChunksFixture.newUsers;
import static org.licensekit.jdbc.OverlappedChunksFixture.seatedTenant;
import static org.licensekit.jdbc.OverlappedChunksFixture.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.UserId;
import org.licensekit.jdbc.OverlappedChunksFixture.Heard;
import org.licensekit.jdbc.OverlappedChunksFixture.TenantRun;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.bulk.BulkTestSupport;

/**
 * Best-effort bulk chunks that overlap on PostgreSQL (the next chunk begins while the one before it
 * commits) give exactly what the chunks give one after the other: on seeded random tenants whose
 * pools run out in the middle of the run, for grants and for onboarding (with ids repeated across
 * chunks), when the database fails a chunk's commit so that the store runs it again, and with the
 * audit chain intact. The chunks really overlap: with every commit slowed down, two chunks'
 * connections are open at once, and never with the overlap turned off, nor for bulk onboarding
 * unless {@code overlapBulkRegistrations} turns it on. All-or-nothing runs:
 * {@link PostgresAllOrNothingChunksTest} and {@link PostgresAllOrNothingSeatTakenTest}.
 */
class PostgresOverlappedBulkChunksTest {

  private static OverlappedChunksFixture fixture;

  @BeforeAll
  static void startStores() {
    fixture = OverlappedChunksFixture.start();
  }

  @AfterAll
  static void closePool() {
    fixture.close();
  }

  @Test
  void theStoreSaysChunksMayOverlapOnPostgresqlUnlessTurnedOff() {
    assertThat(fixture.overlapping.transactions().overlapsBulkChunks()).isTrue();
    assertThat(fixture.oneAfterTheOther.transactions().overlapsBulkChunks()).isFalse();
  }

  @Test
  void onboardingOverlapsOnlyWhenTurnedOnAsWell() {
    assertThat(fixture.byDefault.transactions().overlapsBulkChunks()).isTrue();
    assertThat(fixture.byDefault.transactions().overlapsBulkRegistrations()).isFalse();
    assertThat(fixture.overlapping.transactions().overlapsBulkRegistrations()).isTrue();
    assertThat(JdbcLicenseStore.builder(fixture.hooks).migrate(false).overlapBulkChunks(false).overlapBulkRegistrations(true).build()
        .transactions().overlapsBulkRegistrations()).as("onboarding never overlaps when chunks may not").isFalse();
  }

  @Test
  void byDefaultOnboardingChunksRunOneAfterTheOtherWhileGrantsOverlap() {
    TenantRun grants = grantRun(fixture.byDefault, "default-grant", new Random(11), 30);
    BulkRequest request = BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVER))).mode(BulkMode.BEST_EFFORT)
        .reason("term start").chunkSize(5).build();
    List<NewUser> input = newUsers(30);
    BulkRegistration registration = BulkRegistration.of(input).mode(BulkMode.BEST_EFFORT).chunkSize(5).build();

    TenantRun onboarding = seatedTenant(fixture.byDefault, "default-onboarding");
    TenantRun turnedOn = seatedTenant(fixture.overlapping, "onboarding-turned-on");

    int grantMost = fixture.hooks.slowCommits(() -> grants.admin().bulk().run(request));
    int onboardingMost = fixture.hooks.slowCommits(() -> onboarding.admin().bulk().register(registration));
    int turnedOnMost = fixture.hooks.slowCommits(() -> turnedOn.admin().bulk().register(registration));

    assertThat(grantMost).as("connections open at once, a bulk grant by default").isGreaterThanOrEqualTo(2);
    assertThat(onboardingMost).as("connections open at once, bulk onboarding by default").isEqualTo(1);
    assertThat(turnedOnMost).as("connections open at once, bulk onboarding with overlapBulkRegistrations(true)")
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void theNextChunkBeginsWhileTheOneBeforeCommits() {
    TenantRun overlapped = grantRun(fixture.overlapping, "side-by-side", new Random(7), 30);
    TenantRun alone = grantRun(fixture.oneAfterTheOther, "one-by-one", new Random(7), 30);
    BulkRequest request = BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVER))).mode(BulkMode.BEST_EFFORT)
        .reason("term start").chunkSize(5).build();

    int overlappedMost = fixture.hooks.slowCommits(() -> overlapped.admin().bulk().run(request));
    int aloneMost = fixture.hooks.slowCommits(() -> alone.admin().bulk().run(request));

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

  private void compareGrant(long seed, boolean failACommit) {
    String suffix = Long.toHexString(seed) + (failACommit ? "-f" : "");
    Random draw = new Random(seed);
    int users = 20 + draw.nextInt(40);
    TenantRun overlapped = grantRun(fixture.overlapping, "o-" + suffix, new Random(seed), users);
    TenantRun alone = grantRun(fixture.oneAfterTheOther, "a-" + suffix, new Random(seed), users);
    BulkRequest request = BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVABLE))).mode(BulkMode.BEST_EFFORT)
        .reason("term start").chunkSize(1 + draw.nextInt(6)).build();

    Heard heardOverlapped = new Heard();
    Heard heardAlone = new Heard();
    BulkResult overlappedResult = failACommit
        ? fixture.hooks.failOneCommit(2 + draw.nextInt(4), () -> overlapped.admin().bulk().run(request, heardOverlapped))
        : overlapped.admin().bulk().run(request, heardOverlapped);
    BulkResult aloneResult = alone.admin().bulk().run(request, heardAlone);

    String context = "chunk " + request.chunkSize() + ", " + users + " users";
    assertThat(heardOverlapped.outcomes).as(context).isEqualTo(heardAlone.outcomes);
    assertThat(heardOverlapped.progress).as(context).isEqualTo(heardAlone.progress);
    assertThat(List.of(overlappedResult.done(), overlappedResult.already(), overlappedResult.refused())).as(context)
        .isEqualTo(List.of(aloneResult.done(), aloneResult.already(), aloneResult.refused()));
    assertThat(overlappedResult.seats()).as(context).isEqualTo(aloneResult.seats());
    assertSameState(overlapped, alone, context);
    assertThat(overlapped.admin().audit().verify().intact()).as(context).isTrue();
  }

  private void compareRegistration(long seed) {
    String suffix = Long.toHexString(seed);
    Random draw = new Random(seed);
    TenantRun overlapped = tenant(fixture.overlapping, "ro-" + suffix);
    TenantRun alone = tenant(fixture.oneAfterTheOther, "ra-" + suffix);
    int observationSeats = 5 + draw.nextInt(30);
    int coachingSeats = 5 + draw.nextInt(30);
    for (TenantRun run : List.of(overlapped, alone)) {
      run.admin().pools().add(NewPool.builder().id(PoolId.of("obs-a")).product(LicensingTestSupport.OBSERVATION).seats(observationSeats)
          .term(YEAR).build());
      run.admin().pools().add(NewPool.builder().id(PoolId.of("coach")).product(LicensingTestSupport.COACHING).seats(coachingSeats)
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
    BulkResult overlappedResult = overlapped.admin().bulk().register(BulkRegistration.of(input).mode(BulkMode.BEST_EFFORT)
        .chunkSize(chunk).build(), heardOverlapped);
    BulkResult aloneResult = alone.admin().bulk().register(BulkRegistration.of(input).mode(BulkMode.BEST_EFFORT)
        .chunkSize(chunk).build(), heardAlone);

    String context = "chunk " + chunk + ", " + count + " users";
    assertThat(heardOverlapped.outcomes).as(context).isEqualTo(heardAlone.outcomes);
    assertThat(List.of(overlappedResult.done(), overlappedResult.already(), overlappedResult.refused())).as(context)
        .isEqualTo(List.of(aloneResult.done(), aloneResult.already(), aloneResult.refused()));
    assertSameState(overlapped, alone, context);
    assertThat(overlapped.admin().audit().verify().intact()).as(context).isTrue();
  }
}
