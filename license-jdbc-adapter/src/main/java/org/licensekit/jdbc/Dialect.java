package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.licensekit.core.StoreException;

/**
 * What differs between the supported databases: where the migrations live, how an insert-or-replace
 * and an insert-unless-duplicate are written, and how unquoted identifiers are folded.
 */
enum Dialect {
  H2("h2"),
  POSTGRESQL("postgresql");

  private final String folder;

  Dialect(String folder) {
    this.folder = folder;
  }

  /** The dialect of the database behind {@code connection}, from its metadata. */
  static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName();
    if ("H2".equalsIgnoreCase(product)) {
      return H2;
    }
    if ("PostgreSQL".equalsIgnoreCase(product)) {
      return POSTGRESQL;
    }
    throw new StoreException(
        "STORE_UNSUPPORTED", "LicenseKit's JDBC store supports H2 and PostgreSQL, not " + product);
  }

  /** The classpath folder of this dialect's Flyway migrations. */
  String migrationsLocation() {
    return "db/licensekit/" + folder;
  }

  /** {@code identifier} as the database stores it when it is written unquoted. */
  static String folded(DatabaseMetaData metaData, String identifier) throws SQLException {
    if (metaData.storesLowerCaseIdentifiers()) {
      return identifier.toLowerCase(Locale.ROOT);
    }
    if (metaData.storesUpperCaseIdentifiers()) {
      return identifier.toUpperCase(Locale.ROOT);
    }
    return identifier;
  }

  /**
   * An insert that replaces the row with the same key: {@code INSERT … ON CONFLICT DO UPDATE} on
   * PostgreSQL, {@code MERGE … KEY} on H2. Table and column names are the adapter's constants.
   */
  String upsert(String table, List<String> keyColumns, List<String> valueColumns) {
    List<String> all = new java.util.ArrayList<>(keyColumns);
    all.addAll(valueColumns);
    String columns = String.join(", ", all);
    String marks = placeholders(all.size());
    if (this == H2) {
      return "MERGE INTO " + table + " (" + columns + ") KEY (" + String.join(", ", keyColumns) + ") VALUES (" + marks + ")";
    }
    String update = valueColumns.isEmpty()
        ? "NOTHING"
        : "UPDATE SET " + valueColumns.stream().map(c -> c + " = EXCLUDED." + c).collect(Collectors.joining(", "));
    return "INSERT INTO " + table + " (" + columns + ") VALUES (" + marks + ") ON CONFLICT ("
        + String.join(", ", keyColumns) + ") DO " + update;
  }

  /**
   * The value to bind for {@code column <= ?} so that it holds exactly when the stored instant is at
   * or before {@code instant}. PostgreSQL stores microseconds and rounds a bound value to them, which
   * would make a claim expiring at 10:00:00 due at 09:59:59.9999999; its values are whole
   * microseconds, so comparing with {@code instant} truncated to microseconds is exact. H2 keeps
   * nanoseconds and compares as given.
   */
  Instant atOrBefore(Instant instant) {
    return this == POSTGRESQL ? instant.truncatedTo(ChronoUnit.MICROS) : instant;
  }

  /** {@code n} comma-separated JDBC parameter markers. */
  static String placeholders(int n) {
    String[] marks = new String[n];
    Arrays.fill(marks, "?");
    return String.join(", ", marks);
  }
}
