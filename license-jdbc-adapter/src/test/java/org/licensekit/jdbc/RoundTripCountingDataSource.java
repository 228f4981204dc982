package org.licensekit.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Hands out the target's connections wrapped so that every call that goes to the database — a
 * statement executed (a batch counts once), a commit, a rollback, a savepoint set, released or
 * rolled back to — is written down, in order, with its SQL. What one command costs in round trips
 * can then be read and bounded.
 */
final class RoundTripCountingDataSource extends ForwardingDataSource {

  private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
      "executeBatch", "executeLargeBatch");
  private static final Set<String> TRANSACTION_CALLS = Set.of("commit", "rollback", "setSavepoint", "releaseSavepoint");

  private final List<String> trips = new ArrayList<>();

  RoundTripCountingDataSource(DataSource target) {
    super(target);
  }

  /** The round trips written down since the last {@link #reset}, in order. */
  synchronized List<String> trips() {
    return List.copyOf(trips);
  }

  synchronized void reset() {
    trips.clear();
  }

  private synchronized void trip(String what) {
    trips.add(what);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(target.getConnection(username, password));
  }

  private Connection wrap(Connection connection) {
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (TRANSACTION_CALLS.contains(name)) {
        trip(name.toUpperCase(java.util.Locale.ROOT));
      }
      Object result = invoke(connection, method, args);
      if (result instanceof PreparedStatement statement && name.startsWith("prepare")) {
        return statement(statement, String.valueOf(args[0]),
            result instanceof CallableStatement ? CallableStatement.class : PreparedStatement.class);
      }
      if (result instanceof Statement statement && name.equals("createStatement")) {
        return statement(statement, null, Statement.class);
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private Statement statement(Statement statement, String preparedSql, Class<? extends Statement> type) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (EXECUTES.contains(method.getName())) {
        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
        trip((method.getName().contains("Batch") ? "BATCH " : "") + String.valueOf(sql).replaceAll("\\s+", " ").trim());
      }
      return invoke(statement, method, args);
    };
    return (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
