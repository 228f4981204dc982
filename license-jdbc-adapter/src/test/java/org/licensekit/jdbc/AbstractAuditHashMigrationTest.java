package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AuditBreak;
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
 * Schema version 31 on a database whose audit entries were written while the hashes and salt were
 * 64 hex digits ({@code CHAR(64)}): every value converts to the same digits' bytes, so an intact
 * trail still verifies, keeps growing on every append path and still verifies; an entry edited
 * before the migration (its content, or its hash's digits in upper case) is still caught where it
 * was; an entry edited after it is caught; entries older than the chain are still sealed.
 */
abstract class AbstractAuditHashMigrationTest {

  private static final TenantId INTACT = TenantId.of("intact");
  private static final TenantId EDITED = TenantId.of("edited");
  private static final TenantId UPPER_CASE = TenantId.of("upper-case");
  private static final TenantId UNCHAINED = TenantId.of("unchained");
  private static final String OLD_ROW = "INSERT INTO lk_audit_entries (tenant_id, id, occurred_at, actor_kind, actor_id, action,"
      + " subject_type, subject_id, user_id, before_state, after_state, reason, chain_position, previous_hash, entry_hash,"
      + " hash_version, personal_salt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2, ?)";

  abstract TestDatabase newDatabase();

  /** The folder of the dialect's migrations. */
  abstract String dialect();

  /** The newest version before 31 of the dialect's migrations. */
  abstract String versionBefore();

  /** Runs {@code statement} on the database past any guard against editing audit entries. */
  abstract void tamper(Connection connection, String statement, Object... params) throws SQLException;

  @Test
  void entriesWrittenAsHexDigitsStillVerifyAndTamperingIsStillCaught() throws SQLException {
    TestDatabase database = newDatabase();
    migrateTo(database, versionBefore());
    try (Connection connection = database.raw().getConnection()) {
      writeAsHexDigits(connection, INTACT, AuditChain.link(INTACT, AuditChain.emptyHead(), entries(INTACT, 6)), Optional.empty());
      writeAsHexDigits(connection, EDITED, AuditChain.link(EDITED, AuditChain.emptyHead(), entries(EDITED, 6)), Optional.of(3L));
      List<AuditLink> upper = AuditChain.link(UPPER_CASE, AuditChain.emptyHead(), entries(UPPER_CASE, 4));
      writeAsHexDigits(connection, UPPER_CASE, upper, Optional.empty());
      tamper(connection, "UPDATE lk_audit_entries SET entry_hash = ? WHERE tenant_id = ? AND chain_position = 2",
          upper.get(1).hash().toUpperCase(java.util.Locale.ROOT), UPPER_CASE.value());
      for (int i = 1; i <= 3; i++) {
        tamper(connection, "INSERT INTO lk_audit_entries (tenant_id, id, occurred_at, actor_kind, actor_id, action, subject_type,"
            + " subject_id, reason, chain_position) VALUES (?, ?, ?, 'SYSTEM_ADMINISTRATOR', 'admin-1', 'ORGANIZATION_DEFINED',"
            + " 'organization', ?, 'before version 5', ?)", UNCHAINED.value(), "old-" + i,
            OffsetDateTime.parse("2025-01-0" + i + "T00:00:00Z"), "org-" + i, (long) i);
      }
    }

    JdbcLicenseStore store = JdbcLicenseStore.builder(database.dataSource()).build();

    assertThat(verify(store, INTACT)).isEqualTo(new AuditVerification(6, Optional.empty()));
    assertBreak(verify(store, EDITED), 3, AuditBreak.Kind.CONTENT_CHANGED);
    assertBreak(verify(store, UPPER_CASE), 2, AuditBreak.Kind.CONTENT_CHANGED);
    try (Connection connection = database.raw().getConnection();
        PreparedStatement read = connection.prepareStatement("SELECT chain_position, entry_hash FROM lk_audit_entries"
            + " WHERE tenant_id = ? ORDER BY chain_position")) {
      read.setString(1, INTACT.value());
      List<AuditLink> links = store.audit().chain(INTACT, 0, 10);
      try (ResultSet rows = read.executeQuery()) {
        for (AuditLink link : links) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getBytes(2)).as("hash at %d", link.position()).isEqualTo(HexFormat.of().parseHex(link.hash()));
        }
      }
    }

    // the trail grows on every path: one entry (on PostgreSQL chained in the database), then a chunk (COPY)
    store.audit().append(INTACT, entries(INTACT, 1));
    store.audit().append(INTACT, entries(INTACT, 40));
    assertThat(verify(store, INTACT)).isEqualTo(new AuditVerification(47, Optional.empty()));
    try (Connection connection = database.raw().getConnection()) {
      tamper(connection, "UPDATE lk_audit_entries SET reason = 'edited after' WHERE tenant_id = ? AND chain_position = 4",
          INTACT.value());
    }
    assertBreak(verify(store, INTACT), 4, AuditBreak.Kind.CONTENT_CHANGED);

    Licensing.builder().store(store).build().tenant(UNCHAINED).as(Actor.systemAdministrator("admin-1")).users()
        .defineOrganization(Organization.root(OrganizationId.of("north"), "North"));
    assertThat(verify(store, UNCHAINED)).isEqualTo(new AuditVerification(4, Optional.empty()));
  }

  private void migrateTo(TestDatabase database, String version) throws SQLException {
    String history;
    try (Connection connection = database.raw().getConnection()) {
      history = Dialect.folded(connection.getMetaData(), "lk_schema_history");
    }
    Flyway.configure(getClass().getClassLoader()).dataSource(database.raw()).locations("classpath:db/licensekit/" + dialect())
        .placeholders(Map.of(Migrations.PREFIX_PLACEHOLDER, "lk_")).table(history).baselineOnMigrate(true).baselineVersion("0")
        .target(version).load().migrate();
  }

  /** The links' rows as the store wrote them before version 31, and the head; one row's reason edited after hashing. */
  private void writeAsHexDigits(Connection connection, TenantId tenant, List<AuditLink> links, Optional<Long> edited)
      throws SQLException {
    for (AuditLink link : links) {
      AuditEntry e = link.entry();
      String reason = edited.filter(position -> position == link.position()).map(position -> "edited before").orElse(e.reason().orElse(null));
      tamper(connection, OLD_ROW, tenant.value(), e.id(), OffsetDateTime.ofInstant(e.at(), ZoneOffset.UTC), e.actor().kind().name(),
          e.actor().id(), e.action().name(), e.subjectType(), e.subjectId(), e.user().map(UserId::value).orElse(null),
          e.before().orElse(null), e.after().orElse(null), reason, link.position(), link.previousHash(), link.hash(),
          link.seal().salt().orElseThrow());
    }
    tamper(connection, "INSERT INTO lk_audit_chain_heads (tenant_id, chain_position, entry_hash) VALUES (?, ?, ?)", tenant.value(),
        links.get(links.size() - 1).position(), links.get(links.size() - 1).hash());
  }

  /** {@code n} entries with and without a user and personal fields, some of them beyond Latin-1. */
  private static List<AuditEntry> entries(TenantId tenant, int n) {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      var entry = AuditEntry.builder().id(tenant.value() + "-" + java.util.UUID.randomUUID())
          .at(Instant.parse("2026-10-01T08:00:00Z").plusNanos(i * 1_234_567L)).actor(Actor.systemAdministrator("admin-7"))
          .action(i % 2 == 0 ? ChangeType.CLAIM_ASSIGNED : ChangeType.ROLE_GRANTED).subjectType("claim").subjectId("c-" + i);
      if (i % 2 == 0) {
        entry.user(UserId.of("zoe-" + i)).before("PENDING ✓").reason("term — " + i);
      }
      if (i % 3 == 0) {
        entry.after("");
      }
      entries.add(entry.build());
    }
    return entries;
  }

  private static AuditVerification verify(JdbcLicenseStore store, TenantId tenant) {
    return Licensing.builder().store(store).build().tenant(tenant).as(Actor.systemAdministrator("auditor")).audit().verify();
  }

  private static void assertBreak(AuditVerification verification, long position, AuditBreak.Kind kind) {
    assertThat(verification.intact()).isFalse();
    AuditBreak found = verification.firstBreak().orElseThrow();
    assertThat(found.position()).as(found.message()).isEqualTo(position);
    assertThat(found.kind()).as(found.message()).isEqualTo(kind);
  }

  static void run(Connection connection, String statement, Object... params) throws SQLException {
    try (PreparedStatement prepared = connection.prepareStatement(statement)) {
      for (int i = 0; i < params.length; i++) {
        prepared.setObject(i + 1, params[i]);
      }
      prepared.executeUpdate();
    }
  }
}
