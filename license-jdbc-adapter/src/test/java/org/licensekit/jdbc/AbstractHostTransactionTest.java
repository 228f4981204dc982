package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/**
 * Commands joining a transaction the host holds open ({@link HostTransaction}): committed only with
 * the host's, undone with its rollback, and a command that throws inside it leaves nothing behind
 * while the host's other work stays.
 */
abstract class AbstractHostTransactionTest {

  private static final TenantId TENANT = TenantId.of("t-host");
  private static final PoolId POOL = PoolId.of("pool-1");

  /** The host's transaction: a connection the test opens on its thread and commits or rolls back. */
  private static final class HeldByTheTest implements HostTransaction {
    final ThreadLocal<Connection> open = new ThreadLocal<>();
    final AtomicInteger lent = new AtomicInteger();
    final AtomicInteger released = new AtomicInteger();

    @Override
    public Optional<Connection> join() {
      Connection connection = open.get();
      if (connection != null) {
        lent.incrementAndGet();
      }
      return Optional.ofNullable(connection);
    }

    @Override
    public void release(Connection connection) {
      released.incrementAndGet();
    }
  }

  private TestDatabase database;
  private final HeldByTheTest host = new HeldByTheTest();
  private JdbcLicenseStore store;
  private Connection hostConnection;

  abstract TestDatabase newDatabase();

  @BeforeEach
  void createStore() throws SQLException {
    database = newDatabase();
    store = JdbcLicenseStore.builder(database.dataSource()).hostTransaction(host).build();
    store.pools().insert(TENANT, Samples.pool(POOL.value(), 10));
    hostConnection = database.dataSource().getConnection();
    hostConnection.setAutoCommit(false);
  }

  @AfterEach
  void closeHostConnection() throws SQLException {
    host.open.remove();
    if (!hostConnection.isClosed()) {
      hostConnection.rollback();
      hostConnection.close();
    }
  }

  @Test
  void commandsInTheHostTransactionAreCommittedOnlyWithIt() throws SQLException {
    host.open.set(hostConnection);
    store.directory().insertUser(TENANT, Samples.user("u-1"));
    store.transactions().inTransaction(() -> store.pools().tryTakeSeat(TENANT, POOL));

    assertThat(store.directory().findUser(TENANT, UserId.of("u-1"))).as("its own writes, on its thread").isPresent();
    assertThat(onAnotherThread(UserId.of("u-1"))).as("not yet committed").isEmpty();

    hostConnection.commit();
    host.open.remove();

    assertThat(onAnotherThread(UserId.of("u-1"))).isPresent();
    assertThat(store.pools().find(TENANT, POOL).orElseThrow().seatsInUse()).isEqualTo(1);
    assertThat(host.released.get()).isEqualTo(host.lent.get()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theHostsRollbackUndoesTheCommands() throws SQLException {
    host.open.set(hostConnection);
    store.directory().insertUser(TENANT, Samples.user("u-1"));

    hostConnection.rollback();
    host.open.remove();

    assertThat(store.directory().findUser(TENANT, UserId.of("u-1"))).isEmpty();
  }

  @Test
  void aCommandThatThrowsInsideTheHostTransactionLeavesNothingButTheHostKeepsTheRest() throws SQLException {
    host.open.set(hostConnection);
    store.directory().insertUser(TENANT, Samples.user("u-1"));

    assertThatThrownBy(() -> store.transactions().inTransaction(() -> {
      store.directory().insertUser(TENANT, Samples.user("u-2"));
      store.pools().tryTakeSeat(TENANT, POOL);
      throw new IllegalStateException("forced by the test");
    })).hasMessage("forced by the test");
    hostConnection.commit();
    host.open.remove();

    assertThat(store.directory().findUser(TENANT, UserId.of("u-1"))).isPresent();
    assertThat(store.directory().findUser(TENANT, UserId.of("u-2"))).isEmpty();
    assertThat(store.pools().find(TENANT, POOL).orElseThrow().seatsInUse()).isZero();
    assertThat(hostConnection.isClosed()).as("the host's connection is the host's to close").isFalse();
  }

  @Test
  void withoutAHostTransactionACommandCommitsOnItsOwn() {
    store.directory().insertUser(TENANT, Samples.user("u-1"));

    assertThat(onAnotherThread(UserId.of("u-1"))).isPresent();
    assertThat(host.lent.get()).isZero();
  }

  private Optional<UserAccount> onAnotherThread(UserId user) {
    return CompletableFuture.supplyAsync(() -> store.directory().findUser(TENANT, user)).orTimeout(30, TimeUnit.SECONDS).join();
  }
}
