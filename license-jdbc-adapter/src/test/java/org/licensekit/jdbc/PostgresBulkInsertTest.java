package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
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
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.AuditChainCheck;

/**
 * A bulk chunk's set-based writes on PostgreSQL: {@code COPY} and its one-statement {@code INSERT}
 * fallback store every value exactly as the single-row inserts do (texts with tabs, line breaks and
 * backslashes, absent values, instants to the microsecond), a duplicate fails the whole write on
 * both, and under row-level security, where PostgreSQL refuses {@code COPY} to the application's
 * role, a chunk takes the fallback and succeeds.
 */
class PostgresBulkInsertTest {

  private static final PostgresTestDatabase DATABASE = PostgresTestDatabase.create();
  private static final JdbcLicenseStore COPYING = JdbcLicenseStore.builder(SharedStores.pooled(DATABASE, 4)).build();
  private static final JdbcLicenseStore INSERTING = JdbcLicenseStore.builder(SharedStores.pooled(DATABASE, 4))
      .migrate(false).bulkCopy(false).build();
  private static final Instant T0 = Instant.parse("2026-11-30T01:02:03.456789Z");
  private static final Actor ADMIN = Actor.systemAdministrator("admin-7");

  @Test
  void copyAndItsFallbackStoreEveryValueAsSingleInsertsDo() {
    List<UserAccount> users = awkwardUsers();
    List<LicenseClaim> claims = awkwardClaims();
    TenantId single = TenantId.of("single");
    COPYING.transactions().inTransaction(() -> {
      users.forEach(user -> COPYING.directory().insertUser(single, user));
      claims.forEach(claim -> assertThat(COPYING.claims().insertIfNoLiveClaim(single, claim)).isTrue());
      return null;
    });
    for (JdbcLicenseStore store : List.of(COPYING, INSERTING)) {
      TenantId tenant = TenantId.of(store == COPYING ? "copied" : "inserted");
      store.transactions().inTransaction(() -> {
        store.directory().insertUsers(tenant, users);
        store.claims().insertLive(tenant, claims);
        return null;
      });
      assertThat(read(store, tenant, users, claims)).isEqualTo(read(COPYING, single, users, claims));
    }
    assertThat(COPYING.bulkInsert().copies()).contains(true);
    assertThat(INSERTING.bulkInsert().copies()).contains(false);
    // every type of these tables' columns is one CopyBinary writes: their rows went in the binary format
    assertThat(COPYING.bulkInsert().binaryCopies()).anyMatch(copy -> copy.startsWith("lk_users ("))
        .anyMatch(copy -> copy.startsWith("lk_claims ("));
  }

  @Test
  void aLargeAuditAppendStoresEveryEntryAsSmallAppendsDoAndItsChainVerifies() {
    List<AuditEntry> entries = awkwardAuditEntries(70);
    TenantId single = TenantId.of("audit-single");
    // one entry per append: each chained and inserted by the database's one statement
    entries.forEach(entry -> COPYING.transactions().inTransaction(() -> {
      COPYING.audit().append(single, List.of(entry));
      return null;
    }));
    List<AuditEntry> expected = COPYING.audit().chain(single, 0, 1_000).stream().map(AuditLink::entry).toList();
    assertThat(expected).hasSize(entries.size());
    for (JdbcLicenseStore store : List.of(COPYING, INSERTING)) {
      TenantId tenant = TenantId.of(store == COPYING ? "audit-copied" : "audit-inserted");
      store.transactions().inTransaction(() -> {
        store.audit().append(tenant, List.of(entries.get(0)));
        store.audit().append(tenant, entries.subList(1, entries.size())); // 69 entries: chained in Java, set-based
        return null;
      });
      List<AuditLink> links = store.audit().chain(tenant, 0, 1_000);
      assertThat(links).extracting(AuditLink::entry).containsExactlyElementsOf(expected);
      assertThat(links).extracting(AuditLink::position).containsExactlyElementsOf(LongStream.rangeClosed(1, entries.size()).boxed().toList());
      assertThat(verify(store, tenant).intact()).as(tenant.value()).isTrue();
    }
    assertThat(COPYING.bulkInsert().copies()).contains(true);
    assertThat(COPYING.bulkInsert().binaryCopies()).anyMatch(copy -> copy.startsWith("lk_audit_entries ("));
  }

  /** Checks the tenant's whole chain as {@code audit().verify()} does. */
  private static AuditVerification verify(JdbcLicenseStore store, TenantId tenant) {
    AuditChainCheck check = new AuditChainCheck(tenant);
    store.audit().chain(tenant, 0, 10_000).forEach(check::accept);
    return check.finish(store.audit().head(tenant).orElseThrow());
  }

