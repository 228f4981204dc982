package org.licensekit.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.licensekit.core.Licensing;

/**
 * {@link BulkWriteFloorBenchmark} writes what a real bulk run writes, so that its floor cannot drift
 * from the store: for each path, a real run of 3,000 users (three chunks) in one tenant and the
 * floor's writes of 3,000 users into another tenant set up the same way must leave every LicenseKit
 * table with the same rows, the same non-null values per column and the same stored bytes per
 * column, with the same pool seats taken; and the floor's two writers, each into its own tenant,
 * must together write the rows of one real run (beside their tenants' setup).
 */
class BulkWriteFloorShapeTest {

  private static final int USERS = 3_000;
  private static final int CHUNK = 1_000;

  /**
   * Tables a real run writes a fixed number of rows to, whatever its users, which the floor leaves
   * out: the tenant's settings row, written by the run's first read of them.
   */
  private static final Map<String, Long> PER_RUN = Map.of("lk_tenant_settings", 1L);

  private static BenchmarkPostgres database;
  private static Licensing licensing;

  @BeforeAll
  static void start() {
    database = BenchmarkPostgres.fresh(4);
    licensing = Licensing.builder().store(database.store()).build();
  }

  @AfterAll
  static void stop() {
    database.close();
  }

  @ParameterizedTest
  @EnumSource(FloorPath.class)
  void theFloorWritesTheRowsAndColumnsOfARealRun(FloorPath path) throws SQLException, InterruptedException {
    String prefix = path == FloorPath.GRANT ? "g" : "o";
    FloorTemplate template = FloorTemplate.record(database, licensing, path, prefix + "-0000", USERS, CHUNK);
    path.prepare(database, licensing, prefix + "-real", USERS, CHUNK).run();
    FloorRun one = FloorRun.prepare(database, licensing, template, path, "all", false, List.of(prefix + "-0001"), USERS, CHUNK);
    one.write();
    FloorRun two = FloorRun.prepare(database, licensing, template, path, "all", false, List.of(prefix + "-0002", prefix + "-0003"),
        USERS, CHUNK);
    two.write();
    path.prepare(database, licensing, prefix + "-none", USERS, CHUNK); // a tenant set up as each target is, with no run

    Map<String, Long> real = shape(List.of(prefix + "-real"));
    assertThat(real).as("rows and column shapes of the real run").containsKey("lk_claims rows")
        .containsEntry("lk_claims rows", (long) USERS);
    assertThat(differences(real, shape(List.of(prefix + "-0001")))).as("one writer against the real run").isEmpty();
    Map<String, Long> realAndSetup = new LinkedHashMap<>(real); // two target tenants: one real run's rows and a second setup
    shape(List.of(prefix + "-none")).forEach((key, value) -> realAndSetup.merge(key, value, Long::sum));
    assertThat(differences(realAndSetup, shape(List.of(prefix + "-0002", prefix + "-0003")))).as("two writers against the real run")
        .isEmpty();
  }

  /** Each measure on which {@code floor} differs from {@code real}: "measure: real X, floor Y". */
  private static List<String> differences(Map<String, Long> real, Map<String, Long> floor) {
    List<String> differences = new ArrayList<>();
    for (String key : real.keySet()) {
      String table = key.substring(0, key.indexOf(key.contains(".") ? '.' : ' '));
      if (PER_RUN.containsKey(table) && floor.get(key) == 0) {
        assertThat(real.get(table + " rows")).as("rows of %s, written per run", table).isLessThanOrEqualTo(PER_RUN.get(table));
      } else if (!real.get(key).equals(floor.get(key))) {
        differences.add(key + ": real " + real.get(key) + ", floor " + floor.get(key));
      }
    }
    return differences;
  }

  /**
   * For every LicenseKit table with a tenant id: the rows of {@code tenants}, and per column its
   * non-null values and their stored bytes, except columns no two runs share (the store's own ids
   * and instants are the template's in the floor, but as long as the real run's).
   */
  private static Map<String, Long> shape(List<String> tenants) throws SQLException {
    Map<String, Long> shape = new LinkedHashMap<>();
    String in = String.join(", ", tenants.stream().map(t -> "'" + t + "'").toList());
    try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT c.table_name FROM information_schema.columns c"
          + " JOIN pg_class t ON t.relname = c.table_name AND t.relkind = 'r' WHERE c.table_schema = current_schema()"
          + " AND c.column_name = 'tenant_id' AND c.table_name LIKE 'lk\\_%' AND c.table_name NOT LIKE 'lk\\_keys\\_%'"
          + " ORDER BY c.table_name")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) {
        List<String[]> columns = FloorTemplate.columns(connection, table);
        StringBuilder sql = new StringBuilder("SELECT count(*)");
        for (String[] column : columns) {
          sql.append(", count(\"").append(column[0]).append("\"), COALESCE(sum(pg_column_size(\"").append(column[0]).append("\")), 0)");
        }
        sql.append(" FROM ").append(table).append(" WHERE tenant_id IN (").append(in).append(')');
        try (ResultSet rows = statement.executeQuery(sql.toString())) {
          rows.next();
          shape.put(table + " rows", rows.getLong(1));
          for (int i = 0; i < columns.size(); i++) {
            shape.put(table + "." + columns.get(i)[0] + " values", rows.getLong(2 + 2 * i));
            shape.put(table + "." + columns.get(i)[0] + " bytes", rows.getLong(3 + 2 * i));
          }
        }
      }
      try (ResultSet rows = statement.executeQuery("SELECT sum(seats_in_use) FROM lk_pools WHERE tenant_id IN (" + in + ")")) {
        rows.next();
        shape.put("seats in use", rows.getLong(1));
      }
    }
    return shape;
  }
}
