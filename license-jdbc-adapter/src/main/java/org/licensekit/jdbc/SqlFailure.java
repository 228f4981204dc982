package org.licensekit.jdbc;

import java.sql.SQLException;
import java.util.Set;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.StoreException;

/**
 * A statement the database refused, classified so the transaction runner knows whether to retry
 * the command, report the connection lost, or pass the error on.
 */
final class SqlFailure extends StoreException {

  private static final long serialVersionUID = 1L;

  /** How a failure affects the command. */
  enum Kind {
    /** A serialization failure, deadlock or lock timeout: running the command again may succeed. */
    RETRYABLE,
    /** The connection to the database is gone; whatever the transaction wrote is rolled back. */
    CONNECTION_LOST,
    /** A unique constraint refused a row. */
    DUPLICATE,
    /** Anything else. */
    OTHER
  }

  private static final Set<String> RETRYABLE_STATES = Set.of("40001", "40P01");
  // H2's error codes for a deadlock, a lock timeout and a concurrent update of the same row.
  private static final Set<Integer> H2_RETRYABLE_CODES = Set.of(40001, 50200, 90131);
  private static final int H2_DEADLOCK = 40001;
  // PostgreSQL: the server terminated the backend or is shutting down.
  private static final Set<String> LOST_STATES = Set.of("57P01", "57P02", "57P03");
  // H2: connection broken, database closed, connection object closed.
  private static final Set<Integer> H2_LOST_CODES = Set.of(90067, 90098, 90007);

  private final Kind kind;

  private SqlFailure(Kind kind, ErrorCode code, String message, SQLException cause) {
    super(code, message, cause);
    this.kind = kind;
  }

  /** Wraps {@code e}, classified by its SQLSTATE and vendor code. */
  static SqlFailure of(SQLException e) {
    Kind kind = classify(e);
    ErrorCode code = kind == Kind.CONNECTION_LOST ? ErrorCode.STORE_UNAVAILABLE : ErrorCode.STORE_FAILURE;
    return new SqlFailure(kind, code, "The database refused a statement (" + describe(e) + ")", e);
  }

  /** Wraps {@code e} as a failure that running the command again resolves. */
  static SqlFailure retryable(SQLException e) {
    return new SqlFailure(Kind.RETRYABLE, ErrorCode.STORE_FAILURE, "The database refused a statement (" + describe(e) + ")", e);
  }

  Kind kind() {
    return kind;
  }

  SQLException sqlException() {
    return (SQLException) getCause();
  }

  /** The first {@link SqlFailure} in {@code t}'s cause chain, or null. */
  static SqlFailure find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SqlFailure failure) {
        return failure;
      }
    }
    return null;
  }

  static Kind classify(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      Kind kind = classifyOne(s);
      if (kind != Kind.OTHER) {
        return kind;
      }
    }
    return Kind.OTHER;
  }

  private static Kind classifyOne(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    boolean h2 = e.getClass().getName().startsWith("org.h2.");
    if (RETRYABLE_STATES.contains(state) || (h2 && H2_RETRYABLE_CODES.contains(e.getErrorCode()))) {
      return Kind.RETRYABLE;
    }
    if (state.startsWith("08") || LOST_STATES.contains(state) || (h2 && H2_LOST_CODES.contains(e.getErrorCode()))) {
      return Kind.CONNECTION_LOST;
    }
    if ("23505".equals(state)) {
      return Kind.DUPLICATE;
    }
    return Kind.OTHER;
  }

  /** Whether {@code e} (or an exception chained to it) is a deadlock the database broke by failing this transaction. */
  static boolean deadlock(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      boolean h2 = s.getClass().getName().startsWith("org.h2.");
      if ("40P01".equals(s.getSQLState()) || (h2 && s.getErrorCode() == H2_DEADLOCK)) {
        return true;
      }
    }
    return false;
  }

  /** "SQLSTATE 40P01: deadlock detected …" in one line. */
  static String describe(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    return "SQLSTATE " + e.getSQLState() + ": " + message;
  }
}
