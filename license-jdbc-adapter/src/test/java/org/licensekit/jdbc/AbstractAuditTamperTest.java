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
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.Erasure;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.AuditBreak;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
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

  /**
   * Every stored hash is the documented encoding's, re-computed in Java, whichever path appended
   * it: on PostgreSQL the first append (which creates the head) chains in Java, the next ones of at
   * most 64 entries in the database, a larger one in Java again. Fields with multi-byte characters
   * and absent fields keep the length prefixes honest.
   */
  @Test
  void theStoredHashesAreTheDocumentedEncodingWhicheverPathAppended() {
    TenantId zoe = TenantId.of("zoe-" + UUID.randomUUID());
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= 140; i++) {
      var entry = AuditEntry.builder().id("ë-" + i).at(Instant.parse("2026-09-02T10:00:00Z").plusNanos(i * 1_001L))
          .actor(Actor.systemAdministrator("admin-7")).action(ChangeType.CLAIM_REVOKED).subjectType("claim").subjectId("c-" + i);
      if (i % 2 == 0) {
        entry.user(UserId.of("ana-" + i)).before("ACTIVE ✓").reason("left — " + i);
      }
      if (i % 3 == 0) {
        entry.after("");
      }
      entries.add(entry.build());
    }
    store.audit().append(zoe, entries.subList(0, 1));
    store.audit().append(zoe, entries.subList(1, 2));
    store.audit().append(zoe, entries.subList(2, 66));
    store.audit().append(zoe, entries.subList(66, 140));

    List<AuditLink> links = store.audit().chain(zoe, 0, 1000);
    assertThat(links).extracting(AuditLink::position).containsExactlyElementsOf(
        java.util.stream.LongStream.rangeClosed(1, 140).boxed().toList());
    String previous = AuditChain.GENESIS;
    for (AuditLink link : links) {
      assertThat(link.previousHash()).as("previous hash at %d", link.position()).isEqualTo(previous);
      assertThat(link.seal().version()).isEqualTo(2);
      String digests = AuditChain.digests(link.entry(), link.seal().salt().orElseThrow());
      assertThat(link.hash()).as("hash at %d", link.position())
          .isEqualTo(AuditChain.hashVersion2(zoe, link.position(), previous, link.entry(), digests));
      assertThat(link.entry()).isEqualTo(AuditChain.stored(entries.get((int) link.position() - 1)));
      previous = link.hash();
    }
    assertThat(store.audit().head(zoe).orElseThrow()).isEqualTo(links.get(139).head());
    assertThat(links.stream().map(link -> link.seal().salt().orElseThrow()).distinct()).hasSize(140);
    assertThat(Licensing.builder().store(store).build().tenant(zoe).as(Actor.systemAdministrator("auditor")).audit().verify())
        .isEqualTo(new AuditVerification(140, java.util.Optional.empty()));
  }

  @Test
  void twoEntriesSwappedAreCaughtAtTheFirst() {
    fiveEntries();

    tamper("UPDATE audit_entries SET chain_position = 1000 WHERE tenant_id = ? AND chain_position = 3", tenant.value());
    tamper("UPDATE audit_entries SET chain_position = 3 WHERE tenant_id = ? AND chain_position = 4", tenant.value());
    tamper("UPDATE audit_entries SET chain_position = 4 WHERE tenant_id = ? AND chain_position = 1000", tenant.value());

    AuditVerification verification = verify();
    assertBreak(verification, 3, AuditBreak.Kind.LINK_BROKEN, 2);
    assertThat(verification.firstBreak().orElseThrow().entryId()).contains("e-4");
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
    AuditLink second = store.audit().chain(tenant, 1, 1).get(0);
    AuditEntry forged = AuditEntry.builder().from(second.entry()).reason("forged").build();

    tamper("UPDATE audit_entries SET reason = 'forged', entry_hash = ? WHERE tenant_id = ? AND chain_position = 2",
        java.util.HexFormat.of().parseHex(
            AuditChain.expectedHash(tenant, new AuditLink(2, second.previousHash(), "", forged, second.seal())).orElseThrow()),
        tenant.value());

    assertBreak(verify(), 3, AuditBreak.Kind.LINK_BROKEN, 2);
  }

  /**
   * Schema version 31: an entry's salt, previous hash and hash are stored as their 32 bytes, which
   * are the bytes of the hex digits the chain links carry, whichever path appended the entry.
   */
  @Test
  void theSaltAndBothHashesAreStoredAsTheirThirtyTwoBytes() throws SQLException {
    fiveEntries();
    List<AuditLink> links = store.audit().chain(tenant, 0, 10);
    java.util.HexFormat hex = java.util.HexFormat.of();
    try (Connection connection = database.raw().getConnection();
        PreparedStatement read = connection.prepareStatement("SELECT personal_salt, previous_hash, entry_hash FROM lk_audit_entries"
            + " WHERE tenant_id = ? ORDER BY chain_position")) {
      read.setString(1, tenant.value());
      try (java.sql.ResultSet rows = read.executeQuery()) {
        for (AuditLink link : links) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getBytes(1)).as("salt at %d", link.position()).hasSize(32)
              .isEqualTo(hex.parseHex(link.seal().salt().orElseThrow()));
          assertThat(rows.getBytes(2)).as("previous hash at %d", link.position()).hasSize(32)
              .isEqualTo(hex.parseHex(link.previousHash()));
          assertThat(rows.getBytes(3)).as("hash at %d", link.position()).hasSize(32).isEqualTo(hex.parseHex(link.hash()));
        }
        assertThat(rows.next()).isFalse();
      }
    }
    assertThat(links).hasSize(5);
    assertThat(links.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
  }

  /**
   * A chain head edited outside LicenseKit to a text that is no hash: later appends still go in (on
   * PostgreSQL both the batch and the in-database statement), naming that text as their first
   * entry's previous hash, and the verification catches the link there.
   */
  @Test
  void aForgedChainHeadIsCaughtAtTheNextAppendedEntry() {
    fiveEntries();
    tamper("UPDATE audit_chain_heads SET entry_hash = 'FORGED' WHERE tenant_id = ?", tenant.value());

    Licensing.builder().store(store).build().tenant(tenant).as(Actor.systemAdministrator("admin-1")).users()
        .defineOrganization(Organization.root(OrganizationId.of("north"), "North"));

    assertBreak(verify(), 6, AuditBreak.Kind.LINK_BROKEN, 5);
    assertThat(store.audit().chain(tenant, 5, 1).get(0).previousHash()).isNotEqualTo(store.audit().chain(tenant, 4, 1).get(0).hash());
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

  /** Zoë, registered and archived with her name in reasons, erased; returns the erasure's position. */
  long erasedZoe() {
    ActorSession admin = Licensing.builder().store(store).build().tenant(tenant).as(Actor.systemAdministrator("admin-1"));
    admin.users().register(NewUser.builder().id(UserId.of("zoe")).name("Zoë Quandt").email("zoe.quandt@example.org").build());
    admin.users().archive(UserId.of("zoe"), "Zoë Quandt left");
    Erasure erasure = admin.privacy().erase(UserId.of("zoe"), "request 17");
    assertThat(erasure.auditEntriesRewritten()).isGreaterThanOrEqualTo(2);
    assertThat(verify().intact()).isTrue();
    return store.audit().head(tenant).orElseThrow().position();
  }

  @Test
  void aRewrittenEntryEditedAfterTheErasureIsCaughtAtItsEntry() {
    fiveEntries();
    long erasure = erasedZoe();

    tamper("UPDATE audit_entries SET reason = 'Zoë Quandt left' WHERE tenant_id = ? AND erased_by = ? AND action = 'USER_ARCHIVED'",
        tenant.value(), erasure);

    AuditVerification verification = verify();
    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBreak().orElseThrow().kind()).isEqualTo(AuditBreak.Kind.CONTENT_CHANGED);
    assertThat(verification.firstBreak().orElseThrow().position()).isEqualTo(erasure - 1);
  }

  @Test
  void anEntryMarkedErasedThatTheErasureDidNotRewriteIsCaught() {
    fiveEntries();
    long erasure = erasedZoe();
    AuditLink third = store.audit().chain(tenant, 2, 1).get(0);

    tamper("UPDATE audit_entries SET reason = 'nothing happened', personal_salt = NULL, personal_digests = ?, erased_by = ? "
        + "WHERE tenant_id = ? AND chain_position = 3",
        AuditChain.digests(third.entry(), third.seal().salt().orElseThrow()), erasure, tenant.value());

    AuditVerification verification = verify();
    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBreak().orElseThrow().position()).isEqualTo(3);
    assertThat(verification.firstBreak().orElseThrow().kind()).isEqualTo(AuditBreak.Kind.CONTENT_CHANGED);
  }

  @Test
  void entriesOfTheFirstEncodingAreRewrittenAndVouchedForByTheErasure() {
    // two entries as written before version 5 (and so hashed with version 1 when sealed) name Zoë
    for (int i = 1; i <= 2; i++) {
      tamper("INSERT INTO audit_entries (tenant_id, id, occurred_at, actor_kind, actor_id, action, subject_type, subject_id, "
          + "user_id, after_state, reason, chain_position) VALUES (?, ?, ?, 'SYSTEM_ADMINISTRATOR', 'admin-1', 'USER_UPDATED', "
          + "'user', 'zoe', 'zoe', 'UserAccount{id=zoe, name=Zoë Quandt, email=zoe.quandt@example.org}', 'by Zoë Quandt', ?)",
          tenant.value(), "old-" + i, java.time.OffsetDateTime.parse("2025-01-0" + i + "T00:00:00Z"), (long) i);
    }
    long erasure = erasedZoe();
    List<AuditLink> chain = store.audit().chain(tenant, 0, 100);
    assertThat(chain.get(0).seal().version()).isEqualTo(1);
    assertThat(chain.get(0).seal().erasedBy()).contains(erasure);
    assertThat(chain).allSatisfy(link -> assertThat(link.entry().toString()).doesNotContain("Quandt", "zoe.quandt"));
    assertThat(verify().entriesChecked()).isEqualTo(erasure);

    tamper("UPDATE audit_entries SET reason = 'by somebody else' WHERE tenant_id = ? AND chain_position = 2", tenant.value());

    AuditVerification verification = verify();
    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstBreak().orElseThrow().position()).isEqualTo(2);
  }
}
