package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.InputValidator;
import org.licensekit.core.Licensing;
import org.licensekit.core.LicensingException;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.Assignments;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.OutboxPolicy;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.internal.CommandCombiner;
import org.licensekit.core.internal.Context;
import org.licensekit.core.internal.MicrosecondClock;
import org.licensekit.core.internal.Ports;
import org.licensekit.core.internal.directory.AssignmentService;
import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of combined single assignments run set-based on PostgreSQL, on real threads: the batch
 * is made to form (the pool's row is held by another transaction while the callers queue), then
 * its round trips are counted, and its outcomes — answers, claims and their pools, seat counters,
 * waitlist order, audit entries — compared with the same assignments run one by one in the
 * batch's order, on seeded random data.
 */
class PostgresAssignmentBatchTest {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresAssignmentBatchTest.class);
  private static final ProductId PRODUCT = ProductId.of("observation");
  private static final Actor ADMIN = Actor.systemAdministrator("admin");
  private static final int QUEUED = 15;

  private DataSource dataSource;
  private RoundTripCountingDataSource counted;
  private LicenseStore store;
  private ExecutorService threads;

  @BeforeEach
  void store() {
    dataSource = SharedStores.pooled(PostgresTestDatabase.create(), QUEUED + 6);
    counted = new RoundTripCountingDataSource(dataSource);
    store = JdbcLicenseStore.builder(counted).build();
    threads = Executors.newFixedThreadPool(QUEUED + 1);
  }

  @AfterEach
  void stop() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void fifteenQueuedAssignmentsTakeOneClaimInsertAndOneSeatChangeAndAboutOneRoundTripEach() throws Exception {
    ActorSession admin = licensing(1).tenant(TenantId.of("trips")).as(ADMIN);
    product(admin);
    pool(admin, "pool", 1_000, 365);
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i <= QUEUED; i++) {
      users.add(register(admin, "u-" + (100 + i)));
    }
    CommandCombiner combiner = CommandCombiner.of(16);
    Assignments assignments = combined(combiner, "trips");
    counted.reset();

    List<String> outcomes = inOneBatch("trips", users.get(0), users.subList(1, users.size()),
        user -> outcomeOf(() -> assignments.assignProduct(user, PRODUCT, "batch")));

    assertThat(outcomes).containsOnly("assigned");
    assertThat(combiner.counts().setBased()).as("%s", combiner.counts()).isEqualTo(QUEUED);
    List<String> trips = counted.trips();
    String listing = String.join("\n", trips);
    // the first caller's own statement, then at most one for the batch's fifteen claims (a COPY, which
    // goes around the counting connection, or an INSERT … FROM unnest), and one seat change for them
    assertThat(trips.stream().filter(trip -> trip.contains("INSERT INTO lk_claims"))).as(listing).hasSizeBetween(1, 2);
    assertThat(trips.stream().filter(trip -> trip.contains("UPDATE lk_pools")).toList()).as(listing).hasSize(2)
        .last().asString().contains("seats_in_use + ?");
    // the plan's, and the first COPY's try of the store
    assertThat(trips.stream().filter(trip -> trip.equals("SETSAVEPOINT"))).as(listing).hasSizeBetween(1, 2);
    // the first caller's and the batch's: the lane's "does anyone wait" check is the batch's first statement
    assertThat(trips.stream().filter(trip -> trip.equals("COMMIT"))).as(listing).hasSize(2);
    int accountsLock = trips.indexOf(trips.stream().filter(trip -> trip.startsWith("SELECT x.* FROM unnest")).findFirst().orElseThrow());
    int waitlistCheck = java.util.stream.IntStream.range(0, accountsLock).filter(i -> trips.get(i).contains("lk_waitlist")).max().orElseThrow();
    assertThat(trips.subList(waitlistCheck, accountsLock)).as(listing).doesNotContain("COMMIT");
    // the batch from its accounts' lock to its commit: the accounts, the settings, the plan's savepoint,
    // the product, its pools, the live claims, the claims (a COPY in a savepoint the first time), the
    // seats, the savepoint's release, the audit append and the commit — 12 round trips for 15
    // assignments, where each alone takes 7 (PostgresAssignmentRoundTripsTest)
    List<String> batch = trips.subList(trips.indexOf(trips.stream().filter(trip -> trip.startsWith("SELECT x.* FROM unnest")).findFirst()
        .orElseThrow()), trips.size());
    // plus, this being the store's first COPY into the claims, the one catalog read of the table's
    // column types that tells it the rows can go in the binary format (once per store and table)
    List<String> catalogReads = batch.stream().filter(trip -> trip.contains("pg_catalog.pg_attribute")).toList();
    assertThat(catalogReads).as(listing).hasSizeLessThanOrEqualTo(1);
    assertThat(batch.size() - catalogReads.size()).as(listing).isLessThanOrEqualTo(12);
    assertSeatRuleHolds("trips");
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @Test
  void aBatchGivesTheSameOutcomesAsItsAssignmentsOneByOneInItsOrderOnRandomData() throws Exception {
    long base = Long.getLong("licensekit.seed", System.nanoTime());
    for (int round = 0; round < 4; round++) {
      long seed = base + round;
      LOG.info("set-based batch vs one by one, seed {} (replay with -Dlicensekit.seed={})", seed, base);
      CommandCombiner combiner = CommandCombiner.of(16);
      Scenario batch = scenario(seed, "batch-" + round);
      Assignments combined = combined(combiner, batch.tenant);
      List<String> batched = inOneBatch(batch.tenant, batch.first, batch.asks,
          user -> user.value() + "=" + outcomeOf(() -> combined.assignProduct(user, PRODUCT, "random batch")));
      Scenario alone = scenario(seed, "alone-" + round);
      Assignments single = licensing(1).tenant(TenantId.of(alone.tenant)).as(ADMIN).assignments();
      List<String> oneByOne = new ArrayList<>();
      oneByOne.add(alone.first.value() + "=" + outcomeOf(() -> single.assignProduct(alone.first, PRODUCT, "random batch")));
      // the batch's order: its accounts' ids
      alone.asks.stream().sorted(Comparator.comparing(UserId::value))
          .forEach(user -> oneByOne.add(user.value() + "=" + outcomeOf(() -> single.assignProduct(user, PRODUCT, "random batch"))));

      assertThat(sorted(batched)).as("answers, seed %s", seed).isEqualTo(sorted(oneByOne));
      assertThat(state(batch.tenant)).as("claims, seats, queue and audit, seed %s", seed).isEqualTo(state(alone.tenant));
      assertThat(combiner.counts().setBased()).as("the plan ran, seed %s: %s", seed, combiner.counts()).isPositive();
      assertSeatRuleHolds(batch.tenant);
      assertThat(licensing(1).tenant(TenantId.of(batch.tenant)).as(ADMIN).audit().verify().intact()).as("seed %s", seed).isTrue();
    }
  }

  /**
   * One seeded tenant: two pools ending at different times, with at least one seat left for the
   * batch, users active, archived, unknown or holding the product, some asking twice.
   */
  private Scenario scenario(long seed, String tenant) {
    Random random = new Random(seed);
    ActorSession admin = licensing(1).tenant(TenantId.of(tenant)).as(ADMIN);
    product(admin);
    List<UserId> asks = new ArrayList<>();
    Map<UserId, Integer> kinds = new TreeMap<>();
    while (asks.size() < QUEUED) {
      UserId user = UserId.of("u-" + (10 + random.nextInt(80)));
      if (asks.contains(user)) {
        continue;
      }
      // the first asker is a plain one, so that the plan always has an assignment to decide
      int kind = asks.isEmpty() ? 0 : random.nextInt(10);
      kinds.put(user, kind);
      asks.add(user);
      if (kind == 6 && asks.size() < QUEUED) {
        asks.add(user);
      }
    }
    long served = kinds.values().stream().filter(kind -> kind == 7).count();
    // the pool ending first is taken first; beyond the seats of those served before the batch and the
    // first caller's, they may run out before the batch does
    pool(admin, "late", (int) served + 1 + random.nextInt(8), 300);
    pool(admin, "early", 1 + random.nextInt(4), 100);
    UserId first = register(admin, "a-first");
    kinds.forEach((user, kind) -> {
      if (kind != 9) {
        register(admin, user.value());
      }
      if (kind == 8) {
        admin.users().archive(user, "left");
      }
      if (kind == 7) {
        admin.assignments().assignProduct(user, PRODUCT, "before the batch");
      }
    });
    return new Scenario(tenant, first, asks);
  }

  private record Scenario(String tenant, UserId first, List<UserId> asks) {}

  /**
   * Runs {@code first}'s call while another transaction holds the tenant's pool rows, so that it
   * waits inside its transaction; queues the others' calls behind it; then lets the pool go, so
   * that the others run as one batch. Returns the answers, the first's first.
   */
  private List<String> inOneBatch(String tenant, UserId first, List<UserId> queued,
      java.util.function.Function<UserId, String> call) throws Exception {
    List<Future<String>> answers = new ArrayList<>();
    try (Connection blocker = dataSource.getConnection()) {
      blocker.setAutoCommit(false);
      try (PreparedStatement statement = blocker.prepareStatement("SELECT * FROM lk_pools WHERE tenant_id = ? FOR UPDATE")) {
        statement.setString(1, tenant);
        statement.executeQuery().close();
      }
      answers.add(threads.submit(() -> call.apply(first)));
      awaitLockWaiters();
      for (UserId user : queued) {
        answers.add(threads.submit(() -> call.apply(user)));
      }
      Thread.sleep(1_500);
      blocker.commit();
    }
    List<String> values = new ArrayList<>();
    for (Future<String> answer : answers) {
      values.add(answer.get(60, TimeUnit.SECONDS));
    }
    return values;
  }

  /** Live claims by user with their pool, seat counters by pool, the queue in order, and audit entries by action. */
  private Map<String, String> state(String tenant) throws SQLException {
    Map<String, String> state = new TreeMap<>();
    query("SELECT user_id, pool_id || ':' || status || ':' || direct FROM lk_claims WHERE tenant_id = ? AND status IN ('PENDING', 'ACTIVE')",
        tenant, rows -> state.put("claim " + rows.getString(1), rows.getString(2)));
    query("SELECT id, seats_in_use FROM lk_pools WHERE tenant_id = ?", tenant, rows -> state.put("pool " + rows.getString(1), rows.getString(2)));
    query("SELECT string_agg(user_id, ',' ORDER BY position) FROM lk_waitlist WHERE tenant_id = ?", tenant,
        rows -> state.put("queue", String.valueOf(rows.getString(1))));
    query("SELECT action, count(*) FROM lk_audit_entries WHERE tenant_id = ? GROUP BY action", tenant,
        rows -> state.put("audit " + rows.getString(1), rows.getString(2)));
    return state;
  }

  private interface RowReader {
    void read(ResultSet rows) throws SQLException;
  }

  private void query(String sql, String tenant, RowReader reader) throws SQLException {
    try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, tenant);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    }
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().toList();
  }

  private Licensing licensing(int combinedAssignments) {
    return Licensing.builder().store(store).combinedAssignments(combinedAssignments).build();
  }

  /** Assignments of the tenant through a combiner the test can read. */
  private Assignments combined(CommandCombiner combiner, String tenant) {
    Ports ports = new Ports(store, MicrosecondClock.of(Clock.systemUTC()), Notifier.logging(), EventPublisher.none(), InputValidator.create(),
        OutboxPolicy.defaults(), Ports.DEFAULT_PAGE_SIZE, combiner);
    return new AssignmentService(new Context(ports, TenantId.of(tenant), ADMIN));
  }

  private static void product(ActorSession admin) {
    admin.catalog().defineProduct(Product.builder().id(PRODUCT).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
  }

  private static void pool(ActorSession admin, String id, int seats, int days) {
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().id(PoolId.of(id)).product(PRODUCT).seats(seats)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(days, ChronoUnit.DAYS))).build());
  }

  private static UserId register(ActorSession admin, String id) {
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder().id(user).name("User " + id).email(id + "@example.org").build());
    return user;
  }

  private static String outcomeOf(java.util.function.Supplier<AssignmentResult> call) {
    try {
      AssignmentResult result = call.get();
      if (!result.assigned().isEmpty()) {
        return "assigned";
      }
      if (!result.alreadyHeld().isEmpty()) {
        return "held";
      }
      return result.refused().stream().map(AssignmentRefusal::code).map(code -> "refused:" + code).findFirst().orElse("nothing");
    } catch (LicensingException e) {
      return e.getClass().getSimpleName() + ":" + e.code();
    }
  }

  /** Live claims ≤ seats in every pool of the tenant, and each pool's counter equal to its live claims. */
  private void assertSeatRuleHolds(String tenant) throws SQLException {
    query("SELECT p.id, p.seats, p.seats_in_use, (SELECT count(*) FROM lk_claims c WHERE c.tenant_id = p.tenant_id AND c.pool_id = p.id"
        + " AND c.status IN ('PENDING', 'ACTIVE')) FROM lk_pools p WHERE p.tenant_id = ?", tenant, rows -> {
          assertThat(rows.getLong(4)).as("live claims of pool %s", rows.getString(1)).isLessThanOrEqualTo(rows.getLong(2));
          assertThat(rows.getLong(3)).as("seat counter of pool %s", rows.getString(1)).isEqualTo(rows.getLong(4));
        });
  }

  private void awaitLockWaiters() throws Exception {
    for (int i = 0; i < 600; i++) {
      try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery(
              "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
        rows.next();
        if (rows.getLong(1) >= 1) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the first caller did not wait for the pool's row");
  }
}
