package org.licensekit.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Hands out PostgreSQL connections that report the plan of every statement they execute, as it
 * ran: each connection loads {@code auto_explain} with every statement logged ({@code
 * log_analyze}, so a plan carries each node's actual rows) at level {@code NOTICE}, which the
 * server sends to the client. A plan is logged when its portal is dropped, which may be with the
 * next statement or at commit, so the driver keeps it as a warning of that statement or of the
 * connection: both are collected after every execution, commit and rollback, and before closing. Test-only: loading the module
 * needs a superuser, which the embedded server's {@code postgres} is. The benchmarks' plan table
 * uses it too (through this module's test jar), with buffers and a statement timeout.
 */
public final class PlanCapturingDataSource extends ForwardingDataSource {

  private final List<String> plans = new ArrayList<>();
  private final boolean buffers;
  private final Optional<Duration> statementTimeout;

  /**
   * Plans with each node's actual rows.
   *
   * @param target the PostgreSQL data source whose connections are wrapped
   */
  public PlanCapturingDataSource(DataSource target) {
    this(target, false, Optional.empty());
  }

  /**
   * Plans with each node's actual rows and, if asked, its buffers; every statement of a handed-out
   * connection cancelled after the timeout, if one is given.
   *
   * @param target the PostgreSQL data source whose connections are wrapped
   * @param buffers whether plans carry each node's shared buffers hit and read
   * @param statementTimeout how long a statement may run before the server cancels it
   */
  public PlanCapturingDataSource(DataSource target, boolean buffers, Optional<Duration> statementTimeout) {
    super(target);
    this.buffers = buffers;
    this.statementTimeout = statementTimeout;
  }

  /**
   * The plans captured since the last call, oldest first, each starting with its query text.
   *
   * @return the plans, emptied from this data source
   */
  public synchronized List<String> takePlans() {
    List<String> taken = List.copyOf(plans);
    plans.clear();
    return taken;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = target.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("LOAD 'auto_explain'");
      statement.execute("SET auto_explain.log_min_duration = 0");
      statement.execute("SET auto_explain.log_analyze = on");
      if (buffers) {
        statement.execute("SET auto_explain.log_buffers = on");
      }
      statement.execute("SET auto_explain.log_timing = off");
      statement.execute("SET auto_explain.log_level = notice");
      statement.execute("SET client_min_messages = notice");
      if (statementTimeout.isPresent()) {
        statement.execute("SET statement_timeout = " + statementTimeout.get().toMillis());
      }
    }
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        new Forwarding(connection, true));
  }

  private synchronized void collect(SQLWarning warnings) {
    for (SQLWarning warning = warnings; warning != null; warning = warning.getNextWarning()) {
      String message = warning.getMessage();
      int plan = message == null ? -1 : message.indexOf("Query Text:");
      if (plan >= 0) {
        plans.add(message.substring(plan));
      }
    }
  }

  private void collect(Object target) throws SQLException {
    if (target instanceof Statement statement) {
      collect(statement.getWarnings());
      statement.clearWarnings();
    } else if (target instanceof Connection connection && !connection.isClosed()) {
      collect(connection.getWarnings());
      connection.clearWarnings();
    }
  }

  /** Forwards every call; wraps the statements a connection makes and collects their plans. */
  private final class Forwarding implements InvocationHandler {
    private final Object target;
    private final boolean connection;

    Forwarding(Object target, boolean connection) {
      this.target = target;
      this.connection = connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.equals("close")) {
        collect(target);
      }
      Object result;
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (connection && result instanceof Statement statement) {
        Class<?> type = method.getReturnType();
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, new Forwarding(statement, false));
      }
      if (name.startsWith("execute") || name.equals("commit") || name.equals("rollback")) {
        collect(target);
      }
      return result;
    }
  }
}
