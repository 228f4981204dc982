package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;

/**
 * A first bulk import on a fresh install, and a bulk grant to the imported school right after it,
 * before autovacuum has analyzed anything (it is switched off for the tables here, so nothing but
 * LicenseKit gives them statistics): no statement of the import may read more than a small multiple
 * of its chunk, and the grant's count no more than a small multiple of the users. Without statistics
 * the planner takes the tenant for a few rows, and the grant's count joined users to memberships by a
 * nested loop that read the whole tenant per user (8,000,000 rows to count 4,000 users); the import
 * now gives the tables their first statistics ({@link FirstImportStatistics}). The grant's keyset
 * pages past the ids those statistics saw were estimated empty, and each read the school's members
 * from the page's boundary once per account (125,500 rows for a page of 500); they now read their
 * members along the organization's index and probe each account ({@link JdbcUserQueryStore}), and
 * are held to three chunks' rows like the rest. The plans are the ones the statements ran with
 * ({@link PlanCapturingDataSource}), each chunk's statements from the sixth chunk on with the
 * driver's generic plan.
 */
class PostgresFreshBulkPlanTest {

  private static final int USERS = 4_000;
  private static final int CHUNK = 500;
  /** A plan node on a LicenseKit table and its actual rows and loops. */
  private static final Pattern NODE = Pattern.compile(
      "(Seq Scan|Index Only Scan(?: Backward)?|Index Scan(?: Backward)?|Bitmap Index Scan|Bitmap Heap Scan)"
          + "(?: using (\\S+))? on (lk_\\w+)\\b.*\\(actual rows=(\\d+(?:\\.\\d+)?) loops=(\\d+)\\)");
  private static final OrganizationId SCHOOL = OrganizationId.of("school");

  @Test
  void aFirstImportAndAGrantRightAfterItReadAboutWhatTheyWorkOnBeforeAnyAnalyze() throws SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.raw()).build();
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      for (String table : List.of("users", "memberships", "membership_roles", "claims", "audit_entries", "outbox", "pools")) {
        statement.execute("ALTER TABLE lk_" + table + " SET (autovacuum_enabled = false)");
      }
    }
    PlanCapturingDataSource plans = new PlanCapturingDataSource(database.raw());
    ActorSession admin = tenantWithTwoRoles(Licensing.builder().store(JdbcLicenseStore.builder(plans).build()).build());
    List<NewUser> users = new ArrayList<>();
    for (int i = 1; i <= USERS; i++) {
      users.add(NewUser.builder().id(UserId.of(String.format("u%07d", i))).name("Teacher " + i).email("t" + i + "@example.org")
          .jobProfile(JobProfileId.of("TEACHER")).addOrganizations(SCHOOL).build());
    }
    plans.takePlans();

    assertThat(admin.bulk().register(BulkRegistration.of(users).mode(BulkMode.BEST_EFFORT).chunkSize(CHUNK).sampleLimit(0).build())
        .done()).isEqualTo(USERS);
    List<String> imported = plans.takePlans();
    assertThat(admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(SCHOOL).build())
        .action(BulkAction.grantRoles(SCHOOL, Set.of(RoleId.of("EVALUATOR")))).mode(BulkMode.BEST_EFFORT).reason("evaluations")
        .chunkSize(CHUNK).sampleLimit(0).build()).done()).isEqualTo(USERS);
    List<String> granted = plans.takePlans();

    assertThat(imported).as("the import's statements").hasSizeGreaterThan(USERS / CHUNK * 3);
    imported.forEach(plan -> assertThat(rowsRead(plan)).as("rows read by the import's statement\n%s", plan).isLessThanOrEqualTo(3.0 * CHUNK));
    assertThat(granted).as("the grant's statements").hasSizeGreaterThan(USERS / CHUNK * 3);
    assertThat(granted).filteredOn(PostgresFreshBulkPlanTest::isCount).singleElement()
        .satisfies(plan -> assertThat(rowsRead(plan)).as("rows read by the grant's count\n%s", plan).isLessThanOrEqualTo(3.0 * USERS));
    assertThat(granted).as("the grant's keyset pages").filteredOn(plan -> plan.contains("FETCH FIRST")).hasSizeGreaterThan(USERS / CHUNK);
    granted.stream().filter(plan -> !isCount(plan))
        .forEach(plan -> assertThat(rowsRead(plan)).as("rows read by the grant's statement\n%s", plan).isLessThanOrEqualTo(3.0 * CHUNK));
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT count(*) FROM pg_class WHERE relname IN ('lk_users', 'lk_memberships',"
            + " 'lk_membership_roles', 'lk_claims') AND reltuples >= 0")) {
      rows.next();
      assertThat(rows.getInt(1)).as("tables with statistics after the import").isEqualTo(4);
    }
  }

  /** The selection's count: of the members of an organization filter, read from the memberships' side. */
  private static boolean isCount(String plan) {
    return plan.startsWith("Query Text: SELECT COUNT(DISTINCT c.user_id) FROM ");
  }

  /** The rows every scan of a LicenseKit table in the plan read, over all its loops. */
  static double rowsRead(String plan) {
    double rows = 0;
    for (String line : plan.split("\n")) {
      Matcher node = NODE.matcher(line);
      if (node.find()) {
        rows += Double.parseDouble(node.group(4)) * Double.parseDouble(node.group(5));
      }
    }
    return rows;
  }

  private static ActorSession tenantWithTwoRoles(Licensing licensing) {
    ActorSession admin = licensing.tenant(TenantId.of("fresh")).as(Actor.systemAdministrator("admin"));
    ProductId observation = ProductId.of("observation");
    ProductId evaluation = ProductId.of("evaluation");
    admin.catalog().defineProduct(Product.builder().id(observation).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineProduct(Product.builder().id(evaluation).name("Evaluation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineRole(Role.builder().id(RoleId.of("OBSERVABLE")).name("Observable").grants(Set.of(observation)).build());
    admin.catalog().defineRole(Role.builder().id(RoleId.of("EVALUATOR")).name("Evaluator").grants(Set.of(evaluation)).build());
    admin.catalog().defineJobProfile(JobProfile.of(JobProfileId.of("TEACHER"), "Teacher", Set.of(RoleId.of("OBSERVABLE"))));
    admin.users().defineOrganization(Organization.root(SCHOOL, "School"));
    Instant now = Instant.now();
    Term term = Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
    admin.pools().add(NewPool.builder().product(observation).seats(USERS).term(term).build());
    admin.pools().add(NewPool.builder().product(evaluation).seats(USERS).term(term).build());
    return admin;
  }
}
