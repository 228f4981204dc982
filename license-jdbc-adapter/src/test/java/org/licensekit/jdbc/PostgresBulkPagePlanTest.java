package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.UserCriteria;

/**
 * A bulk run reads its users in keyset pages ({@code findUserIds} after the last id of the page
 * before); with an organization or role filter, each page must read only about a page of the
 * membership index, wherever in the run it is: a page that walks the organization's memberships
 * from the first (a merge join that cannot start at the page boundary) makes the run quadratic in
 * its users. {@value #USERS} users in each of two schools, half of the first school's holding a
 * role; the plans are the ones the statements ran with ({@link PlanCapturingDataSource}), from the
 * sixth execution on as well (the driver's server-prepared, generic plan).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresBulkPagePlanTest {

  private static final int USERS = 20_000;
  private static final int PAGE = 500;
  private static final String TENANT = "pages";
  /** A plan node on a membership table and its actual rows and loops. */
  private static final Pattern MEMBERSHIP_NODE = Pattern.compile(
      "(Seq Scan|Index Only Scan(?: Backward)?|Index Scan(?: Backward)?|Bitmap Index Scan|Bitmap Heap Scan)"
          + "(?: using (\\S+))? on (lk_memberships|lk_membership_roles)\\b.*\\(actual rows=(\\d+(?:\\.\\d+)?) loops=(\\d+)\\)");

  private PlanCapturingDataSource plans;
  private JdbcLicenseStore store;
  private final TenantId tenant = TenantId.of(TENANT);

  @BeforeAll
  void seed() throws SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.raw()).build();
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO lk_organizations (tenant_id, id, name, parent_id) VALUES ('" + TENANT + "', 'school-a', 'A', NULL),"
          + " ('" + TENANT + "', 'school-b', 'B', NULL)");
      statement.execute("INSERT INTO lk_roles (tenant_id, id, name, description) VALUES ('" + TENANT + "', 'observer', 'Observer', '')");
      statement.execute("INSERT INTO lk_users (tenant_id, id, name, email, job_profile_id, status, end_date, created_at, email_key, name_key)"
          + " SELECT '" + TENANT + "', 'u' || lpad(i::text, 7, '0'), 'User ' || i, 'u' || i || '@example.org', NULL, 'ACTIVE', NULL,"
          + " now(), 'u' || i || '@example.org', 'user ' || i FROM generate_series(1, " + (2 * USERS) + ") i");
      statement.execute("ANALYZE lk_users");
      // odd users in school A, even ones in school B: each school's members spread over the whole id range
      statement.execute("INSERT INTO lk_memberships (tenant_id, user_id, organization_id) SELECT '" + TENANT
          + "', 'u' || lpad(i::text, 7, '0'), CASE WHEN i % 2 = 1 THEN 'school-a' ELSE 'school-b' END FROM generate_series(1, "
          + (2 * USERS) + ") i");
      statement.execute("ANALYZE lk_memberships");
      statement.execute("INSERT INTO lk_membership_roles (tenant_id, user_id, organization_id, role_id) SELECT '" + TENANT
          + "', 'u' || lpad(i::text, 7, '0'), 'school-a', 'observer' FROM generate_series(1, " + (2 * USERS) + ", 4) i");
      statement.execute("VACUUM ANALYZE");
    }
    plans = new PlanCapturingDataSource(database.raw());
    store = JdbcLicenseStore.builder(plans).build();
  }

  @Test
  void aLatePageOfAnOrganizationReadsAboutAPageOfItsMemberships() {
    UserCriteria criteria = criteria(Optional.of(Set.of(OrganizationId.of("school-a"))), Optional.empty());
    // the last pages of the run, from the sixth execution on with the generic plan
    assertLatePagesReadAboutAPage("organization page", criteria, 2);
  }

  @Test
  void aLatePageOfARoleInAnOrganizationReadsAboutAPageOfItsRoleRows() {
    UserCriteria criteria = criteria(Optional.of(Set.of(OrganizationId.of("school-a"), OrganizationId.of("school-b"))),
        Optional.of(RoleId.of("observer")));
    assertLatePagesReadAboutAPage("role page", criteria, 4);
  }

  /**
   * Eight of the run's last pages, each after the one before (from the sixth execution on the
   * statement runs with its generic plan): the criteria match every {@code stride}-th user, and
   * each page must hold the next {@code PAGE} of them and read about a page.
   */
  private void assertLatePagesReadAboutAPage(String label, UserCriteria criteria, int stride) {
    for (int run = 0; run < 8; run++) {
      int afterNumber = 2 * USERS - stride * PAGE - (stride - 1) - stride * run;
      plans.takePlans();
      List<UserId> page = store.userQueries().findUserIds(tenant, criteria, Optional.of(user(afterNumber)), PAGE);
      assertThat(page).as("page after %s", user(afterNumber)).containsExactlyElementsOf(IntStream
          .iterate(afterNumber + stride, i -> i + stride).limit(PAGE).mapToObj(PostgresBulkPagePlanTest::user).toList());
      assertReadsAboutAPage(label + " " + run, plans.takePlans());
    }
  }

  @Test
  void theFirstPageAndAPageWithoutFilterStillAnswer() {
    UserCriteria criteria = criteria(Optional.of(Set.of(OrganizationId.of("school-b"))), Optional.empty());
    assertThat(store.userQueries().findUserIds(tenant, criteria, Optional.empty(), 3)).containsExactly(user(2), user(4), user(6));
    assertThat(store.userQueries().findUserIds(tenant, criteria(Optional.empty(), Optional.empty()), Optional.of(user(2 * USERS - 2)), 5))
        .containsExactly(user(2 * USERS - 1), user(2 * USERS));
  }

  /**
   * Seeded random users in up to three of four organizations, some holding a role in some of them,
   * in varied statuses: every page of every organization set (with and without the role, with and
   * without a status condition that rejects members) holds exactly the next matching users in id
   * order, each once, whatever the page size.
   */
  @Test
  void pagesOfSeveralOrganizationsHoldEachMatchingUserOnceInIdOrder() throws SQLException {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    TenantId mixed = TenantId.of("mixed");
    List<String> organizations = List.of("o1", "o2", "o3", "o4");
    Map<String, Set<String>> memberOf = new TreeMap<>();
    Map<String, Set<String>> roleIn = new TreeMap<>();
    Set<String> active = new HashSet<>();
    try (Connection connection = plans.getConnection(); Statement statement = connection.createStatement()) {
      for (String organization : organizations) {
        statement.execute("INSERT INTO lk_organizations (tenant_id, id, name, parent_id) VALUES ('mixed', '" + organization + "', 'O', NULL)");
      }
      statement.execute("INSERT INTO lk_roles (tenant_id, id, name, description) VALUES ('mixed', 'observer', 'Observer', '')");
      for (int i = 1; i <= 300; i++) {
        String id = String.format("m%04d", i);
        boolean isActive = random.nextInt(4) > 0;
        statement.execute("INSERT INTO lk_users (tenant_id, id, name, email, job_profile_id, status, end_date, created_at, email_key, name_key)"
            + " VALUES ('mixed', '" + id + "', 'M', '" + id + "@example.org', NULL, '" + (isActive ? "ACTIVE" : "SUSPENDED")
            + "', NULL, now(), '" + id + "@example.org', 'm')");
        if (isActive) {
          active.add(id);
        }
        for (String organization : organizations) {
          if (random.nextInt(3) == 0) {
            memberOf.computeIfAbsent(id, k -> new HashSet<>()).add(organization);
            statement.execute("INSERT INTO lk_memberships (tenant_id, user_id, organization_id) VALUES ('mixed', '" + id + "', '"
                + organization + "')");
            if (random.nextBoolean()) {
              roleIn.computeIfAbsent(id, k -> new HashSet<>()).add(organization);
              statement.execute("INSERT INTO lk_membership_roles (tenant_id, user_id, organization_id, role_id) VALUES ('mixed', '"
                  + id + "', '" + organization + "', 'observer')");
            }
          }
        }
      }
    }
    for (int round = 0; round < 40; round++) {
      Set<String> chosen = new TreeSet<>(organizations.subList(0, 1 + random.nextInt(4)));
      boolean withRole = random.nextBoolean();
      boolean activeOnly = random.nextBoolean();
      int pageSize = 1 + random.nextInt(40);
      List<String> expected = memberOf.keySet().stream()
          .filter(id -> (withRole ? roleIn.getOrDefault(id, Set.of()) : memberOf.get(id)).stream().anyMatch(chosen::contains))
          .filter(id -> !activeOnly || active.contains(id)).toList();
      UserCriteria criteria = new UserCriteria(Optional.of(chosen.stream().map(OrganizationId::of).collect(Collectors.toSet())),
          withRole ? Optional.of(RoleId.of("observer")) : Optional.empty(), Optional.empty(),
          activeOnly ? Set.of(AccountStatus.ACTIVE) : Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
      List<String> read = new ArrayList<>();
      Optional<UserId> after = Optional.empty();
      while (true) {
        List<UserId> page = store.userQueries().findUserIds(mixed, criteria, after, pageSize);
        assertThat(page.size()).as("seed %d round %d: page size", seed, round).isLessThanOrEqualTo(pageSize);
        page.forEach(id -> read.add(id.value()));
        if (page.size() < pageSize) {
          break;
        }
        after = Optional.of(page.get(page.size() - 1));
      }
      assertThat(read).as("seed %d round %d: %s, role %s, active only %s, pages of %d", seed, round, chosen, withRole, activeOnly,
          pageSize).containsExactlyElementsOf(expected);
    }
  }

  private static void assertReadsAboutAPage(String name, List<String> captured) {
    String plan = captured.stream().filter(p -> p.contains("FROM lk_users u")).reduce((a, b) -> b)
        .orElseThrow(() -> new AssertionError(name + ": no plan captured in " + captured));
    double rows = 0;
    int nodes = 0;
    for (String line : plan.split("\n")) {
      Matcher node = MEMBERSHIP_NODE.matcher(line);
      if (node.find()) {
        nodes++;
        assertThat(node.group(1)).as(name + ": " + plan).isNotEqualTo("Seq Scan");
        rows += Double.parseDouble(node.group(4)) * Double.parseDouble(node.group(5));
      }
    }
    assertThat(nodes).as(name + ": a membership node in\n" + plan).isPositive();
    assertThat(rows).as(name + ": membership rows read for a page of " + PAGE + " in\n" + plan).isLessThanOrEqualTo(4.0 * PAGE);
  }

  private static UserCriteria criteria(Optional<Set<OrganizationId>> organizations, Optional<RoleId> role) {
    return new UserCriteria(organizations, role, Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  private static UserId user(int number) {
    return UserId.of(String.format("u%07d", number));
  }
}
