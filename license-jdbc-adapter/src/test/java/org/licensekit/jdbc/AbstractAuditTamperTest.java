package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AuditBreak;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.AuditChain;

/**
 * Someone with write access to the database edits, deletes, re-hashes or moves audit rows behind
 * LicenseKit's back; {@code audit().verify()} names the first place the chain breaks. (On
 * PostgreSQL the append-only trigger has to be switched off for the session first, as a superuser
 * could; {@link PostgresAuditTamperTest} shows that it refuses otherwise.)
 */
abstract class AbstractAuditTamperTest {

  private static final Map<Class<?>, TestDatabase> DATABASES = new ConcurrentHashMap<>();
  private static final Map<Class<?>, JdbcLicenseStore> STORES = new ConcurrentHashMap<>();

  final TenantId tenant = TenantId.of("district-" + UUID.randomUUID());
  TestDatabase database;
  JdbcLicenseStore store;

  abstract TestDatabase newDatabase();

  /** Runs {@code statement} on a connection where the audit table's guards (if any) are off. */
  abstract void tamper(Connection connection, String statement, Object... params) throws SQLException;

  @BeforeEach
  void setUp() {
    database = DATABASES.computeIfAbsent(getClass(), kind -> newDatabase());
    store = STORES.computeIfAbsent(getClass(), kind -> JdbcLicenseStore.builder(database.dataSource()).build());
  }

  AuditVerification verify() {
    return Licensing.builder().store(store).build().tenant(tenant).as(Actor.systemAdministrator("auditor")).audit().verify();
  }

