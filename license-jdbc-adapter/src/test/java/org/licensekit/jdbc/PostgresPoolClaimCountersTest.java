package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The per-pool PENDING and ACTIVE counts of schema version 4 and the EXPIRED and REVOKED counts of
 * version 10.1 (kept by statement triggers on the claims table) equal the claims counted, after random inserts, status changes, pool moves and
 * deletes of one or many rows per statement, some rolled back, from several threads at once.
 */
class PostgresPoolClaimCountersTest {

  private static final String TENANT = "t-counters";
  private static final String[] STATUSES = {"PENDING", "ACTIVE", "EXPIRED", "REVOKED"};
  private static final int POOLS = 4;
  private static final int THREADS = 4;
  private static final int STATEMENTS_PER_THREAD = 100;

  @Test
  void countersEqualTheClaimsCountedAfterRandomConcurrentWrites() throws Exception {
    long seed = System.nanoTime();
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.dataSource()).build();
    DataSource data = database.raw();
    createPools(data);
    AtomicInteger ids = new AtomicInteger();

    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(seed + t);
        String prefix = "c-" + t + "-";
        runs.add(threads.submit(() -> {
          for (int i = 0; i < STATEMENTS_PER_THREAD; i++) {
            writeRetrying(data, random, prefix, ids);
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(2, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(mismatches(data)).as("pools whose counters differ from their claims (seed %d)", seed).isEmpty();
    assertThat(liveClaims(data)).as("live claims written (seed %d)", seed).isPositive();
  }

  private static void createPools(DataSource data) throws SQLException {
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
      statement.executeUpdate("INSERT INTO lk_products (tenant_id, id, name, product_type, validity_kind)"
          + " VALUES ('" + TENANT + "', 'p', 'P', 'LEARNING_CONTENT', 'UNTIL_TERM_END')");
      for (int p = 0; p < POOLS; p++) {
        statement.executeUpdate("INSERT INTO lk_pools (tenant_id, id, product_id, seats, term_start, term_end)"
            + " VALUES ('" + TENANT + "', 'pool-" + p + "', 'p', 100000, now() - interval '1 day', now() + interval '1 year')");
      }
    }
  }

  /**
   * One random transaction of one to three statements over the thread's own claims (threads share
   * only the pools); a deadlock between threads on the pool rows is retried, as the store retries it.
   */
  private static void writeRetrying(DataSource data, Random random, String prefix, AtomicInteger ids) throws SQLException {
    long choices = random.nextLong();
    for (int attempt = 0; ; attempt++) {
      try (Connection connection = data.getConnection()) {
        try (Statement statement = connection.createStatement()) {
          // Found sooner, a deadlock costs the run less waiting (the server's default is a second).
          statement.execute("SET deadlock_timeout = '20ms'");
        }
        connection.setAutoCommit(false);
        Random statementRandom = new Random(choices);
        int statements = 1 + statementRandom.nextInt(3);
        for (int s = 0; s < statements; s++) {
          write(connection, statementRandom, prefix, ids);
        }
        if (statementRandom.nextInt(5) == 0) {
          connection.rollback();
        } else {
          connection.commit();
        }
        return;
      } catch (SQLException e) {
        if (!"40P01".equals(e.getSQLState()) || attempt > 20) {
          throw e;
        }
      }
    }
  }

  private static void write(Connection connection, Random random, String prefix, AtomicInteger ids) throws SQLException {
    String mine = " WHERE tenant_id = ? AND id IN (SELECT id FROM lk_claims WHERE tenant_id = ? AND id LIKE '" + prefix
        + "%' ORDER BY md5(id || ?) LIMIT ?)";
    switch (random.nextInt(4)) {
      case 0 -> insert(connection, random, prefix, ids);
      case 1 -> update(connection, "UPDATE lk_claims SET status = ?" + mine, STATUSES[random.nextInt(4)], random);
      case 2 -> update(connection, "UPDATE lk_claims SET pool_id = ?" + mine, "pool-" + random.nextInt(POOLS), random);
      default -> update(connection, "DELETE FROM lk_claims" + mine.replaceFirst(" WHERE ", " WHERE ? IS NOT NULL AND "), "delete", random);
    }
  }

  /** One to five claims in one statement, each of its own user so the one-live-claim index never refuses them. */
  private static void insert(Connection connection, Random random, String prefix, AtomicInteger ids) throws SQLException {
    int rows = 1 + random.nextInt(5);
    StringBuilder sql = new StringBuilder("INSERT INTO lk_claims (tenant_id, id, user_id, product_id, pool_id, status, direct,"
        + " assigned_at, assigned_by_kind, assigned_by_id) VALUES ");
    for (int r = 0; r < rows; r++) {
      sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, 'p', ?, ?, false, ?, 'SYSTEM_ADMINISTRATOR', 'admin')");
    }
    try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      int index = 1;
      for (int r = 0; r < rows; r++) {
        String id = prefix + ids.incrementAndGet();
        statement.setString(index++, TENANT);
        statement.setString(index++, id);
        statement.setString(index++, "u-" + id);
        statement.setString(index++, "pool-" + random.nextInt(POOLS));
        statement.setString(index++, STATUSES[random.nextInt(4)]);
        statement.setTimestamp(index++, Timestamp.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(1_000_000))));
      }
      statement.executeUpdate();
    }
  }

  private static void update(Connection connection, String sql, String value, Random random) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      statement.setString(2, TENANT);
      statement.setString(3, TENANT);
      statement.setString(4, Integer.toString(random.nextInt()));
      statement.setInt(5, 1 + random.nextInt(8));
      statement.executeUpdate();
    }
  }

  private static List<String> mismatches(DataSource data) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT p.id, p.pending_claims, p.active_claims, p.expired_claims, p.revoked_claims,"
            + " COALESCE(k.pending, 0) AS pending, COALESCE(k.active, 0) AS active,"
            + " COALESCE(k.expired, 0) AS expired, COALESCE(k.revoked, 0) AS revoked FROM lk_pools p LEFT JOIN ("
            + "SELECT pool_id, COUNT(*) FILTER (WHERE status = 'PENDING') AS pending, COUNT(*) FILTER (WHERE status = 'ACTIVE') AS active,"
            + " COUNT(*) FILTER (WHERE status = 'EXPIRED') AS expired, COUNT(*) FILTER (WHERE status = 'REVOKED') AS revoked"
            + " FROM lk_claims WHERE tenant_id = '" + TENANT + "' GROUP BY pool_id) k ON k.pool_id = p.id"
            + " WHERE p.tenant_id = '" + TENANT + "' ORDER BY p.id")) {
      while (rows.next()) {
        String counters = rows.getInt("pending_claims") + "/" + rows.getInt("active_claims") + "/" + rows.getInt("expired_claims")
            + "/" + rows.getInt("revoked_claims");
        String claims = rows.getInt("pending") + "/" + rows.getInt("active") + "/" + rows.getInt("expired") + "/" + rows.getInt("revoked");
        if (!counters.equals(claims)) {
          found.add(rows.getString("id") + ": counters " + counters + ", claims " + claims + " (pending/active/expired/revoked)");
        }
      }
    }
    return found;
  }

  private static int liveClaims(DataSource data) throws SQLException {
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM lk_claims WHERE status IN ('PENDING', 'ACTIVE')")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
