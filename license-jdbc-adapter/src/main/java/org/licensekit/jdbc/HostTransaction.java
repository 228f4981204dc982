package org.licensekit.jdbc;

import java.sql.Connection;
import java.util.Optional;

/**
 * A transaction the host application runs on the calling thread — for instance a Spring-managed
 * one — which the store's commands join instead of opening their own. A command that joins runs
 * behind a savepoint on the host's connection: when it throws, nothing it wrote remains, while the
 * host's own work stays for the host to commit or roll back. It is not retried (a retry belongs to
 * whoever owns the transaction), and it is committed only when the host commits.
 */
public interface HostTransaction {

  /**
   * The connection of the host's transaction open on the calling thread, if any. The store neither
   * commits, rolls back nor closes it, and gives it back through {@link #release(Connection)}.
   *
   * @return the connection, with auto-commit off, or empty when no host transaction is open
   */
  Optional<Connection> join();

  /**
   * Gives back a connection {@link #join()} returned, once the command that joined is done.
   *
   * @param connection the connection
   */
  void release(Connection connection);

  /**
   * No host transaction, ever: every command runs in a transaction of its own (the default).
   *
   * @return the empty host transaction
   */
  static HostTransaction none() {
    return None.INSTANCE;
  }

  /** See {@link #none()}. */
  enum None implements HostTransaction {
    INSTANCE;

    @Override
    public Optional<Connection> join() {
      return Optional.empty();
    }

    @Override
    public void release(Connection connection) {
      // never lent one
    }
  }
}
