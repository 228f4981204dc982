package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Hands out the target's connections and remembers the last one each thread got. */
final class RecordingDataSource extends ForwardingDataSource {

  private final ThreadLocal<Connection> last = new ThreadLocal<>();

  RecordingDataSource(DataSource target) {
    super(target);
  }

  DataSource target() {
    return target;
  }

  Connection lastConnection() {
    return last.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = target.getConnection();
    last.set(connection);
    return connection;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Connection connection = target.getConnection(username, password);
    last.set(connection);
    return connection;
  }
}
