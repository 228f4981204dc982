package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/**
 * A district-scale bulk grant. The size comes from {@link #largeRunUsers()}: the system property
 * {@code licensekit.bulk.largeUsers} (default 5,000). A database adapter overrides it (100,000 on
 * PostgreSQL) and runs the test JVM with a capped heap ({@code -Xmx256m}): the run pages through ids
 * and keeps a bounded sample of outcomes, so its memory does not grow with the number of users.
 * Users are seeded through the store SPI in batches, which is far quicker than one registration each.
 */
public abstract class LargeBulkRunContract extends BulkTestSupport {

  /** How many users the large run selects. */
  protected int largeRunUsers() {
    return Integer.getInteger("licensekit.bulk.largeUsers", 5_000);
  }

  /** Users seeded per transaction. */
  protected int seedBatchSize() {
    return 1_000;
  }

  @Test
  void aBestEffortGrantReachesEveryUserWithBoundedOutcomes() {
    int users = largeRunUsers();
    LicensePool observation = pool(OBSERVATION, users);
    seedUsers(users);
    AtomicLong heard = new AtomicLong();
    AtomicLong lastDone = new AtomicLong();
    BulkListener listener = new BulkListener() {
      @Override
      public void progress(long done, long total) {
        lastDone.set(done);
      }

      @Override
      public void outcome(UserOutcome outcome) {
        heard.incrementAndGet();
      }
    };

    BulkResult result = admin.bulk().run(grant(BulkMode.BEST_EFFORT), listener);

    assertThat(result.done()).isEqualTo(users);
    assertThat(heard.get()).isEqualTo(users);
    assertThat(lastDone.get()).isEqualTo(users);
    assertThat(result.outcomes()).hasSizeLessThanOrEqualTo(BulkRequest.DEFAULT_SAMPLE_LIMIT);
    assertThat(usage(observation).seatsInUse()).isEqualTo(users);
  }

  @Test
  void anAllOrNothingGrantOneSeatShortWritesNothingAndReportsTheShortfall() {
    int users = largeRunUsers();
    LicensePool observation = pool(OBSERVATION, users - 1);
    seedUsers(users);

    BulkResult result = admin.bulk().run(grant(BulkMode.ALL_OR_NOTHING));

    assertThat(result.status()).isEqualTo(BulkResult.Status.REFUSED);
    assertThat(result.seatsOf(OBSERVATION).orElseThrow().shortfall()).isEqualTo(1);
    assertThat(usage(observation).seatsInUse()).isZero();
  }

  private static BulkRequest grant(BulkMode mode) {
    return BulkRequest.where(UserFilter.builder().organization(NORTH).status(AccountStatus.ACTIVE).build())
        .action(BulkAction.grantRoles(NORTH, Set.of(DefaultCatalog.OBSERVER)))
        .mode(mode)
        .reason("district-wide observation rollout")
        .build();
  }

  /** Active users {@code bulk-0000000} … with a membership of {@link #NORTH} and no role. */
  protected void seedUsers(int count) {
    for (int from = 0; from < count; from += seedBatchSize()) {
      int start = from;
      int end = Math.min(count, from + seedBatchSize());
      store.transactions().inTransaction(() -> {
        for (int i = start; i < end; i++) {
          UserId id = UserId.of(String.format("bulk-%07d", i));
          store.directory().insertUser(tenantId, UserAccount.builder().id(id).name("Bulk " + i).email(id + "@example.org")
              .status(AccountStatus.ACTIVE).createdAt(START).build());
          store.directory().saveMembership(tenantId, Membership.of(id, NORTH, Set.of()));
        }
        return null;
      });
    }
  }
}
