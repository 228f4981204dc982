package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.WaitingUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock order of the JDBC store on a real PostgreSQL 17 (see {@code JdbcLicenseStore}'s Javadoc:
 * accounts, then the settings row, then pools by id, then claims, then the audit chain head). Per
 * round, revocations free seats of a full pool whose waitlist is served in the same transaction
 * (pool rows first, then the waiting users' accounts, before the fix) while the waiting users ask
 * for the product again (their account first, then the pool rows). The database's own deadlock
 * count for the test database ({@code pg_stat_database.deadlocks}) must not grow: the store's
 * retry of a deadlock victim is a safety net, not the way commands pass each other. The other
 * races: seat moves between two pools of one product both ways at once (roll-overs), which must
 * lock the two pool rows in id order; seats served past suspended users at the head of a queue;
 * suspensions of users each waiting for the seat the other holds; an all-or-nothing bulk run
 * against single assignments to its users; and grants and assignments each serving a queue the
 * other's user waits in.
 */
class PostgresLockOrderTest {

  private static final Logger log = LoggerFactory.getLogger(PostgresLockOrderTest.class);
  private static final TenantId TENANT = TenantId.of("lock-order");
  private static final int SEATS = 4;
  private static final int WAITING = 8;

  @Test
  void servingAWaitlistWhileWaitingUsersAskAgainNeverDeadlocks() throws Exception {
    List<UserId> users = new ArrayList<>();
    raceRounds("waitlist", tenant -> users.addAll(registerUsers(tenant, SEATS + WAITING)), (admin, round, random, racers, label) -> {
      ProductId product = ProductId.of("product-" + round);
      admin.catalog().defineProduct(Product.builder().id(product).name("Product " + round).type(ProductType.LEARNING_CONTENT).build());
      Instant now = Instant.now();
      admin.pools().add(NewPool.builder().id(PoolId.of("pool-" + round)).product(product).seats(SEATS)
          .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
      List<UserId> shuffled = new ArrayList<>(users);
      Collections.shuffle(shuffled, random);
      List<UserId> holders = shuffled.subList(0, SEATS);
      List<UserId> waiting = shuffled.subList(SEATS, SEATS + WAITING);
      List<LicenseClaim> held = holders.stream()
          .map(user -> admin.assignments().assignProduct(user, product, "first").assigned().get(0)).collect(Collectors.toList());
      waiting.forEach(user -> admin.assignments().assignProduct(user, product, "later"));

      held.forEach(claim -> racers.add(() -> admin.claims().revoke(claim.id(), "race")));
      waiting.forEach(user -> racers.add(() -> admin.assignments().assignProduct(user, product, "again")));
      return () -> {
        List<UserId> queue = admin.waitlist().of(product).stream().map(WaitingUser::user).collect(Collectors.toList());
        assertThat(queue).as("%s: the last %d wait", label, WAITING - SEATS).hasSize(WAITING - SEATS);
        assertThat(admin.pools().find(PoolId.of("pool-" + round)).orElseThrow().seatsInUse()).isEqualTo(SEATS);
      };
    });
  }

  /**
   * Per round a product with two pools of 12 seats, each holding 3 claims, and seat moves both ways
   * at once: a roll-over of the first pool into the second races a roll-over of the second into
   * the first (each taking a seat of its target, then giving the source's back). Without one order
   * each held its target's row and waited for its source's, which the other held.
   */
  @Test
  void seatMovesBetweenTwoPoolsInBothDirectionsNeverDeadlock() throws Exception {
    List<UserId> users = new ArrayList<>();
    raceRounds("seat moves", tenant -> users.addAll(registerUsers(tenant, 6)), (admin, round, random, racers, label) -> {
      ProductId product = ProductId.of("product-" + round);
      admin.catalog().defineProduct(Product.builder().id(product).name("Product " + round).type(ProductType.LEARNING_CONTENT).build());
      Instant now = Instant.now();
      Term term = Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
      PoolId first = PoolId.of("pool-" + round + "-a");
      PoolId second = PoolId.of("pool-" + round + "-b");
      List<UserId> shuffled = new ArrayList<>(users);
      Collections.shuffle(shuffled, random);
      admin.pools().add(NewPool.builder().id(first).product(product).seats(3).term(term).build());
      shuffled.subList(0, 3).forEach(user -> admin.assignments().assignProduct(user, product, "first"));
      admin.pools().add(NewPool.builder().id(second).product(product).seats(3).term(term).build());
      shuffled.subList(3, 6).forEach(user -> admin.assignments().assignProduct(user, product, "first"));
      admin.pools().changeSeats(first, 12, "room for the moves");
      admin.pools().changeSeats(second, 12, "room for the moves");

      racers.add(() -> admin.lifecycle().rollOver(first, second, "race"));
      racers.add(() -> admin.lifecycle().rollOver(second, first, "race"));
      return () -> {
        assertThat(admin.pools().find(first).orElseThrow().seatsInUse() + admin.pools().find(second).orElseThrow().seatsInUse())
            .isEqualTo(6);
      };
    });
  }

  /**
   * Per round a full pool of 4 seats whose queue starts with 4 suspended users (they keep their
   * place: the tenant takes suspended users' seats, so none may be given one) followed by 8 who can
   * take a seat. The 4 holders' claims are revoked while the 8 ask for the product again: each freed
   * seat goes past the suspended head to a user behind it, whose account must be held before the
   * pool's row as the head's is, or the revocation holding the pool waits for an account whose
   * own command waits for the pool.
   */
  @Test
  void servingUsersPastASuspendedHeadOfTheQueueNeverDeadlocks() throws Exception {
    raceRounds("past the head", tenant -> tenant.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(false).build()), (admin, round, random, racers, label) -> {
      ProductId product = ProductId.of("product-" + round);
      admin.catalog().defineProduct(Product.builder().id(product).name("Product " + round).type(ProductType.LEARNING_CONTENT).build());
      Instant now = Instant.now();
      PoolId pool = PoolId.of("pool-" + round);
      admin.pools().add(NewPool.builder().id(pool).product(product).seats(SEATS)
          .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
      List<UserId> users = new ArrayList<>(registerUsers(admin, "r" + round + "-", SEATS + SEATS + WAITING));
      users.forEach(user -> admin.users().activate(user));
      Collections.shuffle(users, random);
      List<UserId> holders = users.subList(0, SEATS);
      List<UserId> suspended = users.subList(SEATS, 2 * SEATS);
      List<UserId> waiting = users.subList(2 * SEATS, 2 * SEATS + WAITING);
      List<LicenseClaim> held = holders.stream()
          .map(user -> admin.assignments().assignProduct(user, product, "first").assigned().get(0)).collect(Collectors.toList());
      suspended.forEach(user -> admin.assignments().assignProduct(user, product, "later"));
      suspended.forEach(user -> admin.users().suspend(user, "leave"));
      waiting.forEach(user -> admin.assignments().assignProduct(user, product, "later"));

      held.forEach(claim -> racers.add(() -> admin.claims().revoke(claim.id(), "race")));
      waiting.forEach(user -> racers.add(() -> admin.assignments().assignProduct(user, product, "again")));
      return () -> {
        List<UserId> queue = admin.waitlist().of(product).stream().map(WaitingUser::user).collect(Collectors.toList());
        assertThat(queue).as("%s: the suspended keep their places", label)
            .hasSize(SEATS + WAITING - SEATS).containsAll(suspended);
        assertThat(admin.pools().find(pool).orElseThrow().seatsInUse()).isEqualTo(SEATS);
      };
    });
  }

  /**
   * Per round an all-or-nothing bulk grant (chunks of 4) gives 24 users a role granting a product,
   * while the 16 of them in the run's later chunks are given the product directly by single
   * commands started at seeded random moments over the run's first 400 ms.
   * Each single command holds its user's account and then wants the product's pool row; the run
   * holds that row from its first chunk on and then wants the later chunks' accounts.
   */
  @Test
  void anAllOrNothingBulkGrantRacingSingleAssignmentsNeverDeadlocks() throws Exception {
    int runSize = 24;
    raceRounds("bulk", tenant -> { }, (admin, round, random, racers, label) -> {
      ProductId product = ProductId.of("product-" + round);
      admin.catalog().defineProduct(Product.builder().id(product).name("Product " + round).type(ProductType.LEARNING_CONTENT).build());
      RoleId role = RoleId.of("role-" + round);
      admin.catalog().defineRole(Role.builder().id(role).name("Role " + round).addGrants(product).build());
      OrganizationId school = OrganizationId.of("school-" + round);
      admin.users().defineOrganization(Organization.root(school, "School " + round));
      Instant now = Instant.now();
      PoolId pool = PoolId.of("pool-" + round);
      admin.pools().add(NewPool.builder().id(pool).product(product).seats(2 * runSize)
          .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
      List<UserId> users = registerUsers(admin, "b" + round + "-", runSize);
      users.forEach(user -> admin.assignments().addToOrganization(user, school, Set.of()));
      List<UserId> later = new ArrayList<>(users.subList(8, runSize));
      Collections.shuffle(later, random);

      racers.add(() -> admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(school).build())
          .action(BulkAction.grantRoles(school, Set.of(role))).mode(BulkMode.ALL_OR_NOTHING).chunkSize(4).reason("race").build()));
      for (UserId user : later) {
        // spread over the run's lifetime, so that some come while it holds the pool's row
        long delay = random.nextInt(400);
        racers.add(() -> {
          Thread.sleep(delay);
          return admin.assignments().assignProduct(user, product, "race");
        });
      }
      return () -> {
        assertThat(admin.pools().find(pool).orElseThrow().seatsInUse()).as("%s", label).isEqualTo(runSize);
      };
    });
  }

  /**
   * Per round 4 pairs of users crossed over two products of one seat each: the first of a pair holds
   * one product's seat and waits for the other's, which the second holds while waiting for the
   * first's. All 8 are suspended at once while the tenant takes suspended users' seats: each
   * suspension frees a seat that goes to the other of its pair. Holding its own user's account and
   * then locking the other's, the two suspensions of a pair waited for each other.
   */
  @Test
  void suspensionsFreeingSeatsTheOtherWaitsForNeverDeadlock() throws Exception {
    int pairs = 4;
    raceRounds("crossed queues", tenant -> tenant.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(false).build()), (admin, round, random, racers, label) -> {
      List<UserId> users = registerUsers(admin, "x" + round + "-", 2 * pairs);
      users.forEach(user -> admin.users().activate(user));
      Instant now = Instant.now();
      Term term = Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
      List<PoolId> pools = new ArrayList<>();
      for (int pair = 0; pair < pairs; pair++) {
        ProductId first = ProductId.of("p-" + round + "-" + pair);
        ProductId second = ProductId.of("q-" + round + "-" + pair);
        for (ProductId product : List.of(first, second)) {
          admin.catalog().defineProduct(Product.builder().id(product).name("Product " + product).type(ProductType.LEARNING_CONTENT).build());
          PoolId pool = PoolId.of("pool-" + product.value());
          admin.pools().add(NewPool.builder().id(pool).product(product).seats(1).term(term).build());
          pools.add(pool);
        }
        UserId one = users.get(2 * pair);
        UserId other = users.get(2 * pair + 1);
        assertThat(admin.assignments().assignProduct(one, first, "first").assigned()).hasSize(1);
        assertThat(admin.assignments().assignProduct(other, second, "first").assigned()).hasSize(1);
        assertThat(admin.assignments().assignProduct(one, second, "later").assigned()).isEmpty();
        assertThat(admin.assignments().assignProduct(other, first, "later").assigned()).isEmpty();
      }

      users.forEach(user -> racers.add(() -> admin.users().suspend(user, "race")));
      return () -> {
        for (PoolId pool : pools) {
          assertThat(admin.pools().find(pool).orElseThrow().seatsInUse()).as("%s: %s", label, pool).isZero();
        }
      };
    });
  }

  /**
   * Per round 4 pairs of users crossed over two products: the first of a pair waits for one
   * product, the second for the other, and each product gets a second pool whose term starts a
   * moment later, so that a seat is free while users wait (as before the sweep serves it). Then the
   * second of each pair is given the product the first waits for, and the first the product the
   * second waits for, at once — half of the pairs by a direct assignment, half by a role grant.
   * Each command holds its own user's account and, finding a free seat while someone waits, serves
   * the queue first, which locks the waiting user's account: the other command's user.
   */
  @Test
  void grantsAndAssignmentsServingEachOthersQueuesNeverDeadlock() throws Exception {
    int pairs = 4;
    OrganizationId school = OrganizationId.of("school");
    raceRounds("crossed serving", tenant -> tenant.users().defineOrganization(Organization.root(school, "School")),
        (admin, round, random, racers, label) -> {
      List<UserId> users = registerUsers(admin, "s" + round + "-", 3 * pairs);
      Instant now = Instant.now();
      Instant later = now.plusMillis(1_500);
      List<PoolId> laterPools = new ArrayList<>();
      List<Runnable> checks = new ArrayList<>();
      for (int pair = 0; pair < pairs; pair++) {
        UserId one = users.get(3 * pair);
        UserId other = users.get(3 * pair + 1);
        UserId holder = users.get(3 * pair + 2);
        ProductId first = ProductId.of("p-" + round + "-" + pair);
        ProductId second = ProductId.of("q-" + round + "-" + pair);
        RoleId firstRole = RoleId.of("rp-" + round + "-" + pair);
        RoleId secondRole = RoleId.of("rq-" + round + "-" + pair);
        for (ProductId product : List.of(first, second)) {
          admin.catalog().defineProduct(Product.builder().id(product).name("Product " + product).type(ProductType.LEARNING_CONTENT).build());
          admin.pools().add(NewPool.builder().id(PoolId.of("now-" + product.value())).product(product).seats(1)
              .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
          assertThat(admin.assignments().assignProduct(holder, product, "first").assigned()).hasSize(1);
        }
        admin.catalog().defineRole(Role.builder().id(firstRole).name("Role " + firstRole).addGrants(first).build());
        admin.catalog().defineRole(Role.builder().id(secondRole).name("Role " + secondRole).addGrants(second).build());
        assertThat(admin.assignments().assignProduct(one, first, "waits").assigned()).isEmpty();
        assertThat(admin.assignments().assignProduct(other, second, "waits").assigned()).isEmpty();
        for (ProductId product : List.of(first, second)) {
          PoolId pool = PoolId.of("later-" + product.value());
          admin.pools().add(NewPool.builder().id(pool).product(product).seats(1)
              .term(Term.of(later, now.plus(365, ChronoUnit.DAYS))).build());
          laterPools.add(pool);
        }
        boolean byRole = pair % 2 == 1;
        racers.add(() -> byRole ? admin.assignments().assignRole(other, school, firstRole)
            : admin.assignments().assignProduct(other, first, "race"));
        racers.add(() -> byRole ? admin.assignments().assignRole(one, school, secondRole)
            : admin.assignments().assignProduct(one, second, "race"));
        checks.add(() -> {
          // each was served the product they waited for, and waits for the one they asked for now
          assertThat(admin.claims().ofUser(one).stream().filter(LicenseClaim::live).map(LicenseClaim::product))
              .as("%s: %s's seats", label, one).containsExactly(first);
          assertThat(admin.claims().ofUser(other).stream().filter(LicenseClaim::live).map(LicenseClaim::product))
              .as("%s: %s's seats", label, other).containsExactly(second);
        });
      }
      // the later pools' seats are free once their term starts, with users waiting
      Thread.sleep(Math.max(0, java.time.Duration.between(Instant.now(), later).toMillis() + 50));
      return () -> {
        for (PoolId pool : laterPools) {
          assertThat(admin.pools().find(pool).orElseThrow().seatsInUse()).as("%s: %s", label, pool).isEqualTo(1);
        }
        checks.forEach(Runnable::run);
      };
    });
  }

  /**
   * {@code tryLockUsers} takes free accounts and answers true at once when it can, and answers false
   * at once — not after a wait — when another transaction holds one of them; the attempt that got
   * false then rolls back, and a later one takes the account once it is free.
   */
  @Test
  void tryLockUsersRefusesAnAccountAnotherTransactionHoldsWithoutWaiting() throws Exception {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore store = JdbcLicenseStore.builder(database.dataSource()).build();
    ActorSession admin = Licensing.builder().store(store).build().tenant(TENANT).as(Actor.systemAdministrator("admin"));
    List<UserId> users = registerUsers(admin, "t", 3);
    assertThat(store.transactions().inTransaction(() -> store.directory().tryLockUsers(TENANT, users))).isTrue();
    try (Connection holder = database.dataSource().target().getConnection(); Statement statement = holder.createStatement()) {
      holder.setAutoCommit(false);
      statement.execute("SELECT id FROM lk_users WHERE tenant_id = '" + TENANT.value() + "' AND id = '" + users.get(1).value()
          + "' FOR UPDATE");
      ExecutorService thread = Executors.newSingleThreadExecutor();
      try {
        // on a thread of its own: a lock that waited would wait for the holder, which waits for this answer
        Future<Boolean> attempt = thread.submit(() -> store.transactions().inTransaction(() -> {
          if (!store.directory().tryLockUsers(TENANT, users)) {
            throw new IllegalStateException("refused");
          }
          return true;
        }));
        assertThatThrownBy(() -> attempt.get(30, TimeUnit.SECONDS)).as("refused without waiting for the holder")
            .hasRootCauseMessage("refused");
        assertThat(thread.submit(() -> store.transactions().inTransaction(() -> store.directory()
            .tryLockUsers(TENANT, List.of(users.get(0), users.get(2))))).get(30, TimeUnit.SECONDS)).as("the accounts nobody holds").isTrue();
      } finally {
        holder.rollback();
        thread.shutdownNow();
      }
    }
    assertThat(store.transactions().inTransaction(() -> store.directory().tryLockUsers(TENANT, users))).as("once released").isTrue();
  }

  /** One round of a race: its data set up and its racers added; what it returns checks what they left. */
  @FunctionalInterface
  private interface Round {
    Runnable prepare(ActorSession admin, int round, Random random, List<Callable<Object>> racers, String label) throws Exception;
  }

  /**
   * Runs {@code licensekit.race.rounds} rounds (10 by default) of a race on a database of its own:
   * per round the racers, on threads of their own, are released together in an order drawn from the
   * seed ({@code licensekit.seed}); none may fail, the round's check must hold, and PostgreSQL must
   * have detected no deadlock in the test database over all rounds.
   */
  private static void raceRounds(String race, Consumer<ActorSession> tenant, Round round) throws Exception {
    long seed = Long.getLong("licensekit.seed", System.nanoTime());
    log.info("PostgresLockOrderTest {} seed {} (-Dlicensekit.seed={} repeats the order of the racers)", race, seed, seed);
    Random random = new Random(seed);
    PostgresTestDatabase database = PostgresTestDatabase.create();
    ActorSession admin = administrator(database);
    tenant.accept(admin);
    long before = deadlocks(database);
    int rounds = Integer.getInteger("licensekit.race.rounds", 10);
    for (int number = 0; number < rounds; number++) {
      String label = "seed " + seed + " round " + number;
      List<Callable<Object>> racers = new ArrayList<>();
      Runnable check = round.prepare(admin, number, random, racers, label);
      Collections.shuffle(racers, random);
      assertThat(race(racers)).as("%s: no racer failed", label).isEmpty();
      check.run();
    }
    long found = deadlocks(database) - before;
    log.info("PostgresLockOrderTest {} seed {}: {} rounds, {} deadlocks detected by PostgreSQL", race, seed, rounds, found);
    assertThat(found).as("%s seed %d: deadlocks PostgreSQL detected in %d rounds", race, seed, rounds).isZero();
  }

  private static ActorSession administrator(PostgresTestDatabase database) {
    JdbcLicenseStore store = JdbcLicenseStore.builder(database.dataSource()).build();
    return Licensing.builder().store(store).build().tenant(TENANT).as(Actor.systemAdministrator("admin"));
  }

  /** Registers users u00, u01, ... without invitations. */
  private static List<UserId> registerUsers(ActorSession admin, int count) {
    return registerUsers(admin, "u", count);
  }

  /** Registers users {@code prefix}00, {@code prefix}01, ... without invitations. */
  private static List<UserId> registerUsers(ActorSession admin, String prefix, int count) {
    List<UserId> users = IntStream.range(0, count).mapToObj(i -> UserId.of(String.format("%s%02d", prefix, i))).collect(Collectors.toList());
    users.forEach(user -> admin.users().register(NewUser.builder()
        .id(user).name("User " + user).email(user + "@example.org").invite(false).build()));
    return users;
  }

  private static List<Throwable> race(List<Callable<Object>> racers) throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(racers.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (Callable<Object> racer : racers) {
        futures.add(threads.submit(() -> {
          start.await();
          return racer.call();
        }));
      }
      start.countDown();
      List<Throwable> failures = new ArrayList<>();
      for (Future<Object> future : futures) {
        try {
          future.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
          failures.add(e);
        }
      }
      return failures;
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * The deadlocks PostgreSQL detected in the test database so far. A backend reports its
   * statistics when it ends: wait until this database has no other backend, then a moment for the
   * last report.
   */
  private static long deadlocks(PostgresTestDatabase database) throws SQLException, InterruptedException {
    try (Connection connection = database.dataSource().target().getConnection(); Statement statement = connection.createStatement()) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (System.nanoTime() < deadline) {
        try (ResultSet rows = statement.executeQuery(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
          rows.next();
          if (rows.getInt(1) == 0) {
            break;
          }
        }
        Thread.sleep(50);
      }
      Thread.sleep(1_500);
      statement.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet rows = statement.executeQuery("SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()")) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
