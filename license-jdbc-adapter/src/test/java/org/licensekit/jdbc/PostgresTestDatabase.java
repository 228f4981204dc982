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

  /**
   * A data source on this database connecting as {@code role} (created with
   * {@link #createApplicationRole}); the embedded server trusts local connections.
   */
  DataSource dataSourceAs(String role) {
    return Server.INSTANCE.getDatabase(role, name, Map.of("reWriteBatchedInserts", "true"));
  }

  /**
   * Creates (once per server) a login role that neither owns LicenseKit's tables nor is a superuser,
   * as a host's application role would be, and grants it what the store needs on this database's
   * tables, sequences and functions: reading and writing rows, nothing else.
   */
  void createApplicationRole(String role) {
    try (Connection owner = dataSource.target().getConnection(); Statement statement = owner.createStatement()) {
      statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
          + "CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$");
      // roles are the server's, shared by every test database: make sure this one may log in
      statement.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS");
      statement.execute("GRANT USAGE ON SCHEMA public TO " + role);
      statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + role);
      statement.execute("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO " + role);
      statement.execute("GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO " + role);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create role " + role, e);
    }
  }

  /** The JDBC URL of this database, for another process. */
  String jdbcUrl() {
    return jdbcUrlAs("postgres");
  }

  /**
   * The JDBC URL of this database connecting as {@code role}. The user is part of the URL, which
   * the driver prefers to a user set on a pool's configuration: a pool of this database as another
   * role needs this URL.
   */
  String jdbcUrlAs(String role) {
    return Server.INSTANCE.getJdbcUrl(role, name) + "&reWriteBatchedInserts=true";
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
