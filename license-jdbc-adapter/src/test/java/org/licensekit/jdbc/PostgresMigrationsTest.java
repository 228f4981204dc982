package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;

class PostgresMigrationsTest extends AbstractMigrationsTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }

  /**
   * Every index of the accounts table is read by some query: no index on lower(email) alone (version
   * 24 dropped version 3's, which the e-mail key's expression index replaced in version 5); the
   * e-mail key is indexed only for accounts whose key is not their stored address (version 36: the
   * others' key is their address, which users_email_idx holds), so an account LicenseKit writes
   * has no entry in it.
   */
  @Test
  void noAccountIndexHoldsLowerEmailAloneAndTheEmailKeyIsIndexedOnlyWhereItIsNotTheAddress() throws SQLException {
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
        .noneMatch(definition -> definition.contains("COALESCE(email_key") && !definition.contains("WHERE"))
        .anyMatch(definition -> definition.contains("users_email_legacy_key_idx") && definition.contains("COALESCE(email_key, (lower(email))")
            && definition.contains("WHERE ((email_key)::text IS DISTINCT FROM email)"));
    assertThat(definitions).anyMatch(definition -> definition.contains("users_email_idx") && definition.contains("email COLLATE \"C\", id"));
  }

  /**
   * An appended audit entry's seq comes from a cache of the session's own (version 25): the
   * sequence behind it caches 1,000 values, and appended entries still get distinct values.
   */
  @Test
  void theAuditSeqSequenceCachesAThousandValuesAndNeverRepeatsOne() throws SQLException {
    TestDatabase database = newDatabase();
    JdbcLicenseStore store = JdbcLicenseStore.builder(database.dataSource()).build();
    try (Connection connection = database.raw().getConnection();
        ResultSet rows = connection.createStatement().executeQuery("SELECT s.cache_size FROM pg_sequences s"
            + " WHERE s.schemaname || '.' || s.sequencename = pg_get_serial_sequence('lk_audit_entries', 'seq')")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getLong(1)).isEqualTo(1_000L);
    }
    TenantId tenant = TenantId.of("t-seq");
    for (int append = 0; append < 2; append++) {
      List<AuditEntry> entries = new ArrayList<>();
      for (int i = 0; i < 20; i++) { // 20: the set-based append (COPY), as a bulk chunk's
        entries.add(AuditEntry.builder().id("a-" + append + "-" + i).at(Instant.parse("2026-11-30T09:00:00Z"))
            .actor(Actor.systemAdministrator("admin-1")).action(ChangeType.POOL_ADDED).subjectType("pool").subjectId("p-" + i).build());
      }
      store.transactions().inTransaction(() -> {
        store.audit().append(tenant, entries);
        return null;
      });
    }
    List<Long> seqs = new ArrayList<>();
    try (Connection connection = database.raw().getConnection();
        ResultSet rows = connection.createStatement().executeQuery("SELECT seq FROM lk_audit_entries WHERE tenant_id = 't-seq'")) {
      while (rows.next()) {
        seqs.add(rows.getLong(1));
      }
    }
    assertThat(seqs).hasSize(40).doesNotHaveDuplicates();
    assertThat(store.audit().chain(tenant, 0, 100)).hasSize(40);
  }
}
