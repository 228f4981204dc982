package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.ImmutableAuditQuery;
import org.licensekit.core.api.AuditTrail;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * Every filter of the audit trail reads a page, and its count, from an index and a bounded part of
 * the trail on PostgreSQL (schema version 30), at a size where the planner prefers indexes: a
 * tenant whose trail holds {@value #ONBOARDING_CHUNKS} bulk imports of {@value #CHUNK_USERS} users
 * (four entries each, interleaved user by user, a suspension now and then), {@value #GRANT_CHUNKS}
 * bulk grants (two entries per user) and {@value #COMMANDS} commands of one to three entries,
 * appended through the store as the bulk paths and commands append them, and a second tenant of
 * the same size. Plans are the ones the statements ran with ({@link PlanCapturingDataSource}), read
 * through the public {@link AuditTrail}. A plan fails when it scans the entries sequentially, uses
 * none of the trail's indexes, or its nodes on the entries return or filter out more entries than
 * the bound: for a page of {@value #PAGE}, what the index-led reads pass ({@value #PAGE} each) plus
 * up to {@value AuditBatch#DENSITY} entries per match in two chunks' runs; for a count, the
 * matching entries that are not batched plus the two chunks a time range may cut.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresAuditPlansTest {

  private static final int ONBOARDING_CHUNKS = 16;
  private static final int GRANT_CHUNKS = 6;
  private static final int CHUNK_USERS = 1_000;
  private static final int COMMANDS = 1_000;
  private static final int PAGE = 50;
  private static final long PAGE_BOUND = 4L * PAGE + 2L * AuditBatch.DENSITY * PAGE;
  private static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
  private static final TenantId TENANT = TenantId.of("audit-plans");
  private static final Actor ADMIN = Actor.systemAdministrator("admin-1");

  private javax.sql.DataSource raw;
  private PlanCapturingDataSource plans;
  private JdbcLicenseStore store;
  private AuditTrail trail;
  private long unbatchedEntries;

  @BeforeAll
  void seed() throws SQLException {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore seeding = JdbcLicenseStore.builder(database.raw()).build();
    raw = database.raw();
    for (TenantId tenant : List.of(TenantId.of("audit-neighbour"), TENANT)) {
      boolean neighbour = !tenant.equals(TENANT);
      int chunk = 0;
      for (int c = 0; c < ONBOARDING_CHUNKS + GRANT_CHUNKS; c += neighbour ? 4 : 1, chunk++) {
        boolean grant = c >= ONBOARDING_CHUNKS;
        List<AuditEntry> entries = chunk(chunk, grant);
        seeding.transactions().inTransaction(() -> {
          seeding.audit().append(tenant, entries);
          return null;
        });
        for (int k = 0; !neighbour && k < COMMANDS / (ONBOARDING_CHUNKS + GRANT_CHUNKS); k++) {
          List<AuditEntry> command = command(chunk, k);
          seeding.transactions().inTransaction(() -> {
            seeding.audit().append(tenant, command);
            return null;
          });
        }
      }
    }
    try (Connection connection = database.raw().getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET default_statistics_target = 10000");
      statement.execute("VACUUM ANALYZE");
      try (ResultSet rows = statement.executeQuery("SELECT count(*) FILTER (WHERE NOT batched) FROM lk_audit_entries"
          + " WHERE tenant_id = '" + TENANT.value() + "'")) {
        rows.next();
        unbatchedEntries = rows.getLong(1);
      }
    }
    plans = new PlanCapturingDataSource(database.raw(), true, Optional.empty());
    store = JdbcLicenseStore.builder(plans).build();
    trail = Licensing.builder().store(store).build().tenant(TENANT).as(ADMIN).audit();
  }

  /** A bulk chunk: per user the import's four entries (or the grant's two), one user in a hundred also suspended. */
  private static List<AuditEntry> chunk(int chunk, boolean grant) {
    Instant at = T0.plus(Duration.ofDays(chunk * 10L));
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < CHUNK_USERS; i++) {
      String user = String.format("user-%07d", chunk * CHUNK_USERS + i);
      String claim = String.format("%08x-0000-7000-8000-%012d", chunk * CHUNK_USERS + i, i);
      if (grant) {
        entries.add(entry(ChangeType.ROLE_GRANTED, "membership", user + "@school-" + i % 20, user, at));
        entries.add(entry(ChangeType.CLAIM_ASSIGNED, "claim", claim, user, at));
      } else {
        entries.add(entry(ChangeType.USER_REGISTERED, "user", user, user, at));
        entries.add(entry(ChangeType.MEMBERSHIP_ADDED, "membership", user + "@school-" + i % 20, user, at));
        entries.add(entry(ChangeType.CLAIM_ASSIGNED, "claim", claim, user, at));
        entries.add(entry(ChangeType.USER_INVITED, "user", user, user, at));
      }
      if (i % 100 == 0) {
        entries.add(entry(ChangeType.USER_SUSPENDED, "user", user, user, at));
      }
    }
    return entries;
  }

  /** A command between chunks: a pool added, a suspension, an activation or a role granted, one to three entries. */
  private static List<AuditEntry> command(int chunk, int k) {
    Instant at = T0.plus(Duration.ofDays(chunk * 10L)).plus(Duration.ofMinutes(10L + k * 7L));
    String user = String.format("user-%07d", chunk * CHUNK_USERS + k);
    List<AuditEntry> entries = new ArrayList<>();
    switch (k % 4) {
      case 0 -> entries.add(entry(ChangeType.POOL_ADDED, "pool", "pool-" + chunk + "-" + k, "", at));
      case 1 -> entries.add(entry(ChangeType.USER_SUSPENDED, "user", user, user, at));
      case 2 -> {
        entries.add(entry(ChangeType.CLAIM_ACTIVATED, "claim", "claim-" + chunk + "-" + k, user, at));
        entries.add(entry(ChangeType.USER_ACTIVATED, "user", user, user, at));
      }
      default -> {
        entries.add(entry(ChangeType.ROLE_GRANTED, "membership", user + "@school-1", user, at));
        entries.add(entry(ChangeType.CLAIM_ASSIGNED, "claim", "claim-" + chunk + "-" + k, user, at));
        entries.add(entry(ChangeType.MEMBERSHIP_ADDED, "membership", user + "@school-2", user, at));
      }
    }
    return entries;
  }

  private static AuditEntry entry(ChangeType action, String subjectType, String subject, String user, Instant at) {
    return AuditEntry.builder().id(java.util.UUID.randomUUID().toString()).at(at).actor(ADMIN).action(action)
        .subjectType(subjectType).subjectId(subject).user(user.isEmpty() ? Optional.empty() : Optional.of(UserId.of(user)))
        .after(Optional.of("{\"detail\":\"" + subject + "\"}")).build();
  }

  Stream<Arguments> filters() {
    Instant chunk7 = T0.plus(Duration.ofDays(70));
    Instant chunk12 = T0.plus(Duration.ofDays(120));
    Instant chunk20 = T0.plus(Duration.ofDays(200));
    return Stream.of(
        filter("no filter", q()),
        filter("user", q().user(UserId.of("user-0007123"))),
        filter("subject: a claim", q().subjectId(String.format("%08x-0000-7000-8000-%012d", 7_123, 123))),
        filter("subject: a membership", q().subjectId("user-0007002@school-2")),
        filter("action of every chunk", q().addActions(ChangeType.CLAIM_ASSIGNED)),
        filter("action of the imports only", q().addActions(ChangeType.USER_INVITED)),
        filter("action of commands and a few per chunk", q().addActions(ChangeType.USER_SUSPENDED)),
        filter("action of commands only", q().addActions(ChangeType.POOL_ADDED)),
        filter("two actions", q().addActions(ChangeType.ROLE_GRANTED, ChangeType.POOL_ADDED)),
        filter("from a recent instant", q().from(chunk20)),
        filter("an old range holding one chunk", q().from(chunk7).to(chunk7.plus(Duration.ofDays(1)))),
        filter("an old range between chunks (commands only)", q().from(chunk7.plus(Duration.ofMinutes(1))).to(chunk7.plus(Duration.ofDays(1)))),
        filter("a wide old range", q().from(chunk7).to(chunk12)),
        filter("until an old instant", q().to(chunk12)),
        filter("action in an old range", q().addActions(ChangeType.CLAIM_ASSIGNED).from(chunk7).to(chunk12)),
        filter("rare action in an old range", q().addActions(ChangeType.POOL_ADDED).from(chunk7).to(chunk12)),
        filter("user + action (a user's suspensions)", q().user(UserId.of("user-0007100")).addActions(ChangeType.USER_SUSPENDED)),
        filter("user + range", q().user(UserId.of("user-0007123")).from(chunk7).to(chunk12)),
        filter("subject + action", q().subjectId("user-0007002").addActions(ChangeType.USER_REGISTERED)));
  }

  private static ImmutableAuditQuery.Builder q() {
    return AuditQuery.builder().limit(PAGE);
  }

  private static Arguments filter(String name, ImmutableAuditQuery.Builder query) {
    return Arguments.of(name, query.build());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filters")
  void aPageTheNextAndTheCountComeFromIndexes(String name, AuditQuery query) {
    plans.takePlans();
    // A time range alone (no user, subject or action) reads its range of the time index, which holds
    // the entries that are not batched, and sorts them: the index has no chain order within a range.
    long pageBound = timeOnly(query) ? PAGE_BOUND + unbatchedMatching(query) : PAGE_BOUND;
    Page<AuditEntry> first = trail.page(query);
    assertPlans(name + ", first page", plans.takePlans(), pageBound);
    assertThat(first.items()).as("%s: rows of the first page (the seeded trail has some)", name).isNotEmpty();
    first.nextCursor().ifPresent(cursor -> {
      trail.page(query.after(cursor));
      assertPlans(name + ", next page", plans.takePlans(), pageBound);
    });
    long count = trail.count(query);
    if (!name.equals("no filter")) { // counting the whole trail reads it whole, by the primary key
      assertPlans(name + ", count", plans.takePlans(), unbatchedMatching(query) + 2L * 5 * CHUNK_USERS + PAGE_BOUND);
    }
    assertThat(count).as("%s: count", name).isPositive();
  }

  private static boolean timeOnly(AuditQuery query) {
    return query.user().isEmpty() && query.subjectId().isEmpty() && query.actions().isEmpty()
        && (query.from().isPresent() || query.to().isPresent());
  }

  /** How many entries that are not batched match the query (read apart, outside the captured plans). */
  private long unbatchedMatching(AuditQuery query) {
    AuditQuery unbatched = query;
    try (Connection connection = raw.getConnection();
        java.sql.PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM lk_audit_entries WHERE tenant_id = ?"
            + " AND NOT batched AND (CAST(? AS timestamptz) IS NULL OR occurred_at >= ?) AND (CAST(? AS timestamptz) IS NULL OR occurred_at < ?)"
            + " AND (cardinality(?::text[]) = 0 OR action = ANY (?::text[]))")) {
      java.sql.Timestamp from = unbatched.from().map(java.sql.Timestamp::from).orElse(null);
      java.sql.Timestamp to = unbatched.to().map(java.sql.Timestamp::from).orElse(null);
      String[] actions = unbatched.actions().stream().map(ChangeType::name).toArray(String[]::new);
      statement.setString(1, TENANT.value());
      statement.setTimestamp(2, from);
      statement.setTimestamp(3, from);
      statement.setTimestamp(4, to);
      statement.setTimestamp(5, to);
      statement.setArray(6, connection.createArrayOf("text", actions));
      statement.setArray(7, connection.createArrayOf("text", actions));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aChunksFrequentActionsAreBatchedAndItsRareOnesIndexed() throws SQLException {
    try (Connection connection = plans.getConnection(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*), count(*) FILTER (WHERE batched),"
            + " count(*) FILTER (WHERE batched AND action = 'USER_SUSPENDED'),"
            + " (SELECT count(*) FROM lk_audit_batches WHERE tenant_id = '" + TENANT.value() + "')"
            + " FROM lk_audit_entries WHERE tenant_id = '" + TENANT.value() + "'")) {
      rows.next();
      long chunkEntries = (long) CHUNK_USERS * (4 * ONBOARDING_CHUNKS + 2 * GRANT_CHUNKS);
      assertThat(rows.getLong(2)).as("batched entries: the chunks' frequent actions").isEqualTo(chunkEntries);
      assertThat(rows.getLong(3)).as("a chunk's ten suspensions are too few to batch").isZero();
      assertThat(rows.getLong(4)).as("one summary per chunk").isEqualTo(ONBOARDING_CHUNKS + GRANT_CHUNKS);
      assertThat(rows.getLong(1) - rows.getLong(2)).as("the commands' entries and the chunks' suspensions are not batched")
          .isEqualTo((ONBOARDING_CHUNKS + GRANT_CHUNKS) * (java.util.stream.IntStream.range(0, COMMANDS / (ONBOARDING_CHUNKS + GRANT_CHUNKS))
              .map(k -> command(0, k).size()).sum() + CHUNK_USERS / 100L));
    }
  }

  @Test
  void verifyReadsTheChainInPagesByThePrimaryKey() {
    plans.takePlans();
    store.audit().chain(TENANT, 50_000, 1_000);
    List<String> captured = plans.takePlans();
    assertPlans("a page of the chain", captured, 1_000);
    assertThat(captured).anyMatch(plan -> plan.contains(" lk_audit_entries_pk "));
    assertThat(trail.verify().intact()).as("the seeded chain verifies").isTrue();
  }

  /**
   * The plans that read the entries: each through one of the trail's indexes, none scanning them
   * sequentially, and their nodes on the entries together passing at most {@code bound} entries.
   */
  private static void assertPlans(String name, List<String> captured, long bound) {
    List<String> ofEntries = captured.stream().filter(plan -> plan.contains(" on lk_audit_entries")).toList();
    assertThat(ofEntries).as("%s: statements reading the entries (captured: %s)", name, captured).isNotEmpty();
    for (String plan : ofEntries) {
      List<String> problems = new ArrayList<>();
      boolean indexed = false;
      long read = 0;
      for (PlanScans.Scan scan : PlanScans.of(plan, "lk_audit_entries")) {
        if (scan.sequential()) {
          problems.add("sequential scan: " + scan.line());
        }
        indexed |= scan.index().startsWith("lk_audit_entries_");
        if (!scan.bitmapIndex()) {
          read += scan.rowsRead();
        }
      }
      if (!indexed) {
        problems.add("no index of the entries");
      }
      if (read > bound) {
        problems.add("reads (returns or filters out) " + read + " entries, more than " + bound);
      }
      assertThat(problems).as("%s:%n%s", name, plan).isEmpty();
    }
  }
}
