package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.LicensingException;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Concurrent single assignments of one product combined into shared transactions on PostgreSQL
 * (the default there), on real threads: no over-allocation, each caller its own answer, refusals
 * and failures only to their callers, the audit chain whole, and the same outcomes as running each
 * assignment alone.
 */
class PostgresCombinedAssignmentsTest {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresCombinedAssignmentsTest.class);
  private static final ProductId PRODUCT = ProductId.of("observation");
  private static final int THREADS = 16;

  private PostgresTestDatabase database;
  private DataSource dataSource;
  private LicenseStore store;
  private ExecutorService threads;

  @BeforeEach
  void store() {
    database = PostgresTestDatabase.create();
    dataSource = SharedStores.pooled(database, THREADS + 4);
    store = JdbcLicenseStore.builder(dataSource).build();
    threads = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void postgresqlCombinesAssignmentsByDefault() {
    assertThat(store.transactions().combinedAssignmentsByDefault()).isEqualTo(JdbcLicenseStore.COMBINED_ASSIGNMENTS_ON_POSTGRESQL);
  }

  @Test
  void sixteenThreadsAssigningAndRevokingOnTenSeatsNeverOverAllocateAndEachCallerGetsItsOwnAnswer() throws Exception {
    ActorSession admin = tenant(Licensing.builder().store(store).build(), "race", 10);
    List<UserId> active = register(admin, "u", 64);
    List<UserId> archived = register(admin, "gone", 8);
    archived.forEach(user -> admin.users().archive(user, "left the district"));
    List<Callable<String>> calls = new ArrayList<>();
    for (UserId user : active) {
      calls.add(() -> {
        AssignmentResult result = admin.assignments().assignProduct(user, PRODUCT, "race");
        for (LicenseClaim claim : result.assigned()) {
          assertThat(claim.user()).isEqualTo(user);
          assertThat(claim.product()).isEqualTo(PRODUCT);
        }
        if (!result.assigned().isEmpty() && user.value().hashCode() % 2 == 0) {
          List<LicenseClaim> revoked = admin.assignments().revokeProduct(user, PRODUCT, "seat given back");
          assertThat(revoked).extracting(LicenseClaim::user).containsOnly(user);
          return "assigned-then-revoked";
        }
        return outcome(result);
      });
    }
    for (UserId user : archived) {
      calls.add(() -> outcomeOf(() -> admin.assignments().assignProduct(user, PRODUCT, "race")));
    }
    for (int i = 0; i < 8; i++) {
      UserId unknown = UserId.of("nobody-" + i);
      calls.add(() -> outcomeOf(() -> admin.assignments().assignProduct(unknown, PRODUCT, "race")));
    }
    Collections.shuffle(calls, new Random(7));

    List<String> outcomes = runAtOnce(calls);

    Map<String, Integer> counted = new TreeMap<>();
    outcomes.forEach(o -> counted.merge(o, 1, Integer::sum));
    LOG.info("combined race outcomes: {}", counted);
    assertThat(counted.keySet()).as("%s", counted)
        .allMatch(o -> o.equals("assigned") || o.equals("assigned-then-revoked") || o.equals("refused:NO_SEAT_AVAILABLE")
            || o.startsWith("ConflictException:") || o.startsWith("NotFoundException:"));
    assertThat(counted.get("NotFoundException:NOT_FOUND")).as("%s", counted).isEqualTo(8);
    assertThat(counted.entrySet().stream().filter(e -> e.getKey().startsWith("ConflictException:")).mapToInt(Map.Entry::getValue).sum())
        .as("%s", counted).isEqualTo(8);
    assertThat(counted.getOrDefault("assigned", 0) + counted.getOrDefault("assigned-then-revoked", 0)).isGreaterThanOrEqualTo(10);
    assertSeatRuleHolds("race", 10);
    assertThat(admin.audit().verify().intact()).isTrue();
    assertThat(assignedEntriesPerTransaction("race")).as("some assignments shared a transaction").anyMatch(n -> n > 1);
  }

  @Test
  void oneAssignmentFailingInABatchFailsOnlyItsCallerAndTheOthersCommit() throws Exception {
    ActorSession admin = tenant(Licensing.builder().store(store).build(), "poison", 50);
    List<UserId> users = register(admin, "u", 8);
    UserId poison = register(admin, "poison", 1).get(0);
    execute("ALTER TABLE lk_claims ADD CONSTRAINT no_poison CHECK (user_id NOT LIKE 'poison%')");
    Future<String> first;
    List<Future<String>> rest = new ArrayList<>();
    try (Connection blocker = dataSource.getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement statement = blocker.createStatement()) {
        statement.execute("SELECT * FROM lk_pools WHERE tenant_id = 'poison' FOR UPDATE");
      }
      first = threads.submit(() -> outcomeOf(() -> admin.assignments().assignProduct(users.get(0), PRODUCT, "first")));
      awaitLockWaiters(1);
      // queued behind the first caller's transaction, which waits for the pool's row
      for (UserId user : users.subList(1, users.size())) {
        rest.add(threads.submit(() -> outcomeOf(() -> admin.assignments().assignProduct(user, PRODUCT, "queued"))));
      }
      Future<String> poisoned = threads.submit(() -> outcomeOf(() -> admin.assignments().assignProduct(poison, PRODUCT, "queued")));
      Thread.sleep(1_500);
      blocker.commit();
      String refused = poisoned.get(60, TimeUnit.SECONDS);
      assertThat(refused).as("the failing caller gets its own failure").doesNotStartWith("assigned");
    }
    assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo("assigned");
    for (Future<String> other : rest) {
      assertThat(other.get(60, TimeUnit.SECONDS)).isEqualTo("assigned");
    }
    assertThat(count("SELECT count(*) FROM lk_claims WHERE tenant_id = 'poison' AND user_id LIKE 'poison%'")).isZero();
    assertSeatRuleHolds("poison", 50);
    assertThat(count("SELECT seats_in_use FROM lk_pools WHERE tenant_id = 'poison'")).isEqualTo(users.size());
    assertThat(admin.audit().verify().intact()).isTrue();
    assertThat(assignedEntriesPerTransaction("poison")).as("the queued assignments committed together").contains((long) users.size() - 1);
  }

  @Test
  void aBatchWhoseAuditAppendFailsRunsEachAssignmentAgainAloneAndOnlyTheFailingOneFails() throws Exception {
    ActorSession admin = tenant(Licensing.builder().store(store).build(), "audit", 50);
    List<UserId> users = register(admin, "u", 6);
    // the batch appends every assignment's audit entry in one statement: this one breaks it whole
    execute("ALTER TABLE lk_audit_entries ADD CONSTRAINT no_poisoned_reason CHECK (reason IS DISTINCT FROM 'poisoned')");
    // counts the attempts to append the poisoned entry: a sequence outlives the rollbacks
    execute("CREATE SEQUENCE poisoned_appends");
    execute("CREATE FUNCTION count_poisoned() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
        + " IF NEW.reason = 'poisoned' THEN PERFORM nextval('poisoned_appends'); END IF; RETURN NEW; END $$");
    execute("CREATE TRIGGER count_poisoned BEFORE INSERT ON lk_audit_entries FOR EACH ROW EXECUTE FUNCTION count_poisoned()");
    Future<String> first;
    List<Future<String>> rest = new ArrayList<>();
    Future<String> poisoned;
    try (Connection blocker = dataSource.getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement statement = blocker.createStatement()) {
        statement.execute("SELECT * FROM lk_pools WHERE tenant_id = 'audit' FOR UPDATE");
      }
      first = threads.submit(() -> outcomeOf(() -> admin.assignments().assignProduct(users.get(0), PRODUCT, "first")));
      awaitLockWaiters(1);
      for (UserId user : users.subList(1, users.size() - 1)) {
        rest.add(threads.submit(() -> outcomeOf(() -> admin.assignments().assignProduct(user, PRODUCT, "queued"))));
      }
      UserId last = users.get(users.size() - 1);
      poisoned = threads.submit(() -> outcomeOf(() -> admin.assignments().assignProduct(last, PRODUCT, "poisoned")));
      Thread.sleep(1_500);
      blocker.commit();
    }
    assertThat(poisoned.get(60, TimeUnit.SECONDS)).doesNotStartWith("assigned");
    assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo("assigned");
    for (Future<String> other : rest) {
      assertThat(other.get(60, TimeUnit.SECONDS)).as("run again alone after the batch failed").isEqualTo("assigned");
    }
    assertThat(count("SELECT count(*) FROM lk_claims WHERE tenant_id = 'audit' AND status = 'PENDING'")).isEqualTo(users.size() - 1);
    assertSeatRuleHolds("audit", 50);
    assertThat(admin.audit().verify().intact()).isTrue();
    assertThat(assignedEntriesPerTransaction("audit")).as("each committed alone").containsOnly(1L);
    assertThat(count("SELECT last_value FROM poisoned_appends")).as("appended in the batch, then alone").isEqualTo(2);
  }

  @Test
  void combinedAndUncombinedAssignmentsGiveTheSameOutcomesOnRandomData() throws Exception {
    long base = Long.getLong("licensekit.seed", System.nanoTime());
    for (int round = 0; round < 2; round++) {
      long seed = base + round;
      LOG.info("combined vs uncombined assignments, seed {} (replay with -Dlicensekit.seed={})", seed, base);
      Map<String, List<String>> combined = runScenario(seed, "combined-" + round, 16);
      Map<String, List<String>> alone = runScenario(seed, "alone-" + round, 1);
      assertThat(combined).as("outcomes per user and product, seed %s", seed).isEqualTo(alone);
    }
  }

  /**
   * One seeded scenario in a tenant of its own: users active, archived, unknown or already holding
   * the product, some asking twice, against a product with seats for everyone, one with no pool
   * (refused) and one with fewer seats than askers, each asked for at most once per user (where only the counts are compared:
   * which askers win depends on timing). Returns the sorted outcomes per user and product.
   */
  private Map<String, List<String>> runScenario(long seed, String tenant, int combinedAssignments) throws Exception {
    Random random = new Random(seed);
    Licensing licensing = Licensing.builder().store(store).combinedAssignments(combinedAssignments).build();
    ActorSession admin = licensing.tenant(TenantId.of(tenant)).as(Actor.systemAdministrator("admin"));
    ProductId plenty = ProductId.of("plenty");
    ProductId none = ProductId.of("none");
    ProductId scarce = ProductId.of("scarce");
    int users = 24 + random.nextInt(24);
    int scarceSeats = 1 + random.nextInt(users / 2);
    product(admin, plenty, 1_000);
    product(admin, none, 0);
    product(admin, scarce, scarceSeats);
    List<Callable<String[]>> calls = new ArrayList<>();
    for (int i = 0; i < users; i++) {
      UserId user = UserId.of("user-" + i);
      int kind = random.nextInt(10);
      if (kind != 9) {
        register(admin, user);
      }
      if (kind == 8) {
        admin.users().archive(user, "left");
      }
      if (kind == 7) {
        admin.assignments().assignProduct(user, plenty, "before the run");
      }
      int asks = random.nextInt(5) == 0 ? 2 : 1;
      for (int ask = 0; ask < asks; ask++) {
        // a second ask never names the scarce product: which of two asks wins a seat would depend on timing
        ProductId product = List.of(plenty, plenty, none, scarce).get(random.nextInt(ask == 0 ? 4 : 3));
        calls.add(() -> new String[] {user.value() + "/" + product.value(),
            outcomeOf(() -> admin.assignments().assignProduct(user, product, "random run"))});
      }
    }
    Collections.shuffle(calls, random);
    Map<String, List<String>> outcomes = new TreeMap<>();
    for (String[] done : runAtOnce(calls)) {
      String key = done[0].endsWith("/scarce") ? "scarce" : done[0];
      outcomes.computeIfAbsent(key, k -> new ArrayList<>()).add(done[1]);
    }
    outcomes.values().forEach(Collections::sort);
    assertThat(admin.audit().verify().intact()).as("audit chain of %s, seed %s", tenant, seed).isTrue();
    assertSeatRuleHolds(tenant, Integer.MAX_VALUE);
    assertThat(count("SELECT seats_in_use FROM lk_pools WHERE tenant_id = '" + tenant + "' AND product_id = 'scarce'"))
        .as("seed %s", seed).isLessThanOrEqualTo(scarceSeats);
    return outcomes;
  }

  private ActorSession tenant(Licensing licensing, String tenant, int seats) {
    ActorSession admin = licensing.tenant(TenantId.of(tenant)).as(Actor.systemAdministrator("admin"));
    product(admin, PRODUCT, seats);
    return admin;
  }

  private static void product(ActorSession admin, ProductId product, int seats) {
    admin.catalog().defineProduct(Product.builder().id(product).name(product.value()).type(ProductType.OBSERVATION_TOOL).build());
    if (seats == 0) {
      return;
    }
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().id(PoolId.of(product.value() + "-pool")).product(product).seats(seats)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
  }

  private static List<UserId> register(ActorSession admin, String prefix, int count) {
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UserId user = UserId.of(prefix + "-" + i);
      register(admin, user);
      users.add(user);
    }
    return users;
  }

  private static void register(ActorSession admin, UserId user) {
    admin.users().register(NewUser.builder().id(user).name("User " + user.value()).email(user.value() + "@example.org").build());
  }

  /** What one call gave, as a string two runs can compare. */
  private static String outcome(AssignmentResult result) {
    if (!result.assigned().isEmpty()) {
      return "assigned";
    }
    if (!result.alreadyHeld().isEmpty()) {
      return "held";
    }
    return result.refused().stream().map(AssignmentRefusal::code).map(code -> "refused:" + code).findFirst().orElse("nothing");
  }

  private static String outcomeOf(java.util.function.Supplier<AssignmentResult> call) {
    try {
      return outcome(call.get());
    } catch (LicensingException e) {
      return e.getClass().getSimpleName() + ":" + e.code();
    } catch (RuntimeException e) {
      return "failed:" + e.getClass().getSimpleName();
    }
  }

  /** Runs every call on the test's threads, released together; returns their values in the calls' order. */
  private <T> List<T> runAtOnce(List<Callable<T>> calls) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> call : calls) {
      futures.add(threads.submit(() -> {
        start.await();
        return call.call();
      }));
    }
    start.countDown();
    List<T> values = new ArrayList<>();
    for (Future<T> future : futures) {
      values.add(future.get(120, TimeUnit.SECONDS));
    }
    return values;
  }

  /** Live claims ≤ seats in every pool of the tenant, and each pool's counter equal to its live claims. */
  private void assertSeatRuleHolds(String tenant, int seats) throws SQLException {
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
        "SELECT p.id, p.seats, p.seats_in_use, (SELECT count(*) FROM lk_claims c WHERE c.tenant_id = p.tenant_id AND c.pool_id = p.id"
            + " AND c.status IN ('PENDING', 'ACTIVE')) FROM lk_pools p WHERE p.tenant_id = ?")) {
      statement.setString(1, tenant);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          long live = rows.getLong(4);
          assertThat(live).as("live claims of pool %s", rows.getString(1)).isLessThanOrEqualTo(Math.min(seats, rows.getLong(2)));
          assertThat(rows.getLong(3)).as("seat counter of pool %s", rows.getString(1)).isEqualTo(live);
        }
      }
    }
  }

  /** How many CLAIM_ASSIGNED audit entries each transaction wrote (a combined transaction appends its batch's entries at once). */
  private List<Long> assignedEntriesPerTransaction(String tenant) throws SQLException {
    List<Long> sizes = new ArrayList<>();
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
        "SELECT count(*) FROM lk_audit_entries WHERE tenant_id = ? AND action = 'CLAIM_ASSIGNED' GROUP BY xmin::text")) {
      statement.setString(1, tenant);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          sizes.add(rows.getLong(1));
        }
      }
    }
    return sizes;
  }

  private void awaitLockWaiters(int waiters) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") >= waiters) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no command waited for the pool's row");
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
