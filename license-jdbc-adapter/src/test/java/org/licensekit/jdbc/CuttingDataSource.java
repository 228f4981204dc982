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
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.licensekit.testkit.rules.ConnectionFaults;

/**
 * Cuts PostgreSQL connections at a chosen point: every connection it hands out is wrapped (JDK
 * proxies, no mock framework) so that each statement executed (a {@code COPY} through the driver's
 * own connection included) and each commit made on the thread that armed the cut is a numbered point. At the armed point the connection's server process is
 * terminated with {@code pg_terminate_backend} from a second, superuser connection (waiting until it
 * is gone), and then the statement or commit goes on and meets the dead connection, exactly as after
 * a server restart or a network cut. For a lost acknowledgement the commit is let through first;
 * the caller then gets the genuine error of its dead connection (the driver's own exception from a
 * statement sent after the termination), as a socket dropped right after the commit would give.
 */
final class CuttingDataSource extends ForwardingDataSource implements ConnectionFaults {

  private final PostgresTestDatabase database;
  private volatile Thread armed;
  private int points;
  private Optional<Integer> at = Optional.empty();
  private Optional<Cut> cut = Optional.empty();

  CuttingDataSource(DataSource pool, PostgresTestDatabase database) {
    super(pool);
    this.database = database;
  }

  @Override
  public synchronized void arm(Optional<Integer> at) {
    this.armed = Thread.currentThread();
    this.points = 0;
    this.at = at;
    this.cut = Optional.empty();
  }

  @Override
  public synchronized Optional<Cut> disarm() {
    armed = null;
    at = Optional.empty();
    return cut;
  }

  @Override
  public synchronized int points() {
    return points;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  private Connection wrap(Connection real) {
    InvocationHandler handler = (proxy, method, args) -> {
      switch (method.getName()) {
        case "commit":
          commit(real);
          return null;
        case "prepareStatement":
        case "prepareCall":
        case "createStatement":
          Object statement = invoke(real, method, args);
          String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : "";
          return wrap(real, (Statement) statement, method.getReturnType(), sql);
        case "unwrap":
          // the store reaches the driver's connection only to COPY a bulk chunk's rows: a point too
          if (args[0] == PGConnection.class) {
            beforeStatement(real, "COPY");
          }
          return invoke(real, method, args);
        default:
          return invoke(real, method, args);
      }
    };
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private Object wrap(Connection real, Statement statement, Class<?> type, String prepared) {
    Class<?> face = type == CallableStatement.class ? CallableStatement.class
        : type == PreparedStatement.class ? PreparedStatement.class : Statement.class;
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().startsWith("execute")) {
        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : prepared;
        beforeStatement(real, sql);
      }
      return invoke(statement, method, args);
    };
    return Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {face}, handler);
  }

  private void beforeStatement(Connection real, String sql) throws SQLException {
    if (next()) {
      terminate(real, new Cut(points - 1, Placement.BEFORE_STATEMENT, firstWords(sql)));
    }
  }

  private void commit(Connection real) throws SQLException {
    if (next()) {
      terminate(real, new Cut(points - 1, Placement.BEFORE_COMMIT, "COMMIT"));
      real.commit();
      return;
    }
    real.commit();
    if (next()) {
      terminate(real, new Cut(points - 1, Placement.ACK_LOST, "COMMIT"));
      try (Statement probe = real.createStatement()) {
        probe.execute("SELECT 1");
      }
      throw new SQLException("the connection survived its termination", "08006");
    }
  }

  /** Counts a point on the armed thread; whether the cut falls here. */
  private synchronized boolean next() {
    if (armed != Thread.currentThread()) {
      return false;
    }
    int point = points++;
    return at.isPresent() && at.get() == point;
  }

  private void terminate(Connection real, Cut where) throws SQLException {
    synchronized (this) {
      cut = Optional.of(where);
    }
    database.breakConnection(real);
  }

  private static String firstWords(String sql) {
    String flat = sql.strip().replaceAll("\\s+", " ");
    String words = flat.length() > 60 ? flat.substring(0, 60) + "…" : flat;
    return words.toUpperCase(Locale.ROOT).startsWith("SELECT SET_CONFIG") ? "set tenant" : words;
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