  /** Entries with tabs, line breaks, backslashes, COPY's null marker, non-ASCII text, absent values and nanoseconds. */
  private static List<AuditEntry> awkwardAuditEntries(int count) {
    List<AuditEntry> entries = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      entries.add(AuditEntry.builder().id("entry-" + i).at(T0.plusNanos(1_234_567L * i + 999)).actor(ADMIN)
          .action(ChangeType.values()[i % ChangeType.values().length]).subjectType("claim").subjectId("c\t" + i)
          .user(i % 3 == 0 ? Optional.empty() : Optional.of(UserId.of("u" + i)))
          .before(i % 2 == 0 ? Optional.empty() : Optional.of("{\"status\":\"PENDING\",\"note\":\"tab\there \\N \\ back\nline\"}"))
          .after(Optional.of("Zoë — 学校 \r " + i)).reason(i % 4 == 0 ? Optional.empty() : Optional.of("reason\t" + i))
          .build());
    }
    return entries;
  }

  /**
   * Schema version 28: a claim written with its organization key keeps it as given (the row trigger
   * does not look it up, so a key that disagrees with the memberships stays: the writer is trusted),
   * and one written without it takes its user's smallest organization — on {@code COPY}, on its
   * fallback, and in a batch too small for either.
   */
  @Test
  void givenOrganizationKeysAreWrittenAsGivenAndMissingOnesLookedUpOnEveryPath() throws Exception {
    for (JdbcLicenseStore store : List.of(COPYING, INSERTING)) {
      for (int size : List.of(20, 4)) {
        TenantId tenant = TenantId.of("keyed-" + (store == COPYING ? "copied-" : "inserted-") + size);
        try (Connection connection = DATABASE.raw().getConnection();
            Statement statement = connection.createStatement()) {
          statement.executeUpdate("INSERT INTO lk_memberships (tenant_id, user_id, organization_id) VALUES"
              + " ('" + tenant.value() + "', 'k0', 'a-org'), ('" + tenant.value() + "', 'k1', 'b-org'), ('" + tenant.value() + "', 'k1', 'c-org'),"
              + " ('" + tenant.value() + "', 'k2', 'd-org')");
        }
        List<LicenseClaim> claims = new ArrayList<>();
        for (int i = 0; i < size; i++) {
          claims.add(LicenseClaim.builder().from(claim("keyed-" + i, "k" + i % 4, ClaimStatus.PENDING))
              .product(ProductId.of("product-" + i / 4)).build());
        }
        // k0 given a key its memberships disagree with, k1 its own, k2 and k3 (in no organization) none
        Map<UserId, OrganizationId> given = Map.of(UserId.of("k0"), OrganizationId.of("z-given"),
            UserId.of("k1"), OrganizationId.of("b-org"));
        store.transactions().inTransaction(() -> {
          store.claims().insertLive(tenant, claims, given);
          return null;
        });
        Map<String, String> keys = new TreeMap<>();
        try (Connection connection = DATABASE.raw().getConnection();
            PreparedStatement statement = connection.prepareStatement(
                "SELECT user_id, string_agg(DISTINCT coalesce(organization_key, '-'), ',') FROM lk_claims WHERE tenant_id = ? GROUP BY user_id")) {
          statement.setString(1, tenant.value());
          try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
              keys.put(rows.getString(1), rows.getString(2));
            }
          }
        }
        assertThat(keys).as("keys by user, %s rows", size).containsExactlyEntriesOf(new TreeMap<>(
            Map.of("k0", "z-given", "k1", "b-org", "k2", "d-org", "k3", "-")));
      }
    }
  }

  @Test
  void aClaimDuplicatingALiveOneFailsTheWholeWriteOnBothPaths() {
    for (JdbcLicenseStore store : List.of(COPYING, INSERTING)) {
      TenantId tenant = TenantId.of("duplicate-" + (store == COPYING ? "copied" : "inserted"));
      LicenseClaim held = claim("held", "u1", ClaimStatus.PENDING);
      store.transactions().inTransaction(() -> store.claims().insertIfNoLiveClaim(tenant, held));
      List<LicenseClaim> batch = List.of(claim("fresh", "u2", ClaimStatus.PENDING), claim("again", "u1", ClaimStatus.ACTIVE));

      assertThatThrownBy(() -> store.transactions().inTransaction(() -> {
        store.claims().insertLive(tenant, batch);
        return null;
      })).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_LIVE_CLAIM.name()));
      assertThat(store.claims().find(tenant, ClaimId.of("fresh"))).isEmpty();
      assertThat(store.claims().find(tenant, ClaimId.of("held"))).contains(held);
    }
  }

  @Test
  void underRowLevelSecurityCopyIsRefusedAndEveryChunkTakesTheInsert() {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore.builder(database.dataSource()).build();
    database.createApplicationRole("licensekit_isolated");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrlAs("licensekit_isolated"));
    config.setUsername("licensekit_isolated");
    config.setMaximumPoolSize(4);
    config.setPoolName("licensekit-rls-bulk-insert-test");
    try (HikariDataSource isolated = new HikariDataSource(config)) {
      JdbcLicenseStore store = JdbcLicenseStore.builder(isolated).migrate(false).rowLevelSecurity(true).build();
      ActorSession admin = Licensing.builder().store(store).build().tenant(TenantId.of("rls")).as(Actor.systemAdministrator("a"));
      ProductId product = ProductId.of("observation");
      RoleId observable = RoleId.of("OBSERVABLE");
      RoleId observer = RoleId.of("OBSERVER");
      OrganizationId school = OrganizationId.of("school");
      admin.catalog().defineProduct(Product.builder().id(product).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
      admin.catalog().defineProduct(Product.builder().id(ProductId.of("evaluation")).name("Evaluation")
          .type(ProductType.OBSERVATION_TOOL).build());
      admin.catalog().defineRole(Role.builder().id(observable).name("Observable").grants(Set.of(product)).build());
      admin.catalog().defineRole(Role.builder().id(observer).name("Observer").grants(Set.of(ProductId.of("evaluation"))).build());
      admin.catalog().defineJobProfile(JobProfile.of(JobProfileId.of("teacher"), "Teacher", Set.of(observable)));
      admin.users().defineOrganization(Organization.root(school, "School"));
      Instant now = Instant.now();
      Term term = Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
      admin.pools().add(NewPool.builder().product(product).seats(40).term(term).build());
      admin.pools().add(NewPool.builder().product(ProductId.of("evaluation")).seats(40).term(term).build());
      List<NewUser> users = new ArrayList<>();
      for (int i = 1; i <= 40; i++) {
        users.add(NewUser.builder().id(UserId.of("t" + i)).name("Teacher " + i).email("t" + i + "@example.org")
            .jobProfile(JobProfileId.of("teacher")).addOrganizations(school).build());
      }

      BulkResult registered = admin.bulk().register(BulkRegistration.of(users).chunkSize(5).build());
      users.forEach(user -> admin.users().activate(user.id()));
      BulkResult granted = admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(school).build())
          .action(BulkAction.grantRoles(school, Set.of(observer))).reason("rls").chunkSize(40).build());
      // that one chunk of 40 appends about two audit entries per user in one append: more than the
      // database chains in one statement, so they are chained in Java and written set-based

      assertThat(registered.done()).isEqualTo(40);
      assertThat(granted.done()).isEqualTo(40);
      assertThat(store.bulkInsert().copies()).contains(false);
      assertThat(users).allSatisfy(user -> assertThat(admin.claims().ofUser(user.id())).extracting(LicenseClaim::product)
          .containsExactlyInAnyOrder(product, ProductId.of("evaluation")));
      assertThat(admin.pools().list()).allSatisfy(pool -> assertThat(pool.seatsInUse()).isEqualTo(40));
      assertThat(admin.audit().verify().intact()).isTrue();
    }
  }

  /** What the store reads back of the users and claims, versions included. */
  private static List<Object> read(JdbcLicenseStore store, TenantId tenant, List<UserAccount> users, List<LicenseClaim> claims) {
    List<Object> found = new ArrayList<>();
    Function<UserAccount, Object> user = u -> store.directory().findUser(tenant, u.id())
        .map(stored -> List.of(stored, stored.version())).orElseThrow();
    users.forEach(u -> found.add(user.apply(u)));
    claims.forEach(c -> found.add(store.claims().find(tenant, c.id()).map(stored -> List.of(stored, stored.version())).orElseThrow()));
    assertThat(found).hasSize(users.size() + claims.size());
    return found;
  }

  private static List<UserAccount> awkwardUsers() {
    return List.of(
        UserAccount.builder().id(UserId.of("u1")).name("Tab\there, line\nbreak, back\\slash \\N").email("A.B@Example.org")
            .status(AccountStatus.INVITED).createdAt(T0).build(),
        UserAccount.builder().id(UserId.of("u2")).name("Zoë Ünicode — 学校 \r end").email("z@example.org")
            .jobProfile(JobProfileId.of("teacher")).status(AccountStatus.ACTIVE).endDate(LocalDate.of(2027, 6, 30))
            .createdAt(Instant.parse("2026-01-01T00:00:00Z")).version(3).build());
  }

  private static List<LicenseClaim> awkwardClaims() {
    LicenseClaim active = LicenseClaim.builder().from(claim("c2", "u2", ClaimStatus.ACTIVE)).direct(true)
        .claimedAt(T0.plusSeconds(60)).expiresAt(Instant.parse("2027-01-01T00:00:00Z")).reason("moved\tfrom\\old\npool")
        .version(2).build();
    LicenseClaim revoked = LicenseClaim.builder().from(claim("c3", "u1", ClaimStatus.REVOKED)).endedAt(T0.plusMillis(1))
        .endedBy(Actor.user(UserId.of("u1"))).build();
    return List.of(claim("c1", "u1", ClaimStatus.PENDING), active, revoked);
  }

  private static LicenseClaim claim(String id, String user, ClaimStatus status) {
    return LicenseClaim.builder().id(ClaimId.of(id)).user(UserId.of(user)).product(ProductId.of("observation"))
        .pool(PoolId.of("pool-1")).status(status).direct(false).assignedAt(T0).assignedBy(ADMIN).reason(Optional.empty()).build();
  }
}
