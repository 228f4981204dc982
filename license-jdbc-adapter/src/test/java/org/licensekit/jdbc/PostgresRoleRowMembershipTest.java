package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ConflictException;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A role row never exists without its membership on PostgreSQL, where schema version 33 keeps the
 * rule with triggers instead of a row-by-row foreign key: an orphan role row is refused whoever
 * writes it, a membership's delete takes its role rows with it, and a membership deleted while a
 * grant is in flight (by the store's commands or by a host's own SQL, on real threads) never
 * leaves a role row behind.
 */
class PostgresRoleRowMembershipTest {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresRoleRowMembershipTest.class);
  private static final TenantId TENANT = TenantId.of("t-rolefk");
  private static final List<OrganizationId> SCHOOLS = List.of(OrganizationId.of("school-1"), OrganizationId.of("school-2"));
  private static final List<RoleId> ROLES = List.of(DefaultCatalog.OBSERVER, DefaultCatalog.EVALUATOR, DefaultCatalog.REPORTER);
  private static final int USERS = 24;
  private static final String ORPHANS = "SELECT COUNT(*) FROM lk_membership_roles r WHERE NOT EXISTS (SELECT 1 FROM lk_memberships m"
      + " WHERE m.tenant_id = r.tenant_id AND m.user_id = r.user_id AND m.organization_id = r.organization_id)";

  private final ExecutorService threads = Executors.newFixedThreadPool(5);
  private PostgresTestDatabase database;
  private ActorSession admin;

  @BeforeEach
  void seed() {
    database = PostgresTestDatabase.create();
    admin = SchoolsTenant.define(JdbcLicenseStore.builder(database.dataSource()).build(), TENANT, SCHOOLS);
    for (int i = 0; i < USERS; i++) {
      admin.users().register(NewUser.builder().id(UserId.of("u-" + i)).name("User " + i).email("u" + i + "@example.org")
          .jobProfile(DefaultCatalog.TEACHER).addOrganizations(SCHOOLS.get(i % SCHOOLS.size())).build());
    }
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void theRoleRowsForeignKeyIsGoneAndTriggersKeepItsRule() throws SQLException {
    assertThat(count("SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'lk_membership_roles'::regclass AND contype = 'f'"))
        .as("foreign keys of the role rows").isZero();
    assertThat(strings("SELECT c.relname || ' ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
        + " WHERE NOT t.tgisinternal AND t.tgenabled = 'O' AND c.relname IN ('lk_memberships', 'lk_membership_roles')"
        + " AND t.tgname NOT LIKE 'lk_memberships_rekey%' ORDER BY 1"))
        .containsExactly(
            "lk_membership_roles lk_membership_roles_membership_insert",
            "lk_membership_roles lk_membership_roles_membership_update",
            "lk_memberships lk_memberships_cascade_roles_delete",
            "lk_memberships lk_memberships_cascade_roles_truncate",
            "lk_memberships lk_memberships_cascade_roles_update",
            "lk_memberships lk_memberships_hold_account");
  }

  @Test
  void aRoleRowWithoutItsMembershipIsRefusedAndItsStatementWritesNothing() throws SQLException {
    long before = count("SELECT COUNT(*) FROM lk_membership_roles");
    // u-0 is in school-1, not in school-2: the second row of the statement is an orphan
    assertThatThrownBy(() -> execute("INSERT INTO lk_membership_roles (tenant_id, user_id, organization_id, role_id) VALUES"
        + " ('t-rolefk', 'u-0', 'school-1', 'reporter'), ('t-rolefk', 'u-0', 'school-2', 'reporter')"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("23503");
          assertThat(e.getMessage()).contains("lk_membership_roles_membership_fk", "(t-rolefk, u-0, school-2)");
        });
    // the same key in another tenant is no membership of this one
    assertThatThrownBy(() -> execute("INSERT INTO lk_membership_roles (tenant_id, user_id, organization_id, role_id) VALUES"
        + " ('t-other', 'u-0', 'school-1', 'reporter')"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
    assertThatThrownBy(() -> execute("UPDATE lk_membership_roles SET organization_id = 'school-2' WHERE tenant_id = 't-rolefk'"
        + " AND user_id = 'u-0'"))
        .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
    assertThat(count("SELECT COUNT(*) FROM lk_membership_roles")).as("role rows").isEqualTo(before);
    assertThat(count(ORPHANS)).isZero();

    execute("INSERT INTO lk_membership_roles (tenant_id, user_id, organization_id, role_id) VALUES"
        + " ('t-rolefk', 'u-0', 'school-1', 'reporter')");
    assertThat(count("SELECT COUNT(*) FROM lk_membership_roles")).as("a role row of a membership goes in").isEqualTo(before + 1);
  }

  @Test
  void deletingAMembershipDeletesItsRoleRowsAndNoOthers() throws SQLException {
    admin.assignments().addToOrganization(UserId.of("u-0"), SCHOOLS.get(1), Set.of(DefaultCatalog.REPORTER));
    long ofOthers = count("SELECT COUNT(*) FROM lk_membership_roles WHERE NOT (user_id = 'u-0' AND organization_id = 'school-1')");
    assertThat(count("SELECT COUNT(*) FROM lk_membership_roles WHERE user_id = 'u-0' AND organization_id = 'school-1'")).isPositive();

    execute("DELETE FROM lk_memberships WHERE tenant_id = 't-rolefk' AND user_id = 'u-0' AND organization_id = 'school-1'");

    assertThat(count("SELECT COUNT(*) FROM lk_membership_roles WHERE user_id = 'u-0' AND organization_id = 'school-1'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM lk_membership_roles")).as("the other memberships' role rows").isEqualTo(ofOthers);
  }

  @Test
  void aMembershipNamedByRoleRowsKeepsItsKeyAndTruncatingMembershipsEmptiesTheRoleRows() throws SQLException {
    admin.assignments().assignRole(UserId.of("u-0"), SCHOOLS.get(0), DefaultCatalog.REPORTER);
    assertThatThrownBy(() -> execute("UPDATE lk_memberships SET organization_id = 'school-9' WHERE user_id = 'u-0'"))
        .isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("23503");
          assertThat(e.getMessage()).contains("lk_membership_roles_membership_fk", "(t-rolefk, u-0, school-1)");
        });
    execute("DELETE FROM lk_membership_roles WHERE user_id = 'u-0'");
    execute("UPDATE lk_memberships SET organization_id = 'school-9' WHERE user_id = 'u-0'");
    assertThat(count("SELECT COUNT(*) FROM lk_memberships WHERE user_id = 'u-0' AND organization_id = 'school-9'")).isEqualTo(1);

    execute("TRUNCATE lk_memberships");
    assertThat(count("SELECT COUNT(*) FROM lk_membership_roles")).isZero();
  }

  /**
   * A grant holding the account (as every command of the store does) writes a role row of an
   * existing membership; a host's SQL deleting that membership meanwhile waits for the grant's commit
   * — its trigger holds the account first — and then deletes the new role row with it. Without that
   * hold the delete would go through at once, miss the uncommitted role row, and leave it orphaned.
   */
  @Test
  void aMembershipDeleteWaitsForAGrantHoldingTheAccountAndTakesItsRoleRowsWithIt() throws Exception {
    try (Connection grant = database.raw().getConnection()) {
      grant.setAutoCommit(false);
      try (Statement statement = grant.createStatement()) {
        statement.executeQuery("SELECT id FROM lk_users WHERE tenant_id = 't-rolefk' AND id = 'u-0' FOR UPDATE").close();
        statement.executeUpdate("INSERT INTO lk_membership_roles (tenant_id, user_id, organization_id, role_id) VALUES"
            + " ('t-rolefk', 'u-0', 'school-1', 'reporter')");
      }
      CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> executeUnchecked(
          "DELETE FROM lk_memberships WHERE tenant_id = 't-rolefk' AND user_id = 'u-0' AND organization_id = 'school-1'"), threads);
      awaitALockWait(delete);
      grant.commit();
      delete.get(30, TimeUnit.SECONDS);
    }
    assertThat(count("SELECT COUNT(*) FROM lk_memberships WHERE user_id = 'u-0'")).isZero();
    assertThat(count("SELECT COUNT(*) FROM lk_membership_roles WHERE user_id = 'u-0'")).as("u-0's role rows").isZero();
    assertThat(count(ORPHANS)).isZero();
  }

  /**
   * Single grants and best-effort and all-or-nothing bulk grants through the API race removals
   * through the API and a host's SQL deleting and re-adding memberships, on five threads: no role
   * row without its membership is ever seen, during the run or after it.
   */
  @Test
  void noRoleRowOutlivesItsMembershipWhileGrantsRaceDeletes() throws Exception {
    long seed = Long.getLong("licensekit.seed", System.nanoTime());
    LOG.info("role rows racing membership deletes, seed {} (replay with -Dlicensekit.seed={})", seed, seed);
    AtomicInteger deletes = new AtomicInteger();
    List<Future<?>> runs = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Random random = new Random(seed + t);
      boolean sql = t % 2 == 1;
      runs.add(threads.submit(() -> {
        for (int i = 0; i < 12; i++) {
          if (sql && random.nextBoolean()) {
            sqlChange(random, deletes);
          } else {
            command(random);
          }
        }
        return null;
      }));
    }
    List<Future<?>> workers = List.copyOf(runs);
    runs.add(threads.submit(() -> {
      while (workers.stream().anyMatch(run -> !run.isDone())) {
        assertThat(count(ORPHANS)).as("role rows without their membership during the run (seed %d)", seed).isZero();
        Thread.sleep(20);
      }
      return null;
    }));
    for (Future<?> run : runs) {
      run.get(4, TimeUnit.MINUTES);
    }
    assertThat(count(ORPHANS)).as("role rows without their membership (seed %d)", seed).isZero();
    assertThat(deletes.get()).as("memberships the host's SQL deleted (seed %d)", seed).isPositive();
    assertThat(count("SELECT COUNT(*) FROM lk_membership_roles")).as("role rows left (seed %d)", seed).isPositive();
  }

  /** One command of the store; refusals (a user not in the organization, say) are part of the run. */
  private void command(Random random) {
    OrganizationId school = SCHOOLS.get(random.nextInt(SCHOOLS.size()));
    RoleId role = ROLES.get(random.nextInt(ROLES.size()));
    UserId someone = UserId.of("u-" + random.nextInt(USERS));
    try {
      switch (random.nextInt(5)) {
        case 0 -> admin.assignments().assignRole(someone, school, role);
        case 1 -> admin.assignments().addToOrganization(someone, school, Set.of(role));
        case 2 -> admin.assignments().removeFromOrganization(someone, school, "random removal");
        default -> admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(school).build())
            .action(BulkAction.grantRoles(school, Set.of(role))).mode(random.nextBoolean() ? BulkMode.BEST_EFFORT : BulkMode.ALL_OR_NOTHING)
            .reason("random grant").chunkSize(1 + random.nextInt(4)).build());
      }
    } catch (ConflictException | NotFoundException | InvalidInputException refused) {
      // a refusal writes nothing
    }
  }

  /**
   * A host's own transaction: memberships of a few users deleted one statement each, in id order,
   * or added again; held open a moment so grants run into it.
   */
  private void sqlChange(Random random, AtomicInteger deletes) throws Exception {
    String school = SCHOOLS.get(random.nextInt(SCHOOLS.size())).value();
    List<String> users = IntStream.range(0, 1 + random.nextInt(3)).mapToObj(i -> "u-" + random.nextInt(USERS)).distinct().sorted().toList();
    boolean delete = random.nextInt(3) > 0;
    try (Connection connection = database.raw().getConnection()) {
      connection.setAutoCommit(false);
      for (String user : users) {
        try (PreparedStatement statement = connection.prepareStatement(delete
            ? "DELETE FROM lk_memberships WHERE tenant_id = 't-rolefk' AND user_id = ? AND organization_id = ?"
            : "INSERT INTO lk_memberships (tenant_id, user_id, organization_id) VALUES ('t-rolefk', ?, ?) ON CONFLICT DO NOTHING")) {
          statement.setString(1, user);
          statement.setString(2, school);
          deletes.addAndGet(delete ? statement.executeUpdate() : 0);
        }
      }
      Thread.sleep(random.nextInt(30));
      connection.commit();
    }
  }

  /** Returns once a session waits for a lock, or {@code work} has ended. */
  private void awaitALockWait(CompletableFuture<Void> work) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && !work.isDone()) {
      if (count("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") > 0) {
        return;
      }
      Thread.sleep(10);
    }
    assertThat(work).as("the delete waits for the grant holding the account").isNotDone();
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private void executeUnchecked(String sql) {
    try {
      execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String sql) throws SQLException {
    DataSource data = database.raw();
    try (Connection connection = data.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private List<String> strings(String sql) throws SQLException {
    List<String> found = new ArrayList<>();
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        found.add(rows.getString(1));
      }
    }
    return found;
  }
}
