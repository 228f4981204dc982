package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.UserCriteria;

/**
 * A page of accounts and the count of an organization filter on PostgreSQL ({@code findUsers},
 * {@code countUsers}) read about what they return whatever the statistics say: on tables never
 * analyzed (autovacuum off), on tables whose only statistics saw the first chunk of users (a fresh
 * install's first import), and on analyzed tables. Each statement runs several times, so the
 * driver's and the server's generic plan is checked too. The statements start from the
 * organization's memberships in id order and probe each candidate's account by its primary key, a
 * shape the planner cannot reorder.
 */
class PostgresUserFilterPlanTest {

  private static final int USERS = 6_000;
  private static final int FIRST_CHUNK = 200;
  private static final int PAGE = 200;
  private static final int RUNS = 6;
  private static final TenantId TENANT = TenantId.of("filters");

  @Test
  void pagesAndCountsOfAnOrganizationReadAboutWhatTheyReturnBeforeAndAfterAnalyze() throws SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    seed(database, false);
    PlanCapturingDataSource plans = new PlanCapturingDataSource(database.raw());
    JdbcLicenseStore store = JdbcLicenseStore.builder(plans).migrate(false).build();
    assertReadsAboutWhatItReturns("never analyzed", store, plans);
    execute(database, "ANALYZE");
    assertReadsAboutWhatItReturns("analyzed", store, plans);
  }

  @Test
  void pagesAndCountsOfAnOrganizationReadAboutWhatTheyReturnWithStatisticsOfTheFirstChunkOnly() throws SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    seed(database, true);
    PlanCapturingDataSource plans = new PlanCapturingDataSource(database.raw());
    assertReadsAboutWhatItReturns("statistics of the first chunk", JdbcLicenseStore.builder(plans).migrate(false).build(), plans);
  }

  /**
   * Odd users are in school A (half of them holding the observer role there), even ones in school
   * B, so each school's members spread over the whole id range; with {@code firstChunkStatistics}
   * the tables are analyzed after the first {@value #FIRST_CHUNK} users only.
   */
  private static void seed(PostgresTestDatabase database, boolean firstChunkStatistics) throws SQLException {
    JdbcLicenseStore.builder(database.raw()).build();
    execute(database, "ALTER TABLE lk_users SET (autovacuum_enabled = false)",
        "ALTER TABLE lk_memberships SET (autovacuum_enabled = false)",
        "ALTER TABLE lk_membership_roles SET (autovacuum_enabled = false)",
        "INSERT INTO lk_organizations (tenant_id, id, name, parent_id) VALUES ('filters', 'school-a', 'A', NULL),"
            + " ('filters', 'school-b', 'B', NULL)",
        "INSERT INTO lk_roles (tenant_id, id, name, description) VALUES ('filters', 'observer', 'Observer', '')");
    if (firstChunkStatistics) {
      insertUsers(database, 1, FIRST_CHUNK);
      execute(database, "ANALYZE lk_users", "ANALYZE lk_memberships", "ANALYZE lk_membership_roles");
      insertUsers(database, FIRST_CHUNK + 1, USERS);
    } else {
      insertUsers(database, 1, USERS);
    }
  }

  private static void insertUsers(PostgresTestDatabase database, int from, int to) throws SQLException {
    String series = " FROM generate_series(" + from + ", " + to + ") i";
    execute(database,
        "INSERT INTO lk_users (tenant_id, id, name, email, job_profile_id, status, end_date, created_at, email_key, name_key)"
            + " SELECT 'filters', 'u' || lpad(i::text, 7, '0'), 'User ' || i, 'u' || i || '@example.org', NULL,"
            + " CASE WHEN i % 10 = 3 THEN 'SUSPENDED' ELSE 'ACTIVE' END, NULL, now(), 'u' || i || '@example.org', 'user ' || i" + series,
        "INSERT INTO lk_memberships (tenant_id, user_id, organization_id) SELECT 'filters', 'u' || lpad(i::text, 7, '0'),"
            + " CASE WHEN i % 2 = 1 THEN 'school-a' ELSE 'school-b' END" + series,
        "INSERT INTO lk_membership_roles (tenant_id, user_id, organization_id, role_id) SELECT 'filters',"
            + " 'u' || lpad(i::text, 7, '0'), 'school-a', 'observer'" + series + " WHERE i % 4 = 1");
  }

  private void assertReadsAboutWhatItReturns(String state, JdbcLicenseStore store, PlanCapturingDataSource plans) {
    UserCriteria school = criteria(Set.of(OrganizationId.of("school-a")), Optional.empty(), Set.of());
    UserCriteria activeObservers = criteria(Set.of(OrganizationId.of("school-a"), OrganizationId.of("school-b")),
        Optional.of(RoleId.of("observer")), Set.of(org.licensekit.core.domain.AccountStatus.ACTIVE));
    for (int run = 0; run < RUNS; run++) {
      int after = USERS - 2 * PAGE - 1 - 2 * run;
      plans.takePlans();
      List<UserId> page = store.userQueries().findUsers(TENANT, school, Optional.of(user(after)), PAGE).stream()
          .map(UserAccount::id).toList();
      assertThat(page).as("%s: page after %s", state, user(after))
          .containsExactlyElementsOf(IntStream.iterate(after + 2, i -> i + 2).limit(PAGE).mapToObj(PostgresUserFilterPlanTest::user).toList());
      assertEachReads(state + ", a late page of accounts", plans.takePlans(), 4.0 * PAGE);

      assertThat(store.userQueries().findUsers(TENANT, activeObservers, Optional.empty(), PAGE)).as("%s: first page", state)
          .hasSize(PAGE).allMatch(account -> account.status() == org.licensekit.core.domain.AccountStatus.ACTIVE);
      // a first page may read the organizations' role rows whole and sort them (statistics of a first chunk): linear, never a walk per account
      assertEachReads(state + ", a first page of active observers", plans.takePlans(), 4.0 * USERS / 4);

      assertThat(store.userQueries().countUsers(TENANT, school)).as("%s: members of school A", state).isEqualTo(USERS / 2);
      assertEachReads(state + ", the count of school A", plans.takePlans(), 4.0 * USERS / 2);
      // every fourth user from the first observes; those numbered 3 modulo 10 are suspended (one in five of them)
      long observers = IntStream.rangeClosed(1, USERS).filter(i -> i % 4 == 1 && i % 10 != 3).count();
      assertThat(store.userQueries().countUsers(TENANT, activeObservers)).as("%s: active observers", state).isEqualTo(observers);
      assertEachReads(state + ", the count of active observers", plans.takePlans(), 4.0 * USERS / 4);
    }
  }

  private static void assertEachReads(String label, List<String> captured, double most) {
    assertThat(captured).as("%s: plans", label).isNotEmpty();
    captured.forEach(plan -> assertThat(PostgresFreshBulkPlanTest.rowsRead(plan)).as("rows read by %s\n%s", label, plan)
        .isLessThanOrEqualTo(most));
  }

  private static UserCriteria criteria(Set<OrganizationId> organizations, Optional<RoleId> role,
      Set<org.licensekit.core.domain.AccountStatus> statuses) {
    return new UserCriteria(Optional.of(organizations), role, Optional.empty(), statuses, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  private static UserId user(int number) {
    return UserId.of(String.format("u%07d", number));
  }

  private static void execute(PostgresTestDatabase database, String... statements) throws SQLException {
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      // no foreign-key checks while seeding: on tables never analyzed each would scan the referenced table
      statement.execute("SET session_replication_role = replica");
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
