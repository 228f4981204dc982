package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.ImmutableNewUser;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.LicenseStore;

/**
 * Each claim's {@code organization_key} (schema version 27: the smallest organization id of its
 * user's memberships, kept by triggers) equals the value computed from the memberships after
 * random commands through the public API from several threads at once — registrations, single
 * and bulk grants, organization changes one by one and in bulk (add, remove, move), bulk
 * new-user setup — and after random multi-row SQL statements on the memberships and the claims
 * (inserts, deletes, an organization or a user moved), some rolled back. A failure prints the seed.
 */
class PostgresClaimOrganizationKeyTest {

  private static final TenantId TENANT = TenantId.of("t-orgkey");
  private static final List<OrganizationId> SCHOOLS = IntStream.of(7, 3, 9, 1, 5)
      .mapToObj(i -> OrganizationId.of("school-" + i)).toList();
  private static final List<RoleId> ROLES = List.of(DefaultCatalog.OBSERVABLE, DefaultCatalog.OBSERVER, DefaultCatalog.EVALUATOR,
      DefaultCatalog.REPORTER);
  private static final List<JobProfileId> PROFILES = List.of(DefaultCatalog.TEACHER, DefaultCatalog.ADMINISTRATOR);
  private static final int THREADS = 4;
  private static final int COMMANDS_PER_THREAD = 30;

