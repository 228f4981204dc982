package org.licensekit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.AuditStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.StoreParts;
import org.licensekit.core.spi.Transactions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code licensekit.combined-assignments} reaches {@code Licensing.Builder#combinedAssignments}:
 * eight threads assign one product at once while the first writing transaction is held open; with
 * the property set to 8 the seven others share writing transactions (counted: outermost
 * transactions that append audit entries), without it (the in-memory store's default, 1) each
 * writes in its own. A value outside 1 to 256 stops start-up naming the property.
 */
class CombinedAssignmentsPropertyTest {

  private static final int THREADS = 8;
  private static final ProductId OBSERVATION = ProductId.of("observation");

  private final CountingTransactions transactions = new CountingTransactions(InMemoryLicenseStore.create());

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LicensekitAutoConfiguration.class))
        .withBean(LicenseStore.class, transactions::store);
  }

  @Test
  void concurrentAssignmentsOfOneProductShareTransactionsUpToThePropertysBound() {
    runner().withPropertyValues("licensekit.combined-assignments=8")
        .run(context -> assertThat(raceAssignments(context.getBean(Licensing.class))).isLessThan(THREADS));
  }

  @Test
  void withoutThePropertyTheStoresDefaultRunsEachAssignmentAlone() {
    runner().run(context -> assertThat(raceAssignments(context.getBean(Licensing.class))).isEqualTo(THREADS));
  }

  @Test
  void oneTurnsCombiningOff() {
    runner().withPropertyValues("licensekit.combined-assignments=1")
        .run(context -> assertThat(raceAssignments(context.getBean(Licensing.class))).isEqualTo(THREADS));
  }

  @Test
  void aValueOutsideOneTo256StopsStartUpNamingTheProperty() {
    for (String bad : List.of("0", "-3", "257")) {
      runner().withPropertyValues("licensekit.combined-assignments=" + bad)
          .run(context -> assertThat(context).hasFailed().getFailure()
              .hasStackTraceContaining("'licensekit'").hasStackTraceContaining("combinedAssignments"));
    }
    runner().withPropertyValues("licensekit.combined-assignments=many")
        .run(context -> assertThat(context).hasFailed().getFailure().hasStackTraceContaining("licensekit.combined-assignments"));
  }

  @Test
  void theGeneratedMetadataDocumentsTheProperty() throws java.io.IOException {
    try (java.io.InputStream metadata = getClass().getClassLoader().getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
      assertThat(metadata).as("configuration metadata generated").isNotNull();
      String json = new String(metadata.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(json).contains("\"name\": \"licensekit.combined-assignments\"", "\"type\": \"java.lang.Integer\"",
          "How many concurrent single assignments of one product may share one transaction");
    }
  }

  /**
   * Sets up a tenant, then has {@value #THREADS} threads assign the product to a user each; the
   * first of their writes waits until every other thread is parked or done. Returns how many
   * transactions of the race wrote.
   */
  private int raceAssignments(Licensing licensing) throws InterruptedException {
    ActorSession admin = licensing.tenant(TenantId.of("district")).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().product(OBSERVATION).seats(THREADS)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      UserId user = UserId.of("u" + i);
      admin.users().register(NewUser.builder().id(user).name("User " + i).email("u" + i + "@example.org").invite(false).build());
      users.add(user);
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    AtomicInteger assigned = new AtomicInteger();
    for (UserId user : users) {
      threads.add(new Thread(() -> {
        try {
          start.await();
          transactions.entered.incrementAndGet();
          assigned.addAndGet(admin.assignments().assignProduct(user, OBSERVATION, "race").assigned().size());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    transactions.holdFirst(threads);
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread thread : threads) {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertThat(assigned.get()).as("every user was given a seat").isEqualTo(THREADS);
    return transactions.counted();
  }

  /**
   * The in-memory store with its writing transactions counted (outermost ones that append audit
   * entries, while counting), the first such append held until every other racing thread waits or
   * has finished.
   */
  private static final class CountingTransactions implements Transactions {
    private final Transactions delegate;
    private final LicenseStore store;
    private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);
    private final ThreadLocal<Boolean> wrote = ThreadLocal.withInitial(() -> false);
    private final AtomicInteger counted = new AtomicInteger();
    private final AtomicBoolean held = new AtomicBoolean(true);
    private volatile List<Thread> racers = List.of();
    /** How many racers have passed the start and called the assignment. */
    final AtomicInteger entered = new AtomicInteger();

    CountingTransactions(LicenseStore memory) {
      this.delegate = memory.transactions();
      AuditStore audit = memory.audit();
      AuditStore watched = (AuditStore) Proxy.newProxyInstance(AuditStore.class.getClassLoader(), new Class<?>[] {AuditStore.class},
          (proxy, method, args) -> {
            if (method.getName().equals("append")) {
              appending();
            }
            try {
              return method.invoke(audit, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      this.store = StoreParts.builder().from(memory).transactions(this).audit(watched).build();
    }

    LicenseStore store() {
      return store;
    }

    void holdFirst(List<Thread> threads) {
      counted.set(0);
      entered.set(0);
      held.set(false);
      racers = List.copyOf(threads);
    }

    int counted() {
      return counted.get();
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
      int level = depth.get();
      if (level == 0) {
        wrote.set(false);
      }
      depth.set(level + 1);
      try {
        return delegate.inTransaction(work);
      } finally {
        depth.set(level);
        if (level == 0 && wrote.get() && racers.contains(Thread.currentThread())) {
          counted.incrementAndGet();
        }
      }
    }

    /** An audit append inside a racer's transaction: the first one waits for the other racers to park. */
    private void appending() {
      wrote.set(true);
      if (racers.contains(Thread.currentThread()) && held.compareAndSet(false, true)) {
        awaitOthersParked();
      }
    }

    private void awaitOthersParked() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline && (entered.get() < racers.size() || !racers.stream().filter(t -> t != Thread.currentThread()).allMatch(t ->
          t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING
              || t.getState() == Thread.State.BLOCKED || t.getState() == Thread.State.TERMINATED))) {
        Thread.onSpinWait();
      }
    }

    @Override
    public void afterCommit(Runnable action) {
      delegate.afterCommit(action);
    }

    @Override
    public boolean detached() {
      return delegate.detached();
    }

    @Override
    public int combinedAssignmentsByDefault() {
      return delegate.combinedAssignmentsByDefault();
    }
  }
}