  /** Five entries, e-1 to e-5, in one tenant, appended in three transactions. */
  void fiveEntries() {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      entries.add(AuditEntry.builder().id("e-" + i).at(Instant.parse("2026-09-0" + i + "T10:00:00.123456Z"))
          .actor(Actor.systemAdministrator("admin-1")).action(ChangeType.CLAIM_REVOKED).subjectType("claim")
          .subjectId("c-" + i).user(UserId.of("ana")).before("ACTIVE").after("REVOKED").reason("left").build());
    }
    store.audit().append(tenant, entries.subList(0, 2));
    store.audit().append(tenant, entries.subList(2, 3));
    store.audit().append(tenant, entries.subList(3, 5));
    assertThat(verify().intact()).isTrue();
  }

  void tamper(String statement, Object... params) {
    try (Connection connection = database.raw().getConnection()) {
      tamper(connection, statement.replace("audit_entries", "lk_audit_entries").replace("audit_chain_heads", "lk_audit_chain_heads"),
          params);
    } catch (SQLException e) {
      throw new IllegalStateException("tampering failed: " + e.getMessage(), e);
    }
  }

  static void run(Connection connection, String statement, Object... params) throws SQLException {
    try (PreparedStatement prepared = connection.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        prepared.setObject(i + 1, params[i]);
      }
      prepared.executeUpdate();
    }
  }

  private static void assertBreak(AuditVerification verification, long position, AuditBreak.Kind kind, long checked) {
    assertThat(verification.intact()).isFalse();
    assertThat(verification.entriesChecked()).isEqualTo(checked);
    AuditBreak found = verification.firstBreak().orElseThrow();
    assertThat(found.position()).as(found.message()).isEqualTo(position);
    assertThat(found.kind()).as(found.message()).isEqualTo(kind);
  }

  @Test
  void anEditedReasonIsCaughtAtItsEntry() {
    fiveEntries();

    tamper("UPDATE audit_entries SET reason = 'forged' WHERE tenant_id = ? AND chain_position = 3", tenant.value());

    AuditVerification verification = verify();
    assertBreak(verification, 3, AuditBreak.Kind.CONTENT_CHANGED, 2);
    assertThat(verification.firstBreak().orElseThrow().entryId()).contains("e-3");
  }

  @Test
  void anEditedInstantOrActorIsCaught() {
    fiveEntries();

    tamper("UPDATE audit_entries SET actor_id = 'someone-else' WHERE tenant_id = ? AND chain_position = 1", tenant.value());

    assertBreak(verify(), 1, AuditBreak.Kind.CONTENT_CHANGED, 0);
  }

  @Test
  void anEditedEntryWithARecomputedHashBreaksTheNextLink() {
    fiveEntries();
    AuditEntry forged = AuditEntry.builder().from(store.audit().chain(tenant, 1, 1).get(0).entry()).reason("forged").build();
    String previous = store.audit().chain(tenant, 1, 1).get(0).previousHash();

    tamper("UPDATE audit_entries SET reason = 'forged', entry_hash = ? WHERE tenant_id = ? AND chain_position = 2",
        AuditChain.hash(tenant, 2, previous, forged), tenant.value());

    assertBreak(verify(), 3, AuditBreak.Kind.LINK_BROKEN, 2);
  }

  @Test
  void aDeletedEntryIsCaughtWhereItWas() {
    fiveEntries();

    tamper("DELETE FROM audit_entries WHERE tenant_id = ? AND chain_position = 3", tenant.value());

    assertBreak(verify(), 3, AuditBreak.Kind.ENTRY_MISSING, 2);
  }

  @Test
  void deletingTheNewestEntriesIsCaughtByTheHead() {
    fiveEntries();

    tamper("DELETE FROM audit_entries WHERE tenant_id = ? AND chain_position >= 4", tenant.value());

    assertBreak(verify(), 4, AuditBreak.Kind.ENTRY_MISSING, 3);
  }

  @Test
  void anEntryMovedToAnotherTenantIsCaughtInBoth() {
    fiveEntries();
    TenantId other = TenantId.of("district-" + UUID.randomUUID());
    store.audit().append(other, List.of(AuditEntry.builder().id("x-1").at(Instant.parse("2026-09-01T00:00:00Z"))
        .actor(Actor.systemAdministrator("admin-1")).action(ChangeType.POOL_ADDED).subjectType("pool").subjectId("p").build()));

    tamper("UPDATE audit_entries SET tenant_id = ?, chain_position = 2 WHERE tenant_id = ? AND chain_position = 5",
        other.value(), tenant.value());

    assertBreak(verify(), 5, AuditBreak.Kind.ENTRY_MISSING, 4);
    AuditVerification theirs = Licensing.builder().store(store).build().tenant(other).as(Actor.system("auditor")).audit().verify();
    assertThat(theirs.intact()).isFalse();
  }

  @Test
  void entriesWrittenBeforeTheChainAreSealedByTheNextAppend() {
    for (int i = 1; i <= 3; i++) {
      tamper("INSERT INTO audit_entries (tenant_id, id, occurred_at, actor_kind, actor_id, action, subject_type, subject_id, "
          + "reason, chain_position) VALUES (?, ?, ?, 'SYSTEM_ADMINISTRATOR', 'admin-1', 'ORGANIZATION_DEFINED', "
          + "'organization', ?, 'before version 5', ?)",
          tenant.value(), "old-" + i, java.time.OffsetDateTime.parse("2025-01-0" + i + "T00:00:00Z"), "org-" + i, (long) i);
    }

    Licensing.builder().store(store).build().tenant(tenant).as(Actor.systemAdministrator("admin-1")).users()
        .defineOrganization(Organization.root(OrganizationId.of("north"), "North"));

    AuditVerification verification = verify();
    assertThat(verification.intact()).as("%s", verification).isTrue();
    assertThat(verification.entriesChecked()).isEqualTo(4);
    assertThat(Licensing.builder().store(store).build().tenant(tenant).as(Actor.system("auditor")).audit()
        .page(AuditQuery.all()).items()).extracting(AuditEntry::id).hasSize(4).endsWith("old-3", "old-2", "old-1");
  }
}
