package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.StoreException;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserId;

/** Commands on JDBC: all or nothing, nested calls, retried deadlocks, and lost connections. */
abstract class AbstractTransactionsTest {

  private static final TenantId TENANT = TenantId.of("t-1");
  private static final PoolId FIRST = PoolId.of("pool-1");
  private static final PoolId SECOND = PoolId.of("pool-2");

  TestDatabase database;
  JdbcLicenseStore store;
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  abstract TestDatabase newDatabase();

  @BeforeEach
  void createStore() {
    database = newDatabase();
    store = JdbcLicenseStore.builder(database.dataSource()).build();
    store.pools().insert(TENANT, Samples.pool(FIRST.value(), 10));
    store.pools().insert(TENANT, Samples.pool(SECOND.value(), 10));
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void aCommandThatFailsMidwayLeavesNoRows() throws SQLException {
    Throwable failure = catchThrowable(() -> store.transactions().inTransaction(() -> {
      store.directory().insertUser(TENANT, Samples.user("u-1"));
      store.pools().tryTakeSeat(TENANT, FIRST);
      store.claims().insertIfNoLiveClaim(TENANT, Samples.pendingClaim("c-1", "u-1", FIRST.value()));
      store.audit().append(TENANT, List.of());
      throw new IllegalStateException("forced by the test");
    }));

    assertThat(failure).hasMessage("forced by the test");
    assertThat(AbstractMigrationsTest.count(database, "SELECT count(*) FROM lk_users")).isZero();
    assertThat(AbstractMigrationsTest.count(database, "SELECT count(*) FROM lk_claims")).isZero();
    assertThat(store.pools().find(TENANT, FIRST).orElseThrow().seatsInUse()).isZero();
  }

  @Test
  void nestedWorkJoinsAndOnlyItsOwnWritesGoWhenItThrows() {
    store.transactions().inTransaction(() -> {
      store.directory().insertUser(TENANT, Samples.user("outer"));
      catchThrowable(() -> store.transactions().inTransaction(() -> {
        store.directory().insertUser(TENANT, Samples.user("inner"));
        throw new IllegalStateException("inner fails");
      }));
      store.transactions().inTransaction(() -> store.pools().tryTakeSeat(TENANT, FIRST));
      return null;
    });

    assertThat(store.directory().listUsers(TENANT)).extracting(u -> u.id().value()).containsExactly("outer");
    assertThat(store.pools().find(TENANT, FIRST).orElseThrow().seatsInUse()).isEqualTo(1);
  }

  @Test
  void aDeadlockVictimIsRunAgainAndBothCommandsComplete() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    List<CompletableFuture<Boolean>> commands = deadlockingCommands(store, attempts);

    for (CompletableFuture<Boolean> command : commands) {
      assertThat(command.get(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(attempts).hasValueGreaterThan(2);
    assertThat(store.pools().find(TENANT, FIRST).orElseThrow().seatsInUse()).isEqualTo(2);
    assertThat(store.pools().find(TENANT, SECOND).orElseThrow().seatsInUse()).isEqualTo(2);
  }

  @Test
  void withoutRetriesTheDeadlockVictimFailsWithAClearMessage() throws Exception {
    JdbcLicenseStore noRetries = JdbcLicenseStore.builder(database.dataSource()).maxRetries(0).build();
    List<CompletableFuture<Boolean>> commands = deadlockingCommands(noRetries, new AtomicInteger());

    List<Throwable> failures = new ArrayList<>();
    for (CompletableFuture<Boolean> command : commands) {
      try {
        command.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        failures.add(e.getCause());
      }
    }
    assertThat(failures).singleElement().isInstanceOfSatisfying(StoreException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_RETRIES_EXHAUSTED");
      assertThat(e.getMessage()).contains("Gave up after 1 attempt:", "SQLSTATE");
    });
    assertThat(store.pools().find(TENANT, FIRST).orElseThrow().seatsInUse()).isEqualTo(1);
  }

  /** Two commands taking seats of two pools in opposite orders, each waiting for the other in between. */
  private List<CompletableFuture<Boolean>> deadlockingCommands(JdbcLicenseStore on, AtomicInteger attempts) {
    CountDownLatch bothHoldOneRow = new CountDownLatch(2);
    return List.of(
        CompletableFuture.supplyAsync(() -> takeBoth(on, FIRST, SECOND, bothHoldOneRow, attempts), threads),
        CompletableFuture.supplyAsync(() -> takeBoth(on, SECOND, FIRST, bothHoldOneRow, attempts), threads));
  }

  private static boolean takeBoth(JdbcLicenseStore on, PoolId a, PoolId b, CountDownLatch bothHoldOneRow, AtomicInteger attempts) {
    return on.transactions().inTransaction(() -> {
      attempts.incrementAndGet();
      on.pools().tryTakeSeat(TENANT, a);
      bothHoldOneRow.countDown();
      awaitQuietly(bothHoldOneRow);
      return on.pools().tryTakeSeat(TENANT, b);
    });
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void concurrentSavesOfOneNewRecordAllSucceed() throws Exception {
    ExecutorService savers = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> saves = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      TenantSettings settings = TenantSettings.builder().claimOnFirstAccess(i % 2 == 0).build();
      saves.add(savers.submit(() -> {
        go.await();
        store.transactions().inTransaction(() -> {
          store.settings().put(TENANT, settings);
          store.catalog().saveProduct(TENANT, Samples.product("shared"));
          return null;
        });
        return null;
      }));
    }
    go.countDown();
    try {
      for (java.util.concurrent.Future<?> save : saves) {
        save.get(30, TimeUnit.SECONDS);
      }
    } finally {
      savers.shutdownNow();
    }

    assertThat(store.catalog().listProducts(TENANT)).containsExactly(Samples.product("shared"));
  }

  @Test
  void aConnectionLostMidwayFailsTheCommandAndLeavesNoRows() throws SQLException {
    Throwable failure = catchThrowable(() -> store.transactions().inTransaction(() -> {
      store.directory().insertUser(TENANT, Samples.user("u-1"));
      store.pools().tryTakeSeat(TENANT, FIRST);
      try {
        database.breakConnection(database.lastConnection());
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      store.directory().insertUser(TENANT, Samples.user("u-2"));
      return null;
    }));

    assertThat(failure).isInstanceOfSatisfying(StoreException.class, e -> {
      assertThat(e.code()).isEqualTo("STORE_UNAVAILABLE");
      assertThat(e.getMessage()).startsWith("Lost the database connection in the middle of a transaction")
          .contains("nothing it wrote was committed");
    });
    assertThat(store.directory().findUser(TENANT, UserId.of("u-1"))).isEmpty();
    assertThat(store.pools().find(TENANT, FIRST).orElseThrow().seatsInUse()).isZero();
  }

  @Test
  void aDatabaseThatCannotBeReachedIsReportedUnavailable() {
    DataSource unreachable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          throw new SQLException("Connection refused", "08001");
        });
    assertThatThrownBy(() -> JdbcLicenseStore.builder(unreachable).build())
        .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo("STORE_UNAVAILABLE"))
        .hasMessageContaining("SQLSTATE 08001: Connection refused");
  }
}
