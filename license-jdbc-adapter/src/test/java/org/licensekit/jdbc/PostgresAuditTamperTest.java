package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.AuditChainHead;

/**
 * Audit tampering on PostgreSQL: the append-only trigger refuses UPDATE, DELETE and TRUNCATE even
 * to a superuser, and the documented REVOKE refuses them to the application's role; a superuser who
 * switches triggers off for the session (session_replication_role) gets past both, and the hash
 * chain still catches the edit.
 */
class PostgresAuditTamperTest extends AbstractAuditTamperTest {

  @Override
  TestDatabase newDatabase() {
    return PostgresTestDatabase.create();
  }

  @Override
  void tamper(Connection connection, String statement, Object... params) throws SQLException {
    try (Statement replica = connection.createStatement()) {
      replica.execute("SET session_replication_role = replica");
    }
    run(connection, statement, params);
  }

  private void plainly(String statement) throws SQLException {
    try (Connection connection = database.raw().getConnection(); Statement plain = connection.createStatement()) {
      plain.execute(statement);
    }
  }

  @Test
  void theTriggerRefusesUpdateDeleteAndTruncateEvenToASuperuser() throws SQLException {
    fiveEntries();
    String where = " WHERE tenant_id = '" + tenant.value() + "' AND chain_position = 2";

    assertThatThrownBy(() -> plainly("UPDATE lk_audit_entries SET reason = 'forged'" + where))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("UPDATE");
    assertThatThrownBy(() -> plainly("DELETE FROM lk_audit_entries" + where))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("DELETE");
    assertThatThrownBy(() -> plainly("TRUNCATE lk_audit_entries"))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("TRUNCATE");
    assertThatThrownBy(() -> plainly("UPDATE lk_audit_entries SET entry_hash = NULL" + where))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    assertThat(verify().intact()).isTrue();
    assertThat(store.audit().head(tenant).map(AuditChainHead::position)).contains(5L);
  }

  @Test
  void onlyAnErasureMayRewriteAnEntrysPersonalFields() throws SQLException {
    fiveEntries();
    String where = " WHERE tenant_id = '" + tenant.value() + "' AND chain_position = 2";
    // marked as erased by the newest entry, which is no erasure
    assertThatThrownBy(() -> plainly("UPDATE lk_audit_entries SET reason = 'x', personal_salt = NULL, erased_by = 5,"
        + " personal_digests = repeat('a', 64) || ' - -'" + where))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    long erasure = erasedZoe();
    // an erasure may not change anything but the personal fields ...
    assertThatThrownBy(() -> plainly("UPDATE lk_audit_entries SET actor_id = 'x', reason = 'x', personal_salt = NULL,"
        + " erased_by = " + erasure + ", personal_digests = repeat('a', 64) || ' - -'" + where))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    // ... may not keep the salt, and a later erasure may not point backwards
    assertThatThrownBy(() -> plainly("UPDATE lk_audit_entries SET reason = 'x', erased_by = " + erasure
        + ", personal_digests = repeat('a', 64) || ' - -'" + where))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> plainly("UPDATE lk_audit_entries SET reason = 'x', erased_by = 1 WHERE tenant_id = '"
        + tenant.value() + "' AND erased_by = " + erasure))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    // the erasure's own update went through the trigger
    assertThat(verify().intact()).isTrue();
  }

  @Test
  void sealingAnOldEntryMayNotChangeItsContent() throws SQLException {
    fiveEntries();
    tamper("UPDATE audit_entries SET entry_hash = NULL, previous_hash = NULL WHERE tenant_id = ? AND chain_position = 5",
        tenant.value());

    assertThatThrownBy(() -> plainly("UPDATE lk_audit_entries SET entry_hash = repeat('a', 64), reason = 'forged' WHERE tenant_id = '"
        + tenant.value() + "' AND chain_position = 5"))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
  }

  @Test
  void theDocumentedRevokeRefusesTheApplicationRole() throws SQLException {
    fiveEntries();
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'licensekit_app') THEN "
          + "CREATE ROLE licensekit_app NOLOGIN; END IF; END $$");
      statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO licensekit_app");
      statement.execute("REVOKE UPDATE, DELETE, TRUNCATE ON lk_audit_entries FROM licensekit_app");
      statement.execute("GRANT UPDATE (before_state, after_state, reason, personal_salt, personal_digests, erased_by,"
          + " previous_hash, entry_hash) ON lk_audit_entries TO licensekit_app");
      statement.execute("SET ROLE licensekit_app");

      assertThatThrownBy(() -> statement.execute("UPDATE lk_audit_entries SET actor_id = 'x' WHERE tenant_id = '" + tenant.value() + "'"))
          .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");

      assertThatThrownBy(() -> statement.execute("DELETE FROM lk_audit_entries WHERE tenant_id = '" + tenant.value() + "'"))
          .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
      statement.execute("RESET ROLE");
    }
    assertThat(verify().intact()).isTrue();
  }
}
