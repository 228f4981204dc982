package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.StoreException;
import org.licensekit.core.spi.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transactions} on JDBC: one connection per command, bound to the calling thread and
 * committed or rolled back whole. A nested call joins the running transaction behind a savepoint,
 * so when nested work throws, nothing it wrote remains. Serialization failures, deadlocks and lock
 * timeouts re-run the whole command a bounded number of times with jittered backoff, and so does a
 * {@link ConflictException} whose code says a row changed between the command's read and its
 * compare-and-set write ({@link ErrorCode#changedConcurrently()}); when the retries run out, that
 * conflict reaches the caller. When the host
 * has a transaction open on the thread ({@link HostTransaction}), the command joins it behind a
 * savepoint instead, and is neither committed nor retried here.
 */
final class JdbcTransactions implements Transactions {

  private static final Logger log = LoggerFactory.getLogger(JdbcTransactions.class);
  private static final long MAX_BACKOFF_MILLIS = 200;

  /** Work on the bound connection that may throw {@link SQLException}. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;
  private final int maxRetries;
  private final HostTransaction host;
  private final ThreadLocal<Connection> bound = new ThreadLocal<>();
  private final boolean rowLevelSecurity;
  private final int combinedAssignments;
  private final ThreadLocal<String> tenant = new ThreadLocal<>();
  private final boolean overlapsBulkChunks;
  private final boolean overlapsBulkRegistrations;

  JdbcTransactions(DataSource dataSource, int maxRetries, HostTransaction host) {
    this(dataSource, maxRetries, host, false);
  }

  /**
   * @param rowLevelSecurity whether every statement first sets the session setting
   *     {@value #TENANT_SETTING} to the tenant it works for ({@link #asTenant}), for PostgreSQL's
   *     row-level security policies
   */
  JdbcTransactions(DataSource dataSource, int maxRetries, HostTransaction host, boolean rowLevelSecurity) {
    this(dataSource, maxRetries, host, rowLevelSecurity, 1);
  }

  /**
   * @param combinedAssignments how many concurrent single assignments of one product LicenseKit
   *     runs in one transaction by default ({@link #combinedAssignmentsByDefault()})
   */
  JdbcTransactions(DataSource dataSource, int maxRetries, HostTransaction host, boolean rowLevelSecurity, int combinedAssignments) {
    this(dataSource, maxRetries, host, rowLevelSecurity, combinedAssignments, false);
  }

  /**
   * @param overlapsBulkChunks whether best-effort bulk chunks may overlap on this database
   *     ({@link #overlapsBulkChunks()})
   */
  JdbcTransactions(DataSource dataSource, int maxRetries, HostTransaction host, boolean rowLevelSecurity, int combinedAssignments,
      boolean overlapsBulkChunks) {
    this(dataSource, maxRetries, host, rowLevelSecurity, combinedAssignments, overlapsBulkChunks, false);
  }

  /**
   * @param overlapsBulkRegistrations whether bulk onboarding's chunks overlap too
   *     ({@link #overlapsBulkRegistrations()}); only when {@code overlapsBulkChunks}
   */
  JdbcTransactions(DataSource dataSource, int maxRetries, HostTransaction host, boolean rowLevelSecurity, int combinedAssignments,
      boolean overlapsBulkChunks, boolean overlapsBulkRegistrations) {
    this.overlapsBulkChunks = overlapsBulkChunks;
    this.overlapsBulkRegistrations = overlapsBulkChunks && overlapsBulkRegistrations;
    this.dataSource = dataSource;
    this.maxRetries = maxRetries;
    this.host = host;
    this.rowLevelSecurity = rowLevelSecurity;
    this.combinedAssignments = combinedAssignments;
  }

  /** The session setting the row-level security policies compare {@code tenant_id} with. */
  static final String TENANT_SETTING = "licensekit.tenant_id";

  /**
   * Runs {@code work}, whose statements all belong to {@code tenantId}: with row-level security,
   * each of them sees and writes that tenant's rows only. Restores the tenant bound before, so a port
   * calling another port for the same tenant changes nothing.
   */
  <T> T asTenant(String tenantId, Supplier<T> work) {
    String before = tenant.get();
    tenant.set(tenantId);
    try {
      return work.get();
    } finally {
      if (before == null) {
        tenant.remove();
      } else {
        tenant.set(before);
      }
    }
  }

  /**
   * Sets {@value #TENANT_SETTING} for the running transaction ({@code set_config(…, true)}) to the
   * bound tenant, or to nothing — which the policies match to no row — when none is bound. Done before
   * every statement rather than once per transaction: a savepoint rolled back undoes a setting made
   * inside it, so remembering what was set could be wrong.
   */
  private void bindTenant(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
      statement.setString(1, TENANT_SETTING);
      String current = tenant.get();
      statement.setString(2, current == null ? "" : current);
      statement.execute();
    }
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    Connection joined = bound.get();
    if (joined != null) {
      return nested(joined, work);
    }
    Optional<Connection> hosts = host.join();
    if (hosts.isPresent()) {
      return inHostTransaction(hosts.get(), work);
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(work);
      } catch (ConflictException e) {
        if (!changedConcurrently(e) || attempt > maxRetries) {
          throw e;
        }
        log.debug("Retrying a command after attempt {}: {}", attempt, e.getMessage());
        backOff(attempt);
      } catch (RuntimeException e) {
        SqlFailure failure = SqlFailure.find(e);
        if (failure == null || failure.kind() != SqlFailure.Kind.RETRYABLE) {
          throw e;
        }
        if (attempt > maxRetries) {
          throw new StoreException(ErrorCode.STORE_RETRIES_EXHAUSTED, "Gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts")
              + ": the database kept "
              + "reporting a serialization failure, deadlock or lock timeout (last: "
              + SqlFailure.describe(failure.sqlException()) + "). Nothing was written.", failure);
        }
        if (SqlFailure.deadlock(failure.sqlException())) {
          // the lock order (see JdbcLicenseStore) keeps commands from deadlocking; the retry is its safety net
          log.warn("Retrying a command chosen as a deadlock victim after attempt {} of {}: {}", attempt, maxRetries + 1,
              failure.sqlException().getMessage());
        } else {
          log.debug("Retrying a command after attempt {} failed: {}", attempt, SqlFailure.describe(failure.sqlException()));
        }
        backOff(attempt);
      }
    }
  }

  /** No connection bound to the thread, and no host transaction to join. */
  @Override
  public boolean detached() {
    if (bound.get() != null) {
      return false;
    }
    Optional<Connection> hosts = host.join();
    hosts.ifPresent(host::release);
    return hosts.isEmpty();
  }

  @Override
  public int combinedAssignmentsByDefault() {
    return combinedAssignments;
  }

  /** On PostgreSQL unless the builder turned it off: row locks let two chunks' transactions run side by side. */
  @Override
  public boolean overlapsBulkChunks() {
    return overlapsBulkChunks;
  }

  /** Only when the builder turned it on ({@code overlapBulkRegistrations}) and chunks may overlap at all. */
  @Override
  public boolean overlapsBulkRegistrations() {
    return overlapsBulkRegistrations;
  }

  /** Whether a row the command read changed before it wrote it: running the command again reads afresh. */
  private static boolean changedConcurrently(ConflictException e) {
    return ErrorCode.find(e.code()).filter(ErrorCode::changedConcurrently).isPresent();
  }

  /** Runs {@code work} on the thread's connection, in a short transaction of its own if none is running. */
  <T> T withConnection(SqlWork<T> work) {
    Connection connection = bound.get();
    if (connection == null) {
      return inTransaction(() -> withConnection(work));
    }
    try {
      if (rowLevelSecurity) {
        bindTenant(connection);
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw SqlFailure.of(e);
    }
  }

  private <T> T inHostTransaction(Connection connection, Supplier<T> work) {
    bound.set(connection);
    try {
      return nested(connection, work);
    } finally {
      bound.remove();
      host.release(connection);
    }
  }

  private <T> T runOnce(Supplier<T> work) {
    Connection connection = open();
    bound.set(connection);
    try {
      T result = work.get();
      commit(connection);
      return result;
    } catch (RuntimeException | Error e) {
      StoreException lost = rollBack(connection, e);
      if (lost != null) {
        throw lost;
      }
      throw e;
    } finally {
      bound.remove();
      close(connection);
    }
  }

  private Connection open() {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "Could not open a database connection ("
          + SqlFailure.describe(e) + "). Nothing was written.", e);
    }
    try {
      if (connection.getAutoCommit()) {
        connection.setAutoCommit(false);
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      // the connection is ours until a transaction runs on it: give it back, or the pool leaks it
      try {
        connection.close();
      } catch (SQLException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      if (e instanceof SQLException failure) {
        throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "Could not start a transaction on a new database connection ("
            + SqlFailure.describe(failure) + "); the connection was closed. Nothing was written.", failure);
      }
      throw (RuntimeException) e;
    }
  }

  private static void commit(Connection connection) {
    try {
      connection.commit();
    } catch (SQLException e) {
      SqlFailure failure = SqlFailure.of(e);
      if (failure.kind() == SqlFailure.Kind.CONNECTION_LOST) {
        throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "Lost the database connection while committing ("
            + SqlFailure.describe(e) + "); the database may or may not have committed the command.", e);
      }
      throw failure;
    }
  }

  /**
   * Rolls the transaction back after {@code cause}; returns the error to throw instead of
   * {@code cause} when the connection turned out to be lost, else null.
   */
  private static StoreException rollBack(Connection connection, Throwable cause) {
    SqlFailure failure = SqlFailure.find(cause);
    try {
      connection.rollback();
    } catch (SQLException e) {
      if (failure != null && (failure.kind() == SqlFailure.Kind.CONNECTION_LOST || isClosed(connection))) {
        return connectionLost(failure, e);
      }
      log.warn("Could not roll back after {}: {}", cause, SqlFailure.describe(e));
      return null;
    }
    if (failure != null && failure.kind() == SqlFailure.Kind.CONNECTION_LOST) {
      return connectionLost(failure, null);
    }
    return null;
  }

  private static StoreException connectionLost(SqlFailure failure, SQLException rollbackFailure) {
    StoreException lost = new StoreException(ErrorCode.STORE_UNAVAILABLE, "Lost the database connection in the middle of a "
        + "transaction (" + SqlFailure.describe(failure.sqlException()) + "); the transaction was rolled back and "
        + "nothing it wrote was committed.", failure);
    if (rollbackFailure != null) {
      lost.addSuppressed(rollbackFailure);
    }
    return lost;
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed() || !connection.isValid(2);
    } catch (SQLException e) {
      return true;
    }
  }

  private static void close(Connection connection) {
    try {
      if (!connection.isClosed()) {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      log.debug("Could not restore auto-commit: {}", SqlFailure.describe(e));
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("Could not close a connection: {}", SqlFailure.describe(e));
    }
  }

  private static <T> T nested(Connection connection, Supplier<T> work) {
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw SqlFailure.of(e);
    }
    T result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    }
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw SqlFailure.of(e);
    }
    return result;
  }

  private static void backOff(int attempt) {
    long cap = Math.min(MAX_BACKOFF_MILLIS, 5L << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException(ErrorCode.STORE_INTERRUPTED, "Interrupted while waiting to retry a command; nothing was written.", e);
    }
  }
}
