package org.licensekit.jdbc;

/**
 * How a {@link JdbcLicenseStore} tells other instances sharing its database what changed, so a
 * {@code CachingLicenseStore} in each forgets it before its staleness bound; see
 * {@link JdbcLicenseStore.Builder#changeSignals(ChangeSignalMode)}.
 */
public enum ChangeSignalMode {

  /** Sends nothing: one instance, or caches that rely on their staleness bound alone (the default). */
  NONE,

  /**
   * The database's own way: PostgreSQL's {@code LISTEN/NOTIFY} (the notification is sent in the
   * writing transaction, so it is delivered only after commit; each listening instance holds one
   * connection of its data source), and on H2 the change log ({@link #CHANGE_LOG}).
   */
  DATABASE,

  /**
   * A change-log table on any database: the writing transaction inserts a row per change, and each
   * listening instance polls the rows past the last one it read at the store's poll interval.
   */
  CHANGE_LOG
}
