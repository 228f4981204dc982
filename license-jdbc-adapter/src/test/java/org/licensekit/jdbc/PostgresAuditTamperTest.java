package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditChainHead;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.UserId;

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

  /**
   * A bulk chunk's summary row (schema version 30) and its entries' batched mark are where the
   * action and time filters find the chunk: neither may change, or an entry would vanish from
   * those filters (never from verify(), which reads the whole chain).
   */
  @Test
  void aChunksSummaryAndItsEntriesBatchedMarkNeverChange() throws SQLException {
    List<AuditEntry> chunk = new ArrayList<>();
    for (int i = 1; i <= 80; i++) {
      chunk.add(AuditEntry.builder().id("b-" + i).at(Instant.parse("2026-09-01T10:00:00Z")).actor(Actor.systemAdministrator("admin-1"))
          .action(ChangeType.CLAIM_ASSIGNED).subjectType("claim").subjectId("c-" + i).user(UserId.of("u-" + i)).after("PENDING").build());
    }
    store.audit().append(tenant, chunk);
    long erasure = erasedZoe();
    String batches = " lk_audit_batches WHERE tenant_id = '" + tenant.value() + "'";
    String third = " WHERE tenant_id = '" + tenant.value() + "' AND chain_position = 3";

    assertThatThrownBy(() -> plainly("UPDATE" + batches.replace(" WHERE", " SET last_at = first_at WHERE")))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("UPDATE");
    assertThatThrownBy(() -> plainly("DELETE FROM" + batches))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("DELETE");
    assertThatThrownBy(() -> plainly("TRUNCATE lk_audit_batches"))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("TRUNCATE");
    assertThatThrownBy(() -> plainly("UPDATE lk_audit_entries SET batched = false" + third))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    // an erasure's rewrite that would pass the trigger, but also unmarks the entry
    String rewrite = "UPDATE lk_audit_entries SET reason = 'x', personal_salt = NULL, erased_by = " + erasure
        + ", personal_digests = COALESCE(personal_digests, repeat('a', 64) || ' - -')";
    assertThatThrownBy(() -> plainly(rewrite + ", batched = false" + third))
        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    plainly(rewrite + third);
    try (Connection connection = database.raw().getConnection(); Statement read = connection.createStatement();
        java.sql.ResultSet marks = read.executeQuery("SELECT batched, reason FROM lk_audit_entries" + third)) {
      assertThat(marks.next()).isTrue();
      assertThat(marks.getBoolean(1)).as("still batched").isTrue();
      assertThat(marks.getString(2)).as("the rewrite without the unmarking went through").isEqualTo("x");
    }
  }

  @Test
  void sealingAnOldEntryMayNotChangeItsContent() throws SQLException {
    fiveEntries();
    tamper("UPDATE audit_entries SET entry_hash = NULL, previous_hash = NULL WHERE tenant_id = ? AND chain_position = 5",
        tenant.value());

    assertThatThrownBy(() -> plainly("UPDATE lk_audit_entries SET entry_hash = decode(repeat('a', 64), 'hex'), reason = 'forged' WHERE tenant_id = '"
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
