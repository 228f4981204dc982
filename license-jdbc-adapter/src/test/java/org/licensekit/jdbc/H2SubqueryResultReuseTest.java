package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Why the JDBC waitlist's append asks "does the user wait already" in a statement of its own: the
 * H2 behaviour behind seeded sequence -2949298966986472626 (command #105, a reactivation that
 * queued one product for the user's direct assignment and again through a role), in plain JDBC.
 *
 * <p>H2 2.4.240 keeps the last result of a subquery that does not refer to its outer query and
 * reuses it when the same (session-cached) statement runs again with equal parameter values and
 * its tables' change counters have not moved. Those counters move at commit, and the session tells
 * only top-level queries of the transaction's own writes, so inside one transaction the second run
 * of {@code INSERT … WHERE NOT EXISTS (SELECT … WHERE user_id = ?)} for the same user answers "not
 * there" from the first run and inserts a second row. With autocommit, with the reuse switched off
 * ({@code OPTIMIZE_REUSE_RESULTS=FALSE}), without the session's statement cache
 * ({@code QUERY_CACHE_SIZE=0}; it keeps the last eight statements by default, so enough other
 * statements in between also hide the fault, which is why only some seeded sequences met it) or as
 * a top-level query, H2 reads the row.
 * If the first test fails after an H2 upgrade, the reuse is fixed there; the two-statement append
 * stays correct either way.
 */
class H2SubqueryResultReuseTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private static final String GUARDED_INSERT = "INSERT INTO queue (product_id, user_id, position)"
      + " SELECT ?, ?, COALESCE(MAX(position), 0) + 1 FROM queue WHERE product_id = ?"
      + " HAVING NOT EXISTS (SELECT 1 FROM queue WHERE product_id = ? AND user_id = ?)";
  private static final String PROBE = "SELECT 1 FROM queue WHERE product_id = ? AND user_id = ?";
  private static final String INSERT_AT_END = "INSERT INTO queue (product_id, user_id, position)"
      + " SELECT ?, ?, COALESCE(MAX(position), 0) + 1 FROM queue WHERE product_id = ?";

  private static Connection open(String settings) throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:subquery-reuse-" + DATABASES.incrementAndGet() + settings);
    Connection connection = h2.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE queue (product_id VARCHAR(32), user_id VARCHAR(32), position BIGINT NOT NULL,"
          + " PRIMARY KEY (product_id, user_id))");
    }
    return connection;
  }

  private static int guardedInsert(Connection connection, String user) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(GUARDED_INSERT)) {
      bind(insert, "p", user, "p", "p", user);
      return insert.executeUpdate();
    }
  }

  /** The append's shape: a top-level probe, then the insert at the end of the queue. */
  private static boolean append(Connection connection, String user) throws SQLException {
    try (PreparedStatement probe = connection.prepareStatement(PROBE)) {
      bind(probe, "p", user);
      try (ResultSet found = probe.executeQuery()) {
        if (found.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT_AT_END)) {
      bind(insert, "p", user, "p");
      return insert.executeUpdate() == 1;
    }
  }

  private static void bind(PreparedStatement statement, String... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      statement.setString(i + 1, values[i]);
    }
  }

  private static int rows(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM queue")) {
      count.next();
      return count.getInt(1);
    }
  }

  @Test
  void inOneTransactionTheSecondGuardedInsertOfAUserReusesTheFirstRunsNotExists() throws SQLException {
    try (Connection connection = open(";DB_CLOSE_DELAY=-1")) {
      connection.setAutoCommit(false);
      assertThat(guardedInsert(connection, "ana")).isEqualTo(1);

      assertThatThrownBy(() -> guardedInsert(connection, "ana"))
          .as("H2 answered NOT EXISTS from the first run and inserted the user again")
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
      connection.rollback();
    }
  }

  @Test
  void theGuardedInsertSeesTheRowWithAutocommitWithoutResultReuseOrStatementCacheOrAfterAnotherUser() throws SQLException {
    try (Connection connection = open(";DB_CLOSE_DELAY=-1")) {
      assertThat(guardedInsert(connection, "ana")).isEqualTo(1);
      assertThat(guardedInsert(connection, "ana")).as("autocommit: the commit moved the counters").isZero();
    }
    try (Connection connection = open(";DB_CLOSE_DELAY=-1;OPTIMIZE_REUSE_RESULTS=FALSE")) {
      connection.setAutoCommit(false);
      assertThat(guardedInsert(connection, "ana")).isEqualTo(1);
      assertThat(guardedInsert(connection, "ana")).as("no result reuse").isZero();
      connection.rollback();
    }
    try (Connection connection = open(";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0")) {
      connection.setAutoCommit(false);
      assertThat(guardedInsert(connection, "ana")).isEqualTo(1);
      assertThat(guardedInsert(connection, "ana")).as("the statement parsed afresh").isZero();
      connection.rollback();
    }
    try (Connection connection = open(";DB_CLOSE_DELAY=-1")) {
      connection.setAutoCommit(false);
      assertThat(guardedInsert(connection, "ana")).isEqualTo(1);
      assertThat(guardedInsert(connection, "bo")).isEqualTo(1);
      assertThat(guardedInsert(connection, "ana")).as("other parameters in between: the subquery ran again").isZero();
      connection.rollback();
    }
  }

  @Test
  void theAppendsProbeAndInsertSeeTheTransactionsOwnRowsEveryTime() throws SQLException {
    try (Connection connection = open(";DB_CLOSE_DELAY=-1")) {
      connection.setAutoCommit(false);
      assertThat(append(connection, "ana")).isTrue();
      assertThat(append(connection, "ana")).isFalse();
      assertThat(append(connection, "bo")).isTrue();
      assertThat(append(connection, "ana")).isFalse();
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("DELETE FROM queue WHERE user_id = 'ana'");
      }
      assertThat(append(connection, "ana")).isTrue();
      assertThat(append(connection, "ana")).isFalse();

      assertThat(rows(connection)).isEqualTo(2);
      try (Statement statement = connection.createStatement();
          ResultSet order = statement.executeQuery("SELECT user_id FROM queue ORDER BY position")) {
        assertThat(order.next() && order.getString(1).equals("bo")).isTrue();
        assertThat(order.next() && order.getString(1).equals("ana")).isTrue();
      }
      connection.rollback();
    }
  }
}
