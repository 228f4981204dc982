package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;

/** A private in-memory H2 database that lives until the JVM ends. */
final class H2TestDatabase implements TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final RecordingDataSource dataSource;

  private H2TestDatabase(RecordingDataSource dataSource) {
    this.dataSource = dataSource;
  }

  static H2TestDatabase create() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:licensekit-" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=2000");
    h2.setUser("sa");
    return new H2TestDatabase(new RecordingDataSource(h2));
  }

  @Override
  public RecordingDataSource dataSource() {
    return dataSource;
  }

  @Override
  public void breakConnection(Connection connection) throws SQLException {
    // H2 in memory has no network to cut: closing the session under the store is the nearest thing.
    connection.close();
  }
}
