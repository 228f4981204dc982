package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.licensekit.core.StoreException;
import org.licensekit.core.spi.LicenseStore;

/**
 * A transaction that cannot start (the driver fails {@code getAutoCommit} or {@code setAutoCommit})
 * closes the connection it opened instead of leaking it: real H2 connections, wrapped to throw from
 * the named method while the fault is armed.
 */
class H2ConnectionLeakTest {

  @ParameterizedTest
  @ValueSource(strings = {"getAutoCommit", "setAutoCommit"})
  void aConnectionOnWhichATransactionCannotStartIsClosedNotLeaked(String failingMethod) throws SQLException {
    FailingStart dataSource = new FailingStart(H2TestDatabase.create().dataSource().target());
    LicenseStore store = JdbcLicenseStore.builder(dataSource).build();
    dataSource.failing = failingMethod;
    int before = dataSource.handedOut.size();

    for (int attempt = 0; attempt < 5; attempt++) {
      assertThatThrownBy(() -> store.transactions().inTransaction(() -> 1))
          .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.code()).isEqualTo("STORE_UNAVAILABLE"))
          .hasMessageContaining("Nothing was written");
    }

    List<Connection> opened = dataSource.handedOut.subList(before, dataSource.handedOut.size());
    assertThat(opened).hasSize(5);
    for (Connection connection : opened) {
      assertThat(connection.isClosed()).as("every real connection the failed starts opened is closed").isTrue();
    }
    dataSource.failing = "";
    assertThat(store.transactions().inTransaction(() -> 42)).isEqualTo(42);
  }

  /** Hands out real connections whose method named {@link #failing} throws, as a broken driver would. */
  private static final class FailingStart extends ForwardingDataSource {
    private final List<Connection> handedOut = new CopyOnWriteArrayList<>();
    private volatile String failing = "";

    FailingStart(DataSource target) {
      super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection real = target.getConnection();
      handedOut.add(real);
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            if (method.getName().equals(failing)) {
              throw new SQLException("injected failure of " + failing, "08006");
            }
            try {
              return method.invoke(real, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
    }
  }
}
