package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * {@code enrollNewAccounts} (a bulk new-user setup's memberships) on PostgreSQL: its statements run
 * with the memberships' re-key trigger off (schema version 32), only its own statements, and a
 * bulk registration no longer calls the re-key function at all while its claims still get their
 * user's smallest organization.
 */
class PostgresNewAccountsEnrolmentTest {

  private static final TenantId TENANT = TenantId.of("t-newaccounts");
  private static final OrganizationId SCHOOL_1 = OrganizationId.of("school-1");
  private static final OrganizationId SCHOOL_5 = OrganizationId.of("school-5");
  private static final OrganizationId SCHOOL_9 = OrganizationId.of("school-9");

  @Test
  void enrollingNewAccountsReKeysNothingWhileAGrantInTheSameTransactionStillDoes() throws SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore store = JdbcLicenseStore.builder(database.dataSource()).build();
    ActorSession admin = tenant(store);
    // two users with claims, keyed by their only school (school-9): what a re-key would change
    for (String id : List.of("held-a", "held-b")) {
      admin.users().register(NewUser.builder().id(UserId.of(id)).name("Held " + id).email(id + "@example.org")
          .jobProfile(DefaultCatalog.TEACHER).addOrganizations(SCHOOL_9).build());
    }
    DataSource data = database.raw();
    assertThat(keyOf(data, "held-a")).isEqualTo("school-9");

    store.transactions().inTransaction(() -> {
      // against the method's contract (held-a has a claim), to see that its statements skip the re-key
      store.directory().enrollNewAccounts(TENANT, List.of(Membership.of(UserId.of("held-a"), SCHOOL_1, Set.of(DefaultCatalog.OBSERVER))));
      // the setting is back off for the transaction's next membership statement
      store.directory().grantRoles(TENANT, List.of(Membership.of(UserId.of("held-b"), SCHOOL_1, Set.of(DefaultCatalog.OBSERVER))));
      return null;
    });

    assertThat(keyOf(data, "held-a")).as("the claim of a user enrolled as a new account: not re-keyed").isEqualTo("school-9");
    assertThat(keyOf(data, "held-b")).as("the claim of a user granted a role afterwards: re-keyed").isEqualTo("school-1");
    assertThat(count(data, "SELECT COUNT(*) FROM lk_membership_roles WHERE user_id = 'held-a' AND organization_id = 'school-1'"))
        .as("the enrolment's role row").isEqualTo(1);
  }

  @Test
  void aBulkRegistrationNeverCallsTheReKeyFunctionAndKeysItsClaims() throws SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    DataSource data = database.raw();
    JdbcLicenseStore store = JdbcLicenseStore.builder(database.dataSource()).build();
    ActorSession admin = tenant(store);
    // from now on a call of the re-key function fails its statement (and so its chunk, and each user redone alone)
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE OR REPLACE FUNCTION lk_rekey_claims_by_membership() RETURNS trigger LANGUAGE plpgsql AS $$"
          + " BEGIN RAISE EXCEPTION 'the memberships re-key function was called by %', TG_OP; END $$");
    }
    List<NewUser> users = IntStream.range(0, 45).mapToObj(i -> (NewUser) NewUser.builder().id(UserId.of(String.format("n-%03d", i)))
        .name("New " + i).email("n" + i + "@example.org").jobProfile(DefaultCatalog.TEACHER)
        .addAllOrganizations(i % 3 == 0 ? List.of(SCHOOL_9, SCHOOL_5) : List.of(SCHOOL_9)).build()).toList();

    assertThat(admin.bulk().register(BulkRegistration.of(users).chunkSize(10).build()).done()).as("users registered").isEqualTo(45);

    assertThat(count(data, "SELECT COUNT(*) FROM lk_claims WHERE user_id LIKE 'n-%'")).as("claims (two products each)").isEqualTo(90);
    assertThat(count(data, "SELECT COUNT(*) FROM lk_claims c WHERE c.user_id LIKE 'n-%' AND c.organization_key IS DISTINCT FROM"
        + " (SELECT MIN(m.organization_id) FROM lk_memberships m WHERE m.tenant_id = c.tenant_id AND m.user_id = c.user_id)"))
        .as("claims whose key is not their user's smallest organization").isZero();
    assertThat(count(data, "SELECT COUNT(*) FROM lk_memberships WHERE user_id LIKE 'n-%'")).as("memberships").isEqualTo(60);
    assertThat(count(data, "SELECT COUNT(*) FROM lk_membership_roles WHERE user_id LIKE 'n-%'")).as("role rows").isEqualTo(60);
  }

  private static ActorSession tenant(JdbcLicenseStore store) {
    ActorSession admin = Licensing.builder().store(store).build().tenant(TENANT).as(Actor.systemAdministrator("admin"));
    LicensingTestSupport.defineStandardCatalog(admin);
    for (OrganizationId school : List.of(SCHOOL_1, SCHOOL_5, SCHOOL_9)) {
      admin.users().defineOrganization(Organization.child(school, "School " + school.value(), LicensingTestSupport.DISTRICT));
    }
    Term term = Term.of(java.time.Instant.now().minusSeconds(86_400), java.time.Instant.now().plusSeconds(365L * 86_400));
    for (var product : List.of(LicensingTestSupport.OBSERVATION, LicensingTestSupport.COACHING)) {
      admin.pools().add(NewPool.builder().id(PoolId.of("pool-" + product.value())).product(product).seats(1_000).term(term).build());
    }
    return admin;
  }

  private static String keyOf(DataSource data, String user) throws SQLException {
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT string_agg(DISTINCT organization_key, ',') FROM lk_claims WHERE user_id = '" + user + "'")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private static long count(DataSource data, String sql) throws SQLException {
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
