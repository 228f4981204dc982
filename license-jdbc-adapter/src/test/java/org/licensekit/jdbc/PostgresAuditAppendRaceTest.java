package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * Appends to one tenant's audit chain from real threads on separate PostgreSQL connections: small
 * appends chained in the database by one statement, large ones chained in Java after locking the
 * head, and appends rolled back, all at once from the tenant's first entry on. The chain stays one
 * gap-free chain that holds exactly the committed entries and verifies in Java.
 */
class PostgresAuditAppendRaceTest {

  private static final int THREADS = 8;
  private static final int APPENDS_PER_THREAD = 30;

  @Test
  void concurrentAppendsKeepOneGapFreeChain() throws Exception {
    long seed = System.nanoTime();
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore store = JdbcLicenseStore.builder(database.dataSource()).build();
    TenantId tenant = TenantId.of("race");
    Set<String> committed = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        Random random = new Random(seed + thread);
        start.await();
        for (int a = 0; a < APPENDS_PER_THREAD; a++) {
          int size = random.nextInt(10) == 0 ? 65 + random.nextInt(40) : 1 + random.nextInt(3);
          boolean rollBack = random.nextInt(8) == 0;
          List<AuditEntry> entries = new ArrayList<>();
          for (int i = 0; i < size; i++) {
            entries.add(AuditEntry.builder().id(thread + "-" + a + "-" + i).at(Instant.now()).actor(Actor.systemAdministrator("t" + thread))
                .action(ChangeType.CLAIM_REVOKED).subjectType("claim").subjectId("c-" + a).user(UserId.of("u-" + i))
                .reason("thread " + thread).build());
          }
          try {
            store.transactions().inTransaction(() -> {
              store.audit().append(tenant, entries);
              if (rollBack) {
                throw new IllegalStateException("rolled back on purpose");
              }
              return null;
            });
            entries.forEach(entry -> committed.add(entry.id()));
          } catch (IllegalStateException expected) {
            assertThat(rollBack).as("seed %d", seed).isTrue();
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> each : done) {
      each.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<AuditLink> links = store.audit().chain(tenant, 0, Integer.MAX_VALUE);
    assertThat(links).as("seed %d", seed).extracting(AuditLink::position)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, committed.size()).boxed().toList());
    assertThat(links.stream().map(link -> link.entry().id()).collect(Collectors.toSet())).as("seed %d", seed).isEqualTo(committed);
    assertThat(store.audit().head(tenant).orElseThrow()).isEqualTo(links.get(links.size() - 1).head());
    AuditVerification verification = Licensing.builder().store(store).build().tenant(tenant)
        .as(Actor.systemAdministrator("auditor")).audit().verify();
    assertThat(verification).as("seed %d", seed).isEqualTo(new AuditVerification(committed.size(), Optional.empty()));
  }
}
