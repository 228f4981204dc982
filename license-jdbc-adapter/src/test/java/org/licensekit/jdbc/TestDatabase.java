package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A fresh, empty database for one test, on H2 or on the shared embedded PostgreSQL server. */
interface TestDatabase {

  /** The database's data source; every connection it hands out is recorded for {@link #lastConnection()}. */
  RecordingDataSource dataSource();

  /** Breaks {@code connection} the way a network failure or a server restart would. */
  void breakConnection(Connection connection) throws SQLException;

  default Connection lastConnection() {
    return dataSource().lastConnection();
  }

  default DataSource raw() {
    return dataSource().target();
  }
}
