package org.licensekit.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * A fresh database on the one embedded PostgreSQL 17 server this test JVM starts, on first use, and
 * stops when it exits.
 */
final class PostgresTestDatabase implements TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** Holds the server; started once per JVM, when a test first asks for it. */
  private static final class Server {
    static final EmbeddedPostgres INSTANCE = start();

    private static EmbeddedPostgres start() {
      try {
        return EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
      }
    }
  }

  private final String name;
  private final RecordingDataSource dataSource;

  private PostgresTestDatabase(String name, RecordingDataSource dataSource) {
    this.name = name;
    this.dataSource = dataSource;
  }

  static PostgresTestDatabase create() {
    String name = "licensekit_" + COUNTER.incrementAndGet();
    try (Connection admin = Server.INSTANCE.getPostgresDatabase().getConnection();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + name, e);
    }
    DataSource postgres = Server.INSTANCE.getDatabase("postgres", name, Map.of("reWriteBatchedInserts", "true"));
    return new PostgresTestDatabase(name, new RecordingDataSource(postgres));
  }

  /** The JDBC URL of this database, for another process. */
  String jdbcUrl() {
    return Server.INSTANCE.getJdbcUrl("postgres", name) + "&reWriteBatchedInserts=true";
  }

  @Override
  public RecordingDataSource dataSource() {
    return dataSource;
  }

  @Override
  public void breakConnection(Connection connection) throws SQLException {
    int pid = connection.unwrap(PGConnection.class).getBackendPID();
    try (Connection other = dataSource.target().getConnection();
        Statement statement = other.createStatement();
        ResultSet result = statement.executeQuery("SELECT pg_terminate_backend(" + pid + ")")) {
      if (!result.next() || !result.getBoolean(1)) {
        throw new IllegalStateException("Could not terminate backend " + pid);
      }
      awaitGone(statement, pid);
    }
  }

  private static void awaitGone(Statement statement, int pid) throws SQLException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid)) {
        rows.next();
        if (rows.getInt(1) == 0) {
          return;
        }
      }
      Thread.onSpinWait();
    }
    throw new IllegalStateException("Backend " + pid + " still running 5 s after pg_terminate_backend");
  }
}
