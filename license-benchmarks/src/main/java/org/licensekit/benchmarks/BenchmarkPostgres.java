package org.licensekit.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.licensekit.jdbc.JdbcLicenseStore;

/**
 * An embedded PostgreSQL 17 server for the benchmarks, with a pooled data source and a migrated
 * LicenseKit store. {@link #seeded} keeps its data directory under {@code target/} and fills it with
 * {@code million-claims.sql} only when the tenant does not hold the claims yet, so the forks and
 * runs after the first skip the seeding (about a minute at 1,000,000 claims).
 */
final class BenchmarkPostgres implements AutoCloseable {

  /** The tenant the seed script writes. */
  static final String TENANT = "bench";

  private final EmbeddedPostgres server;
  private final HikariDataSource dataSource;
  private final JdbcLicenseStore store;

  private BenchmarkPostgres(EmbeddedPostgres server, HikariDataSource dataSource) {
    this.server = server;
    this.dataSource = dataSource;
    this.store = JdbcLicenseStore.builder(dataSource).build();
  }

  /** A fresh, empty database on a throw-away server, with a pool of {@code connections}. */
  static BenchmarkPostgres fresh(int connections) {
    return fresh(connections, java.util.Map.of());
  }

  /**
   * {@link #fresh(int)} on a server started with {@code settings} on top of the benchmarks' own
   * (the embedded server's defaults: PostgreSQL's, with {@code fsync} and {@code synchronous_commit}
   * off), for a benchmark parameter that compares server settings back to back.
   */
  static BenchmarkPostgres fresh(int connections, java.util.Map<String, String> settings) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "100")
          .setServerConfig("shared_preload_libraries", "pg_stat_statements")
          .setServerConfig("pg_stat_statements.track_planning", "on").setServerConfig("track_functions", "all");
      settings.forEach(builder::setServerConfig);
      EmbeddedPostgres server = builder.start();
      BenchmarkPostgres database = new BenchmarkPostgres(server, pool(server, connections));
      database.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL server", e);
    }
  }

  /**
   * A server whose tenant {@link #TENANT} holds {@code users} users with four claims each, written
   * by SQL ({@code million-claims.sql}), every table ANALYZEd after it was filled; {@code
   * pg_stat_statements} counts each statement's planning and execution time.
   */
  static BenchmarkPostgres seeded(int users, int connections) {
    Path directory = Path.of("target", "bench-postgres-" + users).toAbsolutePath();
    try {
      EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(false)
          .setServerConfig("max_connections", "100").setServerConfig("shared_preload_libraries", "pg_stat_statements")
          .setServerConfig("pg_stat_statements.track_planning", "on").start();
      BenchmarkPostgres database = new BenchmarkPostgres(server, pool(server, connections));
      database.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      if (database.claims() != 4L * users) {
        database.seed(users);
      }
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL server in " + directory, e);
    }
  }

  private static HikariDataSource pool(EmbeddedPostgres server, int connections) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
    config.setUsername("postgres");
    config.setMaximumPoolSize(connections);
    config.setMinimumIdle(connections);
    config.setPoolName("licensekit-bench");
    return new HikariDataSource(config);
  }

  DataSource dataSource() {
    return dataSource;
  }

  /**
   * A second store on the same tables whose best-effort bulk chunks run one after the other
   * ({@code overlapBulkChunks(false)}), to compare with {@link #store()}'s, which overlap.
   */
  JdbcLicenseStore storeWithoutOverlap() {
    return JdbcLicenseStore.builder(dataSource).migrate(false).overlapBulkChunks(false).build();
  }

  /**
   * A second store on the same tables whose best-effort bulk chunks overlap for bulk onboarding too
   * ({@code overlapBulkRegistrations(true)}; {@link #store()} overlaps only bulk actions, the default).
   */
  JdbcLicenseStore storeOverlappingRegistrations() {
    return JdbcLicenseStore.builder(dataSource).migrate(false).overlapBulkRegistrations(true).build();
  }

  JdbcLicenseStore store() {
    return store;
  }

  /** Runs one statement on a connection of the pool. */
  void execute(String sql) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Failed: " + sql, e);
    }
  }

  /** The tenant's claims. */
  long claims() {
    return count("SELECT count(*) FROM lk_claims WHERE tenant_id = '" + TENANT + "'");
  }

  long count(String sql) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("Counting failed: " + sql, e);
    }
  }

  /** Empties the tenant's tables and runs the seed script: statements separated by a line ending in ';'. */
  private void seed(int users) {
    String script = resource("million-claims.sql").replace("${prefix}", "lk_").replace("${tenant}", TENANT)
        .replace("${users}", Integer.toString(users));
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      for (String table : new String[] {"claims", "membership_roles", "memberships", "users", "pools", "role_grants",
          "products", "roles", "organizations"}) {
        statement.executeUpdate("DELETE FROM lk_" + table + " WHERE tenant_id = '" + TENANT + "'");
      }
      for (String sql : script.split(";\\s*\\n")) {
        String body = sql.lines().filter(line -> !line.startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
        if (!body.isEmpty()) {
          statement.execute(body);
        }
      }
      statement.execute("VACUUM ANALYZE");
    } catch (SQLException e) {
      throw new IllegalStateException("Seeding " + users + " users failed", e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = BenchmarkPostgres.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("Missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
