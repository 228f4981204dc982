package org.licensekit.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Scratch copies of LicenseKit tables with only their primary and unique keys: the same columns,
 * defaults, identity and check constraints, but no other index, no trigger and no foreign key. A
 * bulk run's rows written into them cost what the rows and their keys cost; the difference to the
 * real tables is the secondary indexes' and the triggers' share. Named {@code lk_keys_<table>} (so
 * {@link InvocationProfile} lists them), their indexes {@code k_<index>}.
 */
final class KeysOnlyTables {

  private KeysOnlyTables() {
  }

  /** The keys-only copy of {@code table} ({@code lk_claims} → {@code lk_keys_claims}). */
  static String name(String table) {
    return "lk_keys_" + table.substring("lk_".length());
  }

  /** Creates the keys-only copies of {@code tables} that do not exist yet. */
  static void create(BenchmarkPostgres database, List<FloorTable> tables) {
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      for (FloorTable table : tables) {
        String copy = name(table.name());
        statement.execute("CREATE TABLE IF NOT EXISTS " + copy + " (LIKE " + table.name()
            + " INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING CONSTRAINTS)");
        for (String[] index : uniqueIndexes(connection, table.name())) {
          statement.execute(index[1].replace("INDEX " + index[0] + " ON ", "INDEX IF NOT EXISTS k_" + index[0] + " ON ")
              .replaceFirst(" ON (\\S+\\.)?" + table.name() + " USING ", " ON " + copy + " USING "));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Creating the keys-only tables failed", e);
    }
  }

  /** Each unique index of {@code table} (its primary key's among them): [name, definition]. */
  private static List<String[]> uniqueIndexes(Connection connection, String table) throws SQLException {
    List<String[]> indexes = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x"
        + " JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = ?::regclass AND x.indisunique ORDER BY i.relname")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          indexes.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
    }
    return indexes;
  }
}