  @Test
  void everyClaimKeepsItsUsersSmallestOrganizationThroughRandomConcurrentCommands() throws Exception {
    long seed = System.nanoTime();
    PostgresTestDatabase database = PostgresTestDatabase.create();
    ActorSession admin = tenant(database, UnaryOperator.identity());
    AtomicInteger users = new AtomicInteger();
    // one teacher in each school before the random commands, so the run starts from five keys in use
    // rather than from whichever schools the first random registrations happen to pick
    for (OrganizationId school : SCHOOLS) {
      int n = users.getAndIncrement();
      admin.users().register(NewUser.builder().id(UserId.of("u-" + n)).name("User " + n).email("u" + n + "@example.org")
          .jobProfile(DefaultCatalog.TEACHER).addOrganizations(school).build());
    }

    // checked before the random commands: they may move and remove users until few keys are left
    // (seed 86913720182422 ended with two), which says nothing about the keys being right
    assertThat(count(database.raw(), "SELECT COUNT(DISTINCT organization_key) FROM lk_claims")).as("keys in use before the run")
        .isEqualTo(SCHOOLS.size());

    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(seed + t);
        runs.add(threads.submit(() -> {
          for (int i = 0; i < COMMANDS_PER_THREAD; i++) {
            command(admin, random, users);
          }
          return null;
        }));
      }
      for (Future<?> run : runs) {
        run.get(3, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
    DataSource data = database.raw();
    assertThat(wrongKeys(data)).as("claims whose organization_key is not their user's smallest organization (seed %d)", seed).isEmpty();
    assertThat(count(data, "SELECT COUNT(*) FROM lk_claims")).as("claims after the run (seed %d)", seed).isPositive();

    Random random = new Random(seed);
    for (int i = 0; i < 60; i++) {
      sqlTransaction(data, random);
    }
    assertThat(wrongKeys(data)).as("claims whose organization_key is wrong after SQL statements (seed %d)", seed).isEmpty();
    assertThat(count(data, "SELECT COUNT(*) FROM lk_claims WHERE organization_key IS NULL")).as("claims of users in no organization")
        .isPositive();
  }

  /**
   * A bulk grant's chunk gives its claims their key from the memberships it read after holding its
   * users' accounts. Stopped right after that read, removals of two of its users from their smallest
   * organization must wait for the chunk's commit (they take the same accounts first) and then
   * re-key its claims: had the removals committed in between, the keys the chunk gives would be
   * stale and the final check would find them. The row trigger's lookup fails the test if called:
   * every claim the chunk writes arrives with its key.
   */
  @Test
  void aKeyABulkGrantGivesStaysRightWhenItsUsersLeaveTheirSmallestOrganizationMeanwhile() throws Exception {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    Pause pause = new Pause("membershipsOfUsers");
    ActorSession admin = tenant(database, pause::wrap);
    OrganizationId first = OrganizationId.of("school-1");
    OrganizationId granted = OrganizationId.of("school-7");
    List<UserId> members = IntStream.range(0, 4).mapToObj(i -> UserId.of("g-" + i)).toList();
    for (UserId member : members) {
      admin.users().register(NewUser.builder().id(member).name("Member " + member).email(member + "@example.org")
          .jobProfile(DefaultCatalog.TEACHER).addOrganizations(first, granted).build());
    }
    failOnKeyLookups(database.raw());
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      pause.arm();
      Future<?> grant = threads.submit(() -> admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(granted).build())
          .action(BulkAction.grantRoles(granted, Set.of(DefaultCatalog.REPORTER))).reason("grant while they leave").chunkSize(10)
          .build()));
      assertThat(pause.reached.await(30, TimeUnit.SECONDS)).as("the chunk read its users' memberships").isTrue();
      List<Future<?>> removals = members.subList(0, 2).stream()
          .map(member -> threads.submit(() -> admin.assignments().removeFromOrganization(member, first, "left")))
          .<Future<?>>map(f -> f).toList();
      Thread.sleep(500);
      assertThat(removals).as("removals wait for the chunk holding their users' accounts").noneMatch(Future::isDone);
      pause.released.countDown();
      grant.get(60, TimeUnit.SECONDS);
      for (Future<?> removal : removals) {
        removal.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pause.released.countDown();
      threads.shutdownNow();
    }
    DataSource data = database.raw();
    assertThat(count(data, "SELECT COUNT(*) FROM lk_claims WHERE product_id = 'analytics'")).as("claims the grant wrote").isEqualTo(4);
    assertThat(count(data, "SELECT COUNT(*) FROM lk_claims WHERE product_id = 'analytics' AND organization_key = 'school-7'"))
        .as("claims of the users who left school-1").isEqualTo(2);
    assertThat(wrongKeys(data)).as("claims whose organization_key is not their user's smallest organization").isEmpty();
  }

  /**
   * A bulk new-user setup gives its claims the smallest of the organizations each new user is
   * enrolled in: nobody else can change the memberships of an account its transaction has not yet
   * committed. Stopped right after it wrote its memberships, an enrolment of one of its users in a
   * smaller organization is refused (no such user yet) or, if it waits for the commit, re-keys the
   * claims; either way every key ends right, and the row trigger's lookup is never called.
   */
  @Test
  void aKeyABulkRegistrationGivesStaysRightWhileItsNewUsersAreEnrolledElsewhere() throws Exception {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    Pause pause = new Pause("enrollNewAccounts");
    ActorSession admin = tenant(database, pause::wrap);
    failOnKeyLookups(database.raw());
    List<NewUser> newUsers = IntStream.range(0, 3).mapToObj(i -> NewUser.builder().id(UserId.of("n-" + i)).name("New " + i)
        .email("n" + i + "@example.org").jobProfile(DefaultCatalog.TEACHER).addOrganizations(OrganizationId.of("school-9"),
            OrganizationId.of("school-5")).build()).map(NewUser.class::cast).toList();
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      pause.arm();
      Future<?> registration = threads.submit(() -> admin.bulk().register(BulkRegistration.of(newUsers).chunkSize(10).build()));
      assertThat(pause.reached.await(30, TimeUnit.SECONDS)).as("the chunk wrote its memberships").isTrue();
      Future<?> enrolment = threads.submit(() -> {
        try {
          admin.assignments().addToOrganization(UserId.of("n-0"), OrganizationId.of("school-1"), Set.of(DefaultCatalog.OBSERVER));
        } catch (NotFoundException notYetThere) {
          // the account is not committed yet: nothing to enrol
        }
      });
      Thread.sleep(300);
      pause.released.countDown();
      registration.get(60, TimeUnit.SECONDS);
      enrolment.get(60, TimeUnit.SECONDS);
    } finally {
      pause.released.countDown();
      threads.shutdownNow();
    }
    DataSource data = database.raw();
    assertThat(count(data, "SELECT COUNT(*) FROM lk_claims WHERE user_id LIKE 'n-%' AND organization_key IS NOT NULL"))
        .as("the new users' claims").isPositive();
    assertThat(wrongKeys(data)).as("claims whose organization_key is not their user's smallest organization").isEmpty();
  }

  /** The test tenant: the standard catalog, five schools, a large pool per product; the store passed through {@code wrap}. */
  private static ActorSession tenant(PostgresTestDatabase database, UnaryOperator<LicenseStore> wrap) {
    return SchoolsTenant.define(wrap.apply(JdbcLicenseStore.builder(database.dataSource()).build()), TENANT, SCHOOLS);
  }

  /** From now on a claim inserted without its key (the row trigger's lookup, version 28) fails its statement. */
  private static void failOnKeyLookups(DataSource data) throws SQLException {
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE OR REPLACE FUNCTION lk_key_claim_by_organization() RETURNS trigger LANGUAGE plpgsql AS $$"
          + " BEGIN RAISE EXCEPTION 'claim % of % inserted without its organization key', NEW.id, NEW.user_id; END $$");
    }
  }

  /**
   * A store whose directory, once armed, stops its transaction's thread right after the first call
   * of {@code method} returned, until released; everything else is the wrapped store's.
   */
  private static final class Pause {
    private final String method;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicBoolean armed = new AtomicBoolean();

    Pause(String method) {
      this.method = method;
    }

    void arm() {
      armed.set(true);
    }

    LicenseStore wrap(LicenseStore store) {
      DirectoryStore directory = store.directory();
      DirectoryStore pausing = (DirectoryStore) Proxy.newProxyInstance(DirectoryStore.class.getClassLoader(),
          new Class<?>[] {DirectoryStore.class}, (proxy, called, args) -> {
            Object result = invoke(directory, called, args);
            if (called.getName().equals(method) && armed.compareAndSet(true, false)) {
              reached.countDown();
              released.await(60, TimeUnit.SECONDS);
            }
            return result;
          });
      return (LicenseStore) Proxy.newProxyInstance(LicenseStore.class.getClassLoader(), new Class<?>[] {LicenseStore.class},
          (proxy, called, args) -> called.getName().equals("directory") ? pausing : invoke(store, called, args));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /** One random command; refusals (a user not in the organization, say) are part of the run. */
  private static void command(ActorSession admin, Random random, AtomicInteger users) {
    OrganizationId school = pick(random, SCHOOLS);
    RoleId role = pick(random, ROLES);
    int known = users.get();
    UserId someone = UserId.of("u-" + (known == 0 ? 0 : random.nextInt(known)));
    try {
      switch (random.nextInt(7)) {
        case 0 -> admin.users().register(newUser(users.getAndIncrement(), random));
        case 1 -> admin.assignments().addToOrganization(someone, school, Set.of(role));
        case 2 -> admin.assignments().removeFromOrganization(someone, school, "random removal");
        case 3 -> admin.assignments().assignRole(someone, school, role);
        case 4 -> admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(pick(random, SCHOOLS)).build())
            .action(BulkAction.grantRoles(school, Set.of(role))).reason("random grant").chunkSize(3).build());
        case 5 -> admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(pick(random, SCHOOLS)).build())
            .action(BulkAction.changeOrganizations(pick(random, List.of(BulkAction.MembershipChange.values())), Set.of(school),
                Set.of(role))).reason("random move").chunkSize(3).build());
        default -> admin.bulk().register(BulkRegistration.of(IntStream.range(0, 2 + random.nextInt(4))
            .mapToObj(i -> newUser(users.getAndIncrement(), random)).toList()).chunkSize(3).build());
      }
    } catch (ConflictException | NotFoundException | InvalidInputException refused) {
      // a refusal writes nothing; the keys are checked against whatever was written
    }
  }

  private static NewUser newUser(int n, Random random) {
    ImmutableNewUser.Builder user = NewUser.builder().id(UserId.of("u-" + n)).name("User " + n).email("u" + n + "@example.org")
        .jobProfile(pick(random, PROFILES)).addOrganizations(pick(random, SCHOOLS));
    if (random.nextBoolean()) {
      user.addOrganizations(pick(random, SCHOOLS));
    }
    return user.build();
  }

  /**
   * One transaction of one to three statements on many rows at once, rolled back one time in five:
   * memberships inserted, deleted or moved to another organization (a user's smallest, holding no role), claims
   * inserted for existing users (and for users in no organization) or moved to another user.
   */
  private static void sqlTransaction(DataSource data, Random random) throws SQLException {
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      int statements = 1 + random.nextInt(3);
      for (int s = 0; s < statements; s++) {
        String school = pick(random, SCHOOLS).value();
        int mod = 2 + random.nextInt(4);
        String users = " FROM lk_users u WHERE u.tenant_id = 't-orgkey' AND abs(hashtext(u.id || '" + random.nextInt() + "')) % " + mod
            + " = 0";
        String memberships = " WHERE tenant_id = 't-orgkey' AND abs(hashtext(user_id || organization_id || '" + random.nextInt()
            + "')) % " + mod + " = 0";
        statement.executeUpdate(switch (random.nextInt(5)) {
          case 0 -> "INSERT INTO lk_memberships (tenant_id, user_id, organization_id) SELECT u.tenant_id, u.id, '" + school + "'"
              + users + " ON CONFLICT DO NOTHING";
          case 1 -> "DELETE FROM lk_memberships" + memberships;
          // each user's smallest membership at most, so no user gets two memberships of one school
          case 2 -> "UPDATE lk_memberships SET organization_id = '" + school + "'" + memberships + " AND organization_id = (SELECT"
              + " MIN(s.organization_id) FROM lk_memberships s WHERE s.tenant_id = lk_memberships.tenant_id"
              + " AND s.user_id = lk_memberships.user_id) AND NOT EXISTS (SELECT 1"
              + " FROM lk_memberships o WHERE o.tenant_id = lk_memberships.tenant_id AND o.user_id = lk_memberships.user_id"
              + " AND o.organization_id = '" + school + "') AND NOT EXISTS (SELECT 1 FROM lk_membership_roles r"
              + " WHERE r.tenant_id = lk_memberships.tenant_id AND r.user_id = lk_memberships.user_id"
              + " AND r.organization_id = lk_memberships.organization_id)";
          case 3 -> "UPDATE lk_claims SET user_id = (SELECT MIN(u.id) FROM lk_users u WHERE u.tenant_id = 't-orgkey' AND u.id > lk_claims.user_id)"
              + " WHERE tenant_id = 't-orgkey' AND status IN ('EXPIRED', 'REVOKED') AND abs(hashtext(id || '" + random.nextInt() + "')) % "
              + mod + " = 0 AND EXISTS (SELECT 1 FROM lk_users u WHERE u.tenant_id = 't-orgkey' AND u.id > lk_claims.user_id)";
          default -> "INSERT INTO lk_claims (tenant_id, id, user_id, product_id, pool_id, status, direct, assigned_at, assigned_by_kind,"
              + " assigned_by_id) SELECT u.tenant_id, 'sql-' || md5(random()::text), u.id, 'analytics', 'pool-analytics', 'REVOKED', false,"
              + " now(), 'SYSTEM_ADMINISTRATOR', 'admin'" + users;
        });
      }
      if (random.nextInt(5) == 0) {
        connection.rollback();
      } else {
        connection.commit();
      }
    }
  }

  private static List<String> wrongKeys(DataSource data) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT c.id, c.user_id, c.organization_key, m.smallest FROM lk_claims c"
            + " LEFT JOIN (SELECT tenant_id, user_id, MIN(organization_id) AS smallest FROM lk_memberships GROUP BY tenant_id, user_id) m"
            + " ON m.tenant_id = c.tenant_id AND m.user_id = c.user_id"
            + " WHERE c.organization_key IS DISTINCT FROM m.smallest ORDER BY c.id LIMIT 20")) {
      while (rows.next()) {
        found.add(rows.getString(1) + " of " + rows.getString(2) + ": key " + rows.getString(3) + ", smallest " + rows.getString(4));
      }
    }
    return found;
  }

  private static long count(DataSource data, String sql) throws SQLException {
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
