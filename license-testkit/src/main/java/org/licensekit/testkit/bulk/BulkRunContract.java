package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.UserId;

/** How a bulk run behaves: dry runs, idempotent replays, progress, bounded outcome samples. */
public abstract class BulkRunContract extends BulkTestSupport {

  private static final UserFilter NORTH_USERS = UserFilter.builder().organization(NORTH).build();
  private static final BulkAction GRANT_OBSERVER = BulkAction.grantRoles(NORTH, Set.of(DefaultCatalog.OBSERVER));

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void dryRunPreviewsExactlyWhatTheRealRunDoesAndWritesNothing(BulkMode mode) {
    LicensePool observation = pool(OBSERVATION, 3);
    plainUsers("n", 4, NORTH);
    UserId archived = plainUser("n-99", NORTH);
    admin.users().archive(archived, "left");
    int auditBefore = auditSize();
    events.clear();
    BulkRequest request = request(NORTH_USERS, GRANT_OBSERVER, mode).chunkSize(2).build();

    BulkResult preview = admin.bulk().preview(request);

    assertThat(preview.dryRun()).isTrue();
    assertThat(usage(observation).seatsInUse()).isZero();
    assertThat(auditSize()).isEqualTo(auditBefore);
    assertThat(events.published()).isEmpty();

    BulkResult real = admin.bulk().run(request);

    assertThat(real.dryRun()).isFalse();
    assertThat(preview.status()).isEqualTo(real.status());
    assertThat(preview.outcomes()).isEqualTo(real.outcomes());
    assertThat(preview.seats()).isEqualTo(real.seats());
    assertThat(List.of(preview.selected(), preview.done(), preview.already(), preview.refused()))
        .isEqualTo(List.of(real.selected(), real.done(), real.already(), real.refused()));
    assertThat(preview.refused()).isEqualTo(2); // one for lack of a seat, one archived
  }

  @Test
  void aReplayedRequestReturnsTheFirstResultAndChangesNothing() {
    LicensePool observation = pool(OBSERVATION, 2);
    plainUsers("n", 3, NORTH);
    BulkRequest request = request(NORTH_USERS, GRANT_OBSERVER, BulkMode.BEST_EFFORT).idempotencyKey("spring-2027").build();
    BulkResult first = admin.bulk().run(request);
    admin.pools().changeSeats(observation.id(), 10, "more seats bought");
    // the user the run refused for want of a seat waited for one and got one of the new seats
    assertThat(usage(observation).seatsInUse()).isEqualTo(3);
    int auditBefore = auditSize();
    events.clear();

    BulkResult replay = admin.bulk().run(request);

    assertThat(replay.replayed()).isTrue();
    assertThat(first.replayed()).isFalse();
    assertThat(replay.asReplay()).isEqualTo(first.asReplay());
    assertThat(replay.refused()).isEqualTo(1);
    assertThat(usage(observation).seatsInUse()).isEqualTo(3);
    assertThat(auditSize()).isEqualTo(auditBefore);
    assertThat(events.published()).isEmpty();
  }

  @Test
  void aRefusedAllOrNothingRunIsReplayedAsRefused() {
    LicensePool observation = pool(OBSERVATION, 1);
    plainUsers("n", 2, NORTH);
    BulkRequest request = request(NORTH_USERS, GRANT_OBSERVER, BulkMode.ALL_OR_NOTHING).idempotencyKey("k|with%odd\nchars").build();
    BulkResult first = admin.bulk().run(request);
    admin.pools().changeSeats(observation.id(), 5, "more seats bought");

    BulkResult replay = admin.bulk().run(request);

    assertThat(first.status()).isEqualTo(BulkResult.Status.REFUSED);
    assertThat(replay.asReplay()).isEqualTo(first.asReplay());
    assertThat(replay.idempotencyKey()).contains("k|with%odd\nchars");
    assertThat(usage(observation).seatsInUse()).isZero();
  }

  @Test
  void aDryRunNeitherUsesNorReservesTheIdempotencyKey() {
    LicensePool observation = pool(OBSERVATION, 5);
    plainUsers("n", 2, NORTH);
    BulkRequest request = request(NORTH_USERS, GRANT_OBSERVER, BulkMode.BEST_EFFORT).idempotencyKey("k-2").build();

    admin.bulk().preview(request);
    BulkResult real = admin.bulk().run(request);

    assertThat(real.replayed()).isFalse();
    assertThat(real.done()).isEqualTo(2);
    assertThat(usage(observation).seatsInUse()).isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void progressIsReportedAfterEachChunkAndEveryOutcomeInUserOrder(BulkMode mode) {
    pool(OBSERVATION, 10);
    List<UserId> users = plainUsers("n", 5, NORTH);
    RecordingListener listener = new RecordingListener();

    admin.bulk().run(request(NORTH_USERS, GRANT_OBSERVER, mode).chunkSize(2).build(), listener);

    assertThat(listener.progress).extracting(p -> p[0] + "/" + p[1]).containsExactly("2/5", "4/5", "5/5");
    assertThat(listener.outcomes).extracting(UserOutcome::user).containsExactlyElementsOf(users);
  }

  @Test
  void theResultKeepsABoundedSampleWithRefusalsFirstButCountsEveryone() {
    pool(OBSERVATION, 3);
    List<UserId> users = plainUsers("n", 6, NORTH);

    BulkResult result = admin.bulk().run(request(NORTH_USERS, GRANT_OBSERVER, BulkMode.BEST_EFFORT).sampleLimit(4).chunkSize(4).build());

    assertThat(result.selected()).isEqualTo(6);
    assertThat(result.outcomesTruncated()).isTrue();
    assertThat(result.outcomes()).extracting(UserOutcome::user)
        .containsExactly(users.get(0), users.get(3), users.get(4), users.get(5));
    assertThat(result.outcomes()).filteredOn(o -> o.kind() == UserOutcome.Kind.REFUSED).hasSize(3);
  }
}
