package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresMigrationsTest extends AbstractMigrationsTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }

  /**
   * Every index of the accounts table is read by some query: no index on lower(email) alone (version
   * 24 dropped version 3's, which the e-mail key's expression index replaced in version 5); the
   * e-mail key's index stays.
   */
  @Test
  void noAccountIndexHoldsLowerEmailAloneAndTheEmailKeyIndexStays() throws SQLException {
    TestDatabase database = newDatabase();
    JdbcLicenseStore.builder(database.dataSource()).build();
    List<String> definitions = new ArrayList<>();
    try (Connection connection = database.raw().getConnection();
        ResultSet rows = connection.createStatement().executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'lk_users'")) {
      while (rows.next()) {
        definitions.add(rows.getString(1));
      }
    }
    assertThat(definitions).noneMatch(definition -> definition.contains("lower(") && !definition.contains("COALESCE(email_key"))
        .anyMatch(definition -> definition.contains("users_email_key_idx") && definition.contains("COALESCE(email_key, (lower(email))"));
  }
}
