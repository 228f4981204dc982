package org.licensekit.spring.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.memory.InMemoryLicenseStore;

/** The registry of background bulk runs under concurrent starts with one idempotency key. */
class BulkRunsTest {

  @Test
  void concurrentStartsWithOneKeyShareOneRun() throws Exception {
    Licensing licensing = Licensing.builder().store(InMemoryLicenseStore.create()).build();
    Fixtures.seed(licensing);
    for (int i = 0; i < 20; i++) {
      Fixtures.teacher(licensing, "t-" + i);
    }
    ActorSession admin = Fixtures.admin(licensing);
    BulkRequest request = BulkRequest.where(UserFilter.builder().nameOrEmailContains("t-").build())
        .action(BulkAction.grantRoles(Fixtures.LINCOLN, Set.of(DefaultCatalog.PROCTOR))).reason("season").idempotencyKey("k-1")
        .build();
    BulkRuns runs = new BulkRuns(2, Clock.systemUTC());
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<BulkRuns.Run>> started = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Callable<BulkRuns.Run> start = () -> {
          go.await();
          return runs.start(admin, request);
        };
        started.add(threads.submit(start));
      }
      go.countDown();
      BulkRuns.Run first = started.get(0).get(10, TimeUnit.SECONDS);
      for (Future<BulkRuns.Run> run : started) {
        assertThat(run.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (first.state() == BulkRuns.State.RUNNING && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(first.state()).isEqualTo(BulkRuns.State.COMPLETED);
      assertThat(first.result().orElseThrow().done()).isEqualTo(20);
      assertThat(first.done()).isEqualTo(20);
      assertThat(admin.audit().count(AuditQuery.builder().addActions(ChangeType.BULK_COMPLETED).build())).isEqualTo(1);
    } finally {
      threads.shutdownNow();
      runs.destroy();
    }
  }
}
