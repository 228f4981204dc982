package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the adapter's SQL on the thread's transaction: parameters are always bound, never spliced.
 * Binds {@link Optional} as its value or NULL, {@link Instant} as a UTC timestamp and enums by name.
 */
final class Sql {

  /** Reads one row. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final JdbcTransactions transactions;
  private final Dialect dialect;
  private final BulkInsert bulk;

  Sql(JdbcTransactions transactions, Dialect dialect) {
    this(transactions, dialect, true);
  }

  /** {@code bulkCopy}: whether bulk inserts may try {@code COPY} on PostgreSQL (see {@link BulkInsert}). */
  Sql(JdbcTransactions transactions, Dialect dialect, boolean bulkCopy) {
    this.transactions = transactions;
    this.dialect = dialect;
    this.bulk = new BulkInsert(this, transactions, bulkCopy);
  }

  /** Set-based inserts of a bulk chunk's rows. */
  BulkInsert bulk() {
    return bulk;
  }

  /** Whether the database is PostgreSQL (for the few statements written per dialect). */
  boolean postgres() {
    return dialect == Dialect.POSTGRESQL;
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it touched. */
  int update(String sql, Object... params) {
    return transactions.withConnection(c -> {
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        bind(statement, params);
        return statement.executeUpdate();
      }
    });
  }

  <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
    return transactions.withConnection(c -> {
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        bind(statement, params);
        try (ResultSet rows = statement.executeQuery()) {
          List<T> result = new ArrayList<>();
          while (rows.next()) {
            result.add(mapper.map(rows));
          }
          return result;
        }
      }
    });
  }

  /** Reads one row and hands it on; a row handler may throw. */
  @FunctionalInterface
  interface RowHandler {
    void handle(ResultSet row) throws SQLException;
  }

  /**
   * Runs a query and hands each row to {@code handler} as it arrives, through a forward-only,
   * read-only result set fetched {@code fetchSize} rows at a time (on PostgreSQL, inside a
   * transaction, a server-side cursor): memory holds one fetch, whatever the number of rows. On
   * PostgreSQL the driver asks for the results in binary where it can read them so ({@link
   * #binaryResults}): a timestamp then crosses as 8 bytes, which the server does not format as
   * text nor the driver parse (the claims export's three instants a row: about a tenth of the
   * server's CPU per exported row, and a sixth of the exporting thread's).
   *
   * @return the number of rows handled
   */
  long forEach(String sql, int fetchSize, RowHandler handler, Object... params) {
    return transactions.withConnection(c -> {
      try (PreparedStatement statement = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
        statement.setFetchSize(fetchSize);
        if (dialect == Dialect.POSTGRESQL) {
          binaryResults(statement);
        }
        bind(statement, params);
        long count = 0;
        try (ResultSet rows = statement.executeQuery()) {
          while (rows.next()) {
            handler.handle(rows);
            count++;
          }
        }
        return count;
      }
    });
  }

  /**
   * Asks PostgreSQL's driver for binary results of {@code statement} (a negative prepare threshold:
   * the statement is described first, one more round trip, and each column of a type the driver
   * reads in binary, such as {@code timestamptz}, comes in binary; text columns are the same bytes
   * either way). A statement of another driver is left as it is.
   */
  private static void binaryResults(PreparedStatement statement) throws SQLException {
    if (statement.isWrapperFor(org.postgresql.PGStatement.class)) {
      statement.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
    }
  }

  <T> Optional<T> first(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = list(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** Runs one statement for each parameter row, as a JDBC batch. */
  void batch(String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return;
    }
    transactions.withConnection(c -> {
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        for (Object[] row : rows) {
          bind(statement, row);
          statement.addBatch();
        }
        statement.executeBatch();
      }
      return null;
    });
  }

  /**
   * Inserts each row, as one JDBC batch, unless a row with the same values is there already: for
   * tables whose every column is part of the key (a membership, a role of it). {@code ON CONFLICT
   * DO NOTHING} on PostgreSQL, {@code MERGE … KEY} on every column on H2.
   */
  void batchInsertMissing(String table, List<String> columns, List<Object[]> rows) {
    String names = String.join(", ", columns);
    String marks = Dialect.placeholders(columns.size());
    batch(dialect == Dialect.POSTGRESQL
        ? "INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ") ON CONFLICT DO NOTHING"
        : "MERGE INTO " + table + " (" + names + ") KEY (" + names + ") VALUES (" + marks + ")", rows);
  }

  /** Inserts the row or replaces the one with the same key; parameters are keys first, then values. */
  void upsert(String table, List<String> keyColumns, List<String> valueColumns, Object... params) {
    try {
      update(dialect.upsert(table, keyColumns, valueColumns), params);
    } catch (SqlFailure failure) {
      // H2's MERGE updates, then inserts when nothing matched: two commands inserting the same new key
      // at once collide on it. Run again, the command finds the row and updates it.
      if (failure.kind() == SqlFailure.Kind.DUPLICATE) {
        throw SqlFailure.retryable(failure.sqlException());
      }
      throw failure;
    }
  }

  /**
   * Runs {@code insert} unless a unique constraint refuses the row, leaving the transaction usable
   * either way: {@code ON CONFLICT <conflictTarget> DO NOTHING} on PostgreSQL, a savepoint on H2.
   *
   * @return whether the row was inserted
   */
  boolean insertUnlessDuplicate(String insert, String conflictTarget, Object... params) {
    if (dialect == Dialect.POSTGRESQL) {
      return update(insert + " ON CONFLICT " + conflictTarget + " DO NOTHING", params) == 1;
    }
    return transactions.withConnection(c -> {
      Savepoint savepoint = c.setSavepoint();
      try (PreparedStatement statement = c.prepareStatement(insert)) {
        bind(statement, params);
        statement.executeUpdate();
      } catch (SQLException e) {
        c.rollback(savepoint);
        if (SqlFailure.classify(e) == SqlFailure.Kind.DUPLICATE) {
          return false;
        }
        throw e;
      }
      c.releaseSavepoint(savepoint);
      return true;
    });
  }

  private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      statement.setObject(i + 1, jdbcValue(params[i]));
    }
  }

  private static Object jdbcValue(Object value) {
    if (value instanceof Optional<?> optional) {
      return optional.map(Sql::jdbcValue).orElse(null);
    }
    if (value instanceof Instant instant) {
      return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    return value;
  }
}
