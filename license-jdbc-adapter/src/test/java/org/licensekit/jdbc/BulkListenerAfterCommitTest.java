package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.bulk.BulkTestSupport;

/**
 * The bulk listener hears only of committed work, never from inside a transaction the JDBC store
 * may still retry or roll back: when it is told of an outcome, another connection already sees the
 * outcome's change. Checked for both run modes on H2 and PostgreSQL.
 */
class BulkListenerAfterCommitTest {

  abstract static class Suite extends BulkTestSupport {

    @Test
    void anAllOrNothingRunTellsTheListenerOnlyOfCommittedOutcomes() throws Exception {
      assertEveryOutcomeWasVisibleToAnotherConnection(BulkMode.ALL_OR_NOTHING);
    }

    @Test
    void aBestEffortRunTellsTheListenerOnlyOfCommittedOutcomes() throws Exception {
      assertEveryOutcomeWasVisibleToAnotherConnection(BulkMode.BEST_EFFORT);
    }

    private void assertEveryOutcomeWasVisibleToAnotherConnection(BulkMode mode) {
      pool(OBSERVATION, 50);
      List<UserId> users = plainUsers("heard", 6, NORTH);
      List<String> unseen = new CopyOnWriteArrayList<>();
      List<UserId> heard = new CopyOnWriteArrayList<>();
      BulkListener listener = new BulkListener() {
        @Override
        public void progress(long done, long total) {}

        @Override
        public void outcome(UserOutcome outcome) {
          heard.add(outcome.user());
          // another thread has no transaction bound: it reads on a connection of its own
          boolean visible = CompletableFuture.supplyAsync(() -> store.directory().membershipsOf(tenantId, outcome.user()))
              .join().stream().map(Membership::roles).anyMatch(roles -> roles.contains(DefaultCatalog.OBSERVER));
          if (!visible) {
            unseen.add(outcome.user().value());
          }
        }
      };

      BulkResult result = admin.bulk().run(request(UserFilter.builder().organization(NORTH).build(),
          BulkAction.grantRoles(NORTH, Set.of(DefaultCatalog.OBSERVER)), mode).chunkSize(2).build(), listener);

      assertThat(result.done()).isEqualTo(users.size());
      assertThat(heard).containsExactlyInAnyOrderElementsOf(users);
      assertThat(unseen).as("outcomes the listener heard before they were committed").isEmpty();
    }
  }

  @Nested
  class OnH2 extends Suite {
    @Override
    protected LicenseStore createStore() {
      return SharedStores.h2();
    }
  }

  @Nested
  class OnPostgres extends Suite {
    @Override
    protected LicenseStore createStore() {
      return SharedStores.postgres();
    }
  }
}
