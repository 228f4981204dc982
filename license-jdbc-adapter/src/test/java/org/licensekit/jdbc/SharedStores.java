package org.licensekit.jdbc;

/**
 * One {@link JdbcLicenseStore} per database kind per test JVM, for the suites that run through the
 * public API or the store ports in tenants of their own: they need no fresh database, and building
 * a store (dialect detection, migration) once saves its cost on every test class.
 */
final class SharedStores {

  /** Connections of the shared PostgreSQL pool: one per racer of the widest race in the suites. */
  static final int POSTGRES_POOL_SIZE = 32;

  private SharedStores() {}

  /** The store on the shared in-memory H2 database. */
  static JdbcLicenseStore h2() {
    return H2.STORE;
  }

  /** The store on the shared database of the embedded PostgreSQL server, through a connection pool. */
  static JdbcLicenseStore postgres() {
    return Postgres.STORE;
  }

  private static final class H2 {
    static final JdbcLicenseStore STORE = JdbcLicenseStore.builder(H2TestDatabase.create().dataSource()).build();
  }

  private static final class Postgres {
    static final JdbcLicenseStore STORE =
        JdbcLicenseStore.builder(PostgresTestDatabase.create().pooled(POSTGRES_POOL_SIZE)).build();
  }
}
