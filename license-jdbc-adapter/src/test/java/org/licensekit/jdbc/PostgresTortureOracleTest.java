package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.MutableClock;
import org.licensekit.testkit.rules.CommittedChange;
import org.licensekit.testkit.rules.CommittedChange.Kind;
import org.licensekit.testkit.rules.TortureWorkload;

/**
 * The multi-JVM torture run's database oracle finds what it is there to find: on a small history
 * made through the public API it finds nothing, and each kind of damage done behind LicenseKit's
 * back (a lost role, a status or e-mail put back, a counter off, a commit the audit trail lacks, an
 * undelivered or phantom message) is named.
 */
class PostgresTortureOracleTest {

  private static final String TENANT = "oracle";
  private static final UserId ANA = UserId.of("ana");

  private PostgresTestDatabase database;
  private final List<TortureDatabaseOracle.Receipt> receipts = new ArrayList<>();
  private final List<CommittedChange> commits = new ArrayList<>();
  private ActorSession admin;

  @BeforeEach
  void makeAHistory() {
    database = PostgresTestDatabase.create();
    Licensing licensing = Licensing.builder()
        .store(JdbcLicenseStore.builder(database.dataSource()).build())
        .clock(new MutableClock(LicensingTestSupport.START))
        .notifier(n -> receipts.add(new TortureDatabaseOracle.Receipt(n.messageId().orElseThrow(), n.tenant().value(), "NOTIFICATION")))
        .events(e -> receipts.add(new TortureDatabaseOracle.Receipt(e.messageId().orElseThrow(), e.tenant().value(), "EVENT")))
        .build();
    TenantLicensing tenant = licensing.tenant(TenantId.of(TENANT));
    admin = tenant.as(TortureWorkload.ADMIN);
    LicensingTestSupport.defineStandardCatalog(admin);
    admin.pools().add(NewPool.builder().id(PoolId.of("observation")).product(LicensingTestSupport.OBSERVATION).seats(3)
        .term(org.licensekit.core.domain.Term.of(LicensingTestSupport.START.minusSeconds(86_400), LicensingTestSupport.START.plusSeconds(86_400 * 300L)))
        .build());
    admin.users().register(NewUser.builder().id(ANA).name("Ana").email("ana@example.org").addOrganizations(LicensingTestSupport.NORTH).build());
    admin.users().activate(ANA);
    commit(Kind.ACTIVATE, "", "", "");
    admin.assignments().assignRole(ANA, LicensingTestSupport.NORTH, DefaultCatalog.OBSERVER);
    commit(Kind.GRANT_ROLE, LicensingTestSupport.NORTH.value(), DefaultCatalog.OBSERVER.value(), "");
    admin.users().update(UserUpdate.builder().id(ANA).email("ana.2@example.org").build());
    commit(Kind.EDIT_EMAIL, "", "", "ana.2@example.org");
    admin.users().suspend(ANA, "leave");
    commit(Kind.SUSPEND, "", "", "");
  }

  @Test
  void aHistoryMadeThroughTheApiBreaksNoRule() throws SQLException {
    assertThat(oracle().violations()).isEmpty();
  }

  @Test
  void aRoleDeletedBehindLicenseKitsBackIsALostRole() throws SQLException {
    execute("DELETE FROM lk_membership_roles WHERE user_id = 'ana'");

    assertThat(oracle().violations()).anyMatch(v -> v.startsWith("lost role: membership oracle/ana@north-high holds []"));
  }

  @Test
  void aStatusOrEmailPutBackIsLost() throws SQLException {
    execute("UPDATE lk_users SET status = 'ACTIVE', email = 'ana@example.org' WHERE id = 'ana'");

    assertThat(oracle().violations())
        .anyMatch(v -> v.startsWith("lost status: oracle/ana is ACTIVE"))
        .anyMatch(v -> v.startsWith("lost e-mail: oracle/ana has ana@example.org"));
  }

  @Test
  void aCommitTheAuditTrailLacksIsNamed() throws SQLException {
    commit(Kind.SUSPEND, "", "", "");
    commit(Kind.GRANT_ROLE, LicensingTestSupport.SOUTH.value(), DefaultCatalog.PROCTOR.value(), "");

    assertThat(oracle().violations())
        .anyMatch(v -> v.equals("log vs audit: oracle/ana has 2 committed SUSPEND but 1 USER_SUSPENDED entries"))
        .anyMatch(v -> v.contains("the committed grant of PROCTOR to ana in south-middle is in no audit entry"));
  }

  @Test
  void aCounterOffTheLiveClaimsIsNamed() throws SQLException {
    execute("UPDATE lk_pools SET seats_in_use = seats_in_use + 1 WHERE id = 'observation'");

    assertThat(oracle().violations()).anyMatch(v -> v.startsWith("rule 1: pool oracle/observation counts"));
  }

  @Test
  void anUndeliveredOrPhantomMessageIsNamed() throws SQLException {
    TortureDatabaseOracle.Receipt first = receipts.remove(0);
    receipts.add(new TortureDatabaseOracle.Receipt("no-such-message", TENANT, "EVENT"));

    assertThat(oracle().violations())
        .anyMatch(v -> v.startsWith("outbox: message " + first + " never reached the receiver"))
        .anyMatch(v -> v.startsWith("outbox: the receiver got Receipt[id=no-such-message"));
  }

  @Test
  void aBulkImportsBatchMessageIsDeliveredAsEachOfItsNotificationsAndAMissingOneIsNamed() throws SQLException {
    admin.bulk().register(BulkRegistration.of(List.of(
        NewUser.builder().id(UserId.of("bo")).name("Bo").email("bo@example.org").build(),
        NewUser.builder().id(UserId.of("cy")).name("Cy").email("cy@example.org").build())).build());
    TortureDatabaseOracle.Receipt second = receipts.stream().filter(r -> r.id().endsWith("/2")).findFirst().orElseThrow();

    assertThat(oracle().violations()).noneMatch(v -> v.startsWith("outbox"));

    receipts.remove(second);
    assertThat(oracle().violations()).anyMatch(v -> v.startsWith("outbox: message " + second + " never reached the receiver"));
  }

  private TortureDatabaseOracle oracle() throws SQLException {
    TortureDatabaseOracle oracle = new TortureDatabaseOracle(database.raw());
    oracle.checkSeats();
    oracle.checkClaimHistories();
    oracle.checkAccounts(commits);
    oracle.checkMemberships(commits);
    oracle.checkOutbox(receipts);
    return oracle;
  }

  private void commit(Kind kind, String organization, String role, String value) {
    commits.add(new CommittedChange(TENANT, kind, ANA.value(), organization, role, value));
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
