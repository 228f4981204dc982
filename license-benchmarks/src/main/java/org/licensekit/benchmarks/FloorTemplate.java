package org.licensekit.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.licensekit.core.Licensing;
import org.postgresql.PGConnection;

/**
 * The rows a real bulk run wrote, kept in a template tenant, from which {@link BulkWriteFloorBenchmark}
 * takes exactly the same rows for a target tenant: every column the store wrote (all but identity
 * and generated ones, which the server fills as it does for the store), with the target's tenant id
 * in place of the template's (in every text column) and the target's pool in {@code pool_id}. The
 * rows are read back from the server as binary {@code COPY} data, so the floor sends what a binary
 * {@code COPY} of the store's values sends, and split into the run's chunks in the order the run wrote
 * them. Target tenant ids must be as long as the template's, so that every row keeps its size.
 */
final class FloorTemplate {

  private final BenchmarkPostgres database;
  private final String tenant;
  private final long auditPositionBefore;

  private FloorTemplate(BenchmarkPostgres database, String tenant, long auditPositionBefore) {
    this.database = database;
    this.tenant = tenant;
    this.auditPositionBefore = auditPositionBefore;
  }

  /**
   * Sets up {@code tenant} as {@code path}'s benchmark does and runs the real bulk run of
   * {@code users} users in chunks of {@code chunkSize} through the public API.
   */
  static FloorTemplate record(BenchmarkPostgres database, Licensing licensing, FloorPath path, String tenant, int users,
      int chunkSize) throws SQLException {
    Runnable run = path.prepare(database, licensing, tenant, users, chunkSize);
    long before = database.count("SELECT COALESCE(max(chain_position), 0) FROM lk_audit_entries WHERE tenant_id = '" + tenant + "'");
    for (FloorTable table : path.tables("all")) {
      if (!table.afterRunStart() && database.count("SELECT count(*) FROM " + table.name() + " WHERE tenant_id = '" + tenant + "'") > 0) {
        throw new IllegalStateException(table.name() + " has rows of " + tenant + " before its run: they would be copied too");
      }
    }
    run.run();
    return new FloorTemplate(database, tenant, before);
  }

  /** The id of {@code tenant}'s one pool. */
  static String pool(BenchmarkPostgres database, String tenant) {
    try (Connection connection = database.dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT id FROM lk_pools WHERE tenant_id = ?")) {
      statement.setString(1, tenant);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new IllegalStateException(tenant + " has no pool");
        }
        String pool = rows.getString(1);
        if (rows.next()) {
          throw new IllegalStateException(tenant + " has more than one pool");
        }
        return pool;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the pool of " + tenant + " failed", e);
    }
  }

  /**
   * The chunks writer {@code writer} of {@code writers} writes into {@code target}: of the run's
   * {@code chunks} chunks, those whose number modulo {@code writers} is {@code writer}, each with the
   * rows of {@code tables}, copied into the tables themselves or into their keys-only copies.
   */
  List<FloorChunk> chunks(List<FloorTable> tables, String target, boolean keysOnly, int chunks, int writers, int writer) {
    if (target.length() != tenant.length()) {
      throw new IllegalArgumentException("target tenant " + target + " must be as long as " + tenant);
    }
    String targetPool = pool(database, target);
    List<List<FloorChunk.Part>> parts = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      parts.add(new ArrayList<>());
    }
    try (Connection connection = database.dataSource().getConnection()) {
      for (FloorTable table : tables) {
        List<String[]> columns = columns(connection, table.name());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        connection.unwrap(PGConnection.class).getCopyAPI()
            .copyOut("COPY (" + select(table, columns, target, targetPool, chunks, writers, writer) + ") TO STDOUT (FORMAT binary)", out);
        FloorCopyChunks.Split split = FloorCopyChunks.split(out.toByteArray(), chunks);
        String copy = "COPY " + (keysOnly ? KeysOnlyTables.name(table.name()) : table.name()) + " ("
            + String.join(", ", columns.stream().map(column -> '"' + column[0] + '"').toList()) + ") FROM STDIN (FORMAT binary)";
        for (int i = writer; i < chunks; i += writers) {
          parts.get(i).add(new FloorChunk.Part(table, copy, split.payloads()[i], split.rows()[i]));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Reading the template's rows failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<FloorChunk> mine = new ArrayList<>();
    for (int i = writer; i < chunks; i += writers) {
      mine.add(new FloorChunk(i, List.copyOf(parts.get(i))));
    }
    return mine;
  }

  /**
   * The template's rows of {@code table} as {@code target}'s, each followed by its chunk: the rows
   * in their order split into {@code chunks} runs of (nearly) equal size, as the run wrote them.
   */
  private String select(FloorTable table, List<String[]> columns, String target, String targetPool, int chunks, int writers,
      int writer) {
    List<String> values = new ArrayList<>();
    for (String[] column : columns) {
      String name = '"' + column[0] + '"';
      if (column[0].equals("tenant_id")) {
        values.add(literal(target) + "::" + column[1]);
      } else if (column[0].equals("pool_id")) {
        values.add(literal(targetPool) + "::" + column[1]);
      } else if (column[2].equals("S")) {
        values.add("replace(" + name + ", " + literal(tenant) + ", " + literal(target) + ")::" + column[1]);
      } else {
        values.add(name);
      }
    }
    String key = '"' + table.orderKey() + '"';
    return "SELECT " + String.join(", ", values) + ", floor_chunk FROM (SELECT t.*, (ntile(" + chunks + ") OVER (ORDER BY " + key
        + ") - 1)::int4 AS floor_chunk FROM " + table.name() + " t WHERE tenant_id = " + literal(tenant)
        + (table.afterRunStart() ? " AND " + key + " > " + auditPositionBefore : "") + ") s WHERE floor_chunk % " + writers + " = "
        + writer + " ORDER BY " + key;
  }

  /** The columns a {@code COPY} of the store's rows names: [name, type, type category], identity and generated ones left out. */
  static List<String[]> columns(Connection connection, String table) throws SQLException {
    List<String[]> columns = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod),"
        + " t.typcategory FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = ?::regclass AND a.attnum > 0"
        + " AND NOT a.attisdropped AND a.attidentity = '' AND a.attgenerated = '' ORDER BY a.attnum")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
        }
      }
    }
    return columns;
  }

  private static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
