package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.UserCriteria;

/**
 * The user list ({@code findUsers}, and the bulk pages' {@code findUserIds}) on H2 with 20,000
 * users whose tables were never analyzed: every page of 51, first or after a boundary, with no
 * filter or any filter of the account, organization or role, walks the primary key in id order
 * from the boundary and stops at the page's end. Before, H2 credited no index with
 * {@code ORDER BY u.id} and chose one by the filters alone (a job-profile or status index even for
 * no filter): each page read every matching user of the tenant and sorted them. Read from H2's
 * {@code EXPLAIN ANALYZE} (the users table's scan count), which does not depend on the machine's
 * load.
 */
class H2UserListPlanTest {

  private static final int USERS = 20_000;
  private static final int PAGE = 51;
  /** The most users a page may read: a filter matching one user in twenty reads about 20 per row. */
  private static final long MOST_ROWS_READ = 2_000;
  private static final TenantId TENANT = TenantId.of("plans");
  private static final Pattern SCAN_COUNT = Pattern.compile("/\\* scanCount: (\\d+) \\*/");

  private static DataSource database;
  private static StatementCapture capture;
  private static JdbcLicenseStore store;

  @BeforeAll
  static void seed() throws SQLException {
    JdbcDataSource h2 = new JdbcDataSource();
    // never analyzed: H2 would otherwise analyze a table on its own after enough changes
    h2.setURL("jdbc:h2:mem:user-list-plans;DB_CLOSE_DELAY=-1;ANALYZE_AUTO=0");
    h2.setUser("sa");
    database = h2;
    capture = new StatementCapture(h2);
    store = JdbcLicenseStore.builder(capture).build();
    try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
      String id = "'u-' || LPAD(X, 6, '0')";
      statement.execute("INSERT INTO lk_users (tenant_id, id, name, email, job_profile_id, status, end_date, created_at, name_key,"
          + " email_key) SELECT 'plans', " + id + ", 'User ' || X, 'u' || X || '@example.org',"
          + " CASE WHEN MOD(X, 5) = 0 THEN 'admin' ELSE 'teacher' END,"
          + " CASE WHEN MOD(X, 20) = 0 THEN 'SUSPENDED' WHEN MOD(X, 20) = 1 THEN 'INVITED' ELSE 'ACTIVE' END,"
          + " CASE WHEN MOD(X, 10) = 0 THEN DATE '2027-01-01' END, CURRENT_TIMESTAMP, 'user ' || X, 'u' || X || '@example.org'"
          + " FROM SYSTEM_RANGE(1, " + USERS + ")");
      statement.execute("INSERT INTO lk_memberships (tenant_id, user_id, organization_id) SELECT 'plans', " + id
          + ", 'org-' || MOD(X, 20) FROM SYSTEM_RANGE(1, " + USERS + ")");
      statement.execute("INSERT INTO lk_membership_roles (tenant_id, user_id, organization_id, role_id) SELECT 'plans', " + id
          + ", 'org-' || MOD(X, 20), CASE WHEN MOD(X, 10) = 0 THEN 'observer' ELSE 'teacher' END FROM SYSTEM_RANGE(1, "
          + USERS + ")");
    }
  }

  @Test
  void everyFilterReadsAboutItsPageOfTheNeverAnalyzedUsersTable() throws SQLException {
    Map<String, UserCriteria> filters = filters();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, UserCriteria> filter : filters.entrySet()) {
      for (Optional<UserId> after : List.of(Optional.<UserId>empty(), Optional.of(UserId.of("u-010000")))) {
        String name = filter.getKey() + (after.isPresent() ? ", after u-010000" : ", first page");
        List<UserAccount> page = capture.capture(() -> store.userQueries().findUsers(TENANT, filter.getValue(), after, PAGE));
        assertThat(page).as(name).hasSize(PAGE);
        assertThat(page).as(name + ": id order after the boundary").isSortedAccordingTo(
            java.util.Comparator.comparing(UserAccount::id)).allMatch(user -> after.map(a -> user.id().compareTo(a) > 0).orElse(true));
        long read = usersRead(capture.last());
        if (read > MOST_ROWS_READ) {
          failures.add(name + ": read " + read + " users for a page of " + PAGE);
        }
        capture.capture(() -> store.userQueries().findUserIds(TENANT, filter.getValue(), after, PAGE));
        long idsRead = usersRead(capture.last());
        if (idsRead > MOST_ROWS_READ) {
          failures.add(name + " (ids): read " + idsRead + " users for a page of " + PAGE);
        }
      }
    }
    assertThat(failures).as("pages that read more than " + MOST_ROWS_READ + " of " + USERS + " users").isEmpty();
  }

  private static Map<String, UserCriteria> filters() {
    Optional<Set<OrganizationId>> anyOrganization = Optional.empty();
    Map<String, UserCriteria> filters = new LinkedHashMap<>();
    filters.put("no filter", criteria(anyOrganization, Optional.empty(), Optional.empty(), Set.of(), Optional.empty()));
    filters.put("active", criteria(anyOrganization, Optional.empty(), Optional.empty(), Set.of(AccountStatus.ACTIVE), Optional.empty()));
    filters.put("suspended", criteria(anyOrganization, Optional.empty(), Optional.empty(), Set.of(AccountStatus.SUSPENDED),
        Optional.empty()));
    filters.put("job profile", criteria(anyOrganization, Optional.empty(), Optional.of(JobProfileId.of("teacher")), Set.of(),
        Optional.empty()));
    filters.put("active, job profile", criteria(anyOrganization, Optional.empty(), Optional.of(JobProfileId.of("teacher")),
        Set.of(AccountStatus.ACTIVE), Optional.empty()));
    filters.put("text", criteria(anyOrganization, Optional.empty(), Optional.empty(), Set.of(), Optional.of("user 1")));
    filters.put("organization", criteria(Optional.of(Set.of(OrganizationId.of("org-3"))), Optional.empty(), Optional.empty(), Set.of(),
        Optional.empty()));
    filters.put("two organizations", criteria(Optional.of(Set.of(OrganizationId.of("org-3"), OrganizationId.of("org-4"))),
        Optional.empty(), Optional.empty(), Set.of(), Optional.empty()));
    filters.put("role", criteria(anyOrganization, Optional.of(RoleId.of("observer")), Optional.empty(), Set.of(), Optional.empty()));
    filters.put("organization, role", criteria(Optional.of(Set.of(OrganizationId.of("org-0"))), Optional.of(RoleId.of("observer")),
        Optional.empty(), Set.of(), Optional.empty()));
    filters.put("organization, active", criteria(Optional.of(Set.of(OrganizationId.of("org-3"))), Optional.empty(), Optional.empty(),
        Set.of(AccountStatus.ACTIVE), Optional.empty()));
    filters.put("ends before", new UserCriteria(anyOrganization, Optional.empty(), Optional.empty(), Set.of(), Optional.empty(),
        Optional.empty(), Optional.of(LocalDate.of(2028, 1, 1))));
    return filters;
  }

  private static UserCriteria criteria(Optional<Set<OrganizationId>> organizations, Optional<RoleId> role,
      Optional<JobProfileId> jobProfile, Set<AccountStatus> statuses, Optional<String> text) {
    return new UserCriteria(organizations, role, jobProfile, statuses, text, Optional.empty(), Optional.empty());
  }

  /** The users table's scan count in H2's {@code EXPLAIN ANALYZE} of the statement: the first table of its FROM. */
  private static long usersRead(Captured statement) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE " + statement.sql())) {
      for (int i = 0; i < statement.parameters().size(); i++) {
        explain.setObject(i + 1, statement.parameters().get(i));
      }
      try (ResultSet plan = explain.executeQuery()) {
        plan.next();
        String text = plan.getString(1);
        Matcher count = SCAN_COUNT.matcher(text);
        assertThat(count.find()).as("a scan count in " + text).isTrue();
        return Long.parseLong(count.group(1));
      }
    }
  }

  /** A statement the store prepared, with the values it bound. */
  private record Captured(String sql, List<Object> parameters) {}

  /** Remembers the last statement prepared on its connections, and the values bound to it by index. */
  private static final class StatementCapture extends ForwardingDataSource {
    private volatile Captured last;

    StatementCapture(DataSource target) {
      super(target);
    }

    <T> T capture(java.util.function.Supplier<T> work) {
      last = null;
      return work.get();
    }

    Captured last() {
      assertThat(last).as("a statement was prepared").isNotNull();
      return last;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection real = target.getConnection();
      return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            Object result = invoke(method, real, args);
            if (method.getName().equals("prepareStatement") && args[0] instanceof String sql) {
              List<Object> parameters = new ArrayList<>();
              last = new Captured(sql, parameters);
              PreparedStatement prepared = (PreparedStatement) result;
              return Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                  (p, m, a) -> {
                    if (m.getName().startsWith("set") && a != null && a.length >= 2 && a[0] instanceof Integer index) {
                      while (parameters.size() < index) {
                        parameters.add(null);
                      }
                      parameters.set(index - 1, a[1]);
                    }
                    return invoke(m, prepared, a);
                  });
            }
            return result;
          });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
