package org.licensekit.testkit.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.fixtures.Fixtures;

/**
 * The base of every store contract suite: a store from the adapter under test, and two fresh tenants
 * per test. Because each test works in tenants of its own (random ids), {@link #createStore()} may
 * hand every test the same store over one shared database; nothing needs cleaning up between tests.
 */
public abstract class StoreContractSupport {

  /** How long a concurrency test waits for its threads before it fails. */
  private static final long RACE_TIMEOUT_SECONDS = 60;

  /** The store under test. */
  protected LicenseStore store;

  /** The tenant each test works in. */
  protected TenantId tenant;

  /** A second tenant, to prove that records never cross tenants. */
  protected TenantId otherTenant;

  /**
   * The store under test. Called before every test; may return a new store each time (cheap for the
   * in-memory store) or one shared instance (a database adapter), since every test uses new tenants.
   */
  protected abstract LicenseStore createStore();

  @BeforeEach
  void setUpStoreAndTenants() {
    store = createStore();
    tenant = Fixtures.tenant();
    otherTenant = Fixtures.tenant();
  }

  /** Runs {@code work} in a transaction of the store under test. */
  protected <T> T inTransaction(Supplier<T> work) {
    return store.transactions().inTransaction(work);
  }

  /**
   * Runs every task on its own thread, all released at once, and returns their results in task
   * order. Fails when a task throws or the tasks do not finish in time.
   */
  protected static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch ready = new CountDownLatch(tasks.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> task : tasks) {
        futures.add(threads.submit(() -> {
          ready.countDown();
          go.await();
          return task.call();
        }));
      }
      if (!ready.await(RACE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("the racing threads did not start in time");
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(RACE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }
}
