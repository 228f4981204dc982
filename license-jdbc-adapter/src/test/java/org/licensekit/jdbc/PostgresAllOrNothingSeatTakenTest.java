package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.jdbc.OverlappedChunksFixture.YEAR;
import static org.licensekit.jdbc.OverlappedChunksFixture.tenant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.jdbc.OverlappedChunksFixture.TenantRun;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.bulk.BulkTestSupport;

/**
 * An all-or-nothing grant whose later chunk finds the seats it counted of a pool no earlier chunk
 * took from gone to another user meanwhile fails whole ({@code SEATS_TAKEN_CONCURRENTLY}) and
 * over-allocates nothing; with a seat to spare it completes.
 */
class PostgresAllOrNothingSeatTakenTest {

  private static final UserId OUTSIDER = UserId.of("outsider");

  private static OverlappedChunksFixture fixture;

  @BeforeAll
  static void startStores() {
    fixture = OverlappedChunksFixture.start();
  }

  @AfterAll
  static void closePool() {
    fixture.close();
  }

  /**
   * An all-or-nothing grant's third chunk takes its seats from a pool of South Middle the first two
   * never take from, which has exactly the seats it needs; the first chunk read that pool's count
   * (every observation pool), and the later chunks are decided from the counts carried over. While
   * the first chunk writes its role rows, another user, outside the selection and served by that
   * pool only, takes one of its seats and commits: the third chunk's seat change finds the seats
   * gone and fails the run, whole ({@code SEATS_TAKEN_CONCURRENTLY}), rather than over-allocating
   * the pool; only the other user's assignment stays.
   */
  @Test
  void anAllOrNothingGrantFailsWholeWhenAnotherTakesASeatOfAPoolItHadNotTouched() {
    TenantRun run = laterPoolRun("aon-seat-taken", 5);
    Map<String, Object> before = run.state();
    List<Map<String, Object>> meanwhile = new ArrayList<>();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.hooks.whenPrepared("INSERT INTO lk_membership_roles", 1, () -> {
      assertThat(run.admin().assignments().assignProduct(OUTSIDER, LicensingTestSupport.OBSERVATION, "meanwhile").complete())
          .as("the outsider's seat").isTrue();
      meanwhile.add(run.state());
    }, () -> run.admin().bulk().run(laterPoolGrant())))
        .isInstanceOfSatisfying(org.licensekit.core.LicensingException.class, e -> assertThat(e.code())
            .as(e.getMessage()).isEqualTo(org.licensekit.core.ErrorCode.SEATS_TAKEN_CONCURRENTLY.name()));

    Map<String, Object> after = run.state();
    assertThat(after).as("the run wrote nothing; what stays is the outsider's assignment").isEqualTo(meanwhile.get(0));
    Map<String, Object> expected = new TreeMap<>(before);
    expected.put(OUTSIDER.value() + " claims", List.of(LicensingTestSupport.OBSERVATION + "/later/PENDING"));
    expected.put("pool later", 1);
    expected.put("audit", after.get("audit"));
    assertThat(after).as("the state before the run and the outsider's assignment").isEqualTo(expected);
    @SuppressWarnings("unchecked")
    List<String> audit = (List<String>) after.get("audit");
    @SuppressWarnings("unchecked")
    List<String> auditBefore = (List<String>) before.get("audit");
    assertThat(audit.subList(0, auditBefore.size())).isEqualTo(auditBefore);
    assertThat(audit.subList(auditBefore.size(), audit.size())).as("entries after the run began").isNotEmpty()
        .allSatisfy(entry -> assertThat(entry).endsWith(" " + OUTSIDER.value()));
    assertThat(run.admin().audit().verify().intact()).isTrue();
    assertNeverOverAllocated(run);
  }

  /** The same run and the same seat taken meanwhile, with one seat to spare: the run completes and fills the pool. */
  @Test
  void anAllOrNothingGrantCompletesWhenAnotherTakesASpareSeatOfAPoolItHadNotTouched() {
    TenantRun run = laterPoolRun("aon-seat-spare", 6);
    BulkResult[] result = new BulkResult[1];

    fixture.hooks.whenPrepared("INSERT INTO lk_membership_roles", 1,
        () -> assertThat(run.admin().assignments().assignProduct(OUTSIDER, LicensingTestSupport.OBSERVATION, "meanwhile").complete())
            .as("the outsider's seat").isTrue(),
        () -> result[0] = run.admin().bulk().run(laterPoolGrant()));

    assertThat(result[0].status()).as(result[0].toString()).isEqualTo(BulkResult.Status.COMPLETED);
    assertThat(result[0].done()).as(result[0].toString()).isEqualTo(15);
    Map<String, Object> after = run.state();
    assertThat(after.get("pool early")).isEqualTo(10);
    assertThat(after.get("pool later")).isEqualTo(6);
    assertThat(after.get(OUTSIDER.value() + " claims")).isEqualTo(List.of(LicensingTestSupport.OBSERVATION + "/later/PENDING"));
    assertThat(run.admin().audit().verify().intact()).isTrue();
    assertNeverOverAllocated(run);
  }

  /**
   * Fifteen active users of North High, the last five of South Middle as well, and an outsider of
   * South Middle only; a pool of North High with seats for the first ten (its term ends first) and
   * one of South Middle with {@code laterSeats} seats, the only one serving the outsider.
   */
  private static TenantRun laterPoolRun(String name, int laterSeats) {
    TenantRun run = tenant(fixture.overlapping, name);
    run.admin().pools().add(NewPool.builder().id(PoolId.of("early")).product(LicensingTestSupport.OBSERVATION).seats(10)
        .scope(BulkTestSupport.NORTH).term(YEAR).build());
    run.admin().pools().add(NewPool.builder().id(PoolId.of("later")).product(LicensingTestSupport.OBSERVATION).seats(laterSeats)
        .scope(BulkTestSupport.SOUTH).term(Term.of(YEAR.start(), YEAR.end().plusSeconds(86_400))).build());
    for (int i = 0; i < 15; i++) {
      UserId user = UserId.of(String.format("u-%02d", i));
      var account = NewUser.builder().id(user).name("User " + i).email(user.value() + "@example.org")
          .addOrganizations(BulkTestSupport.NORTH).invite(false);
      if (i >= 10) {
        account.addOrganizations(BulkTestSupport.SOUTH);
      }
      run.admin().users().register(account.build());
      run.admin().users().activate(user);
    }
    run.admin().users().register(NewUser.builder().id(OUTSIDER).name("Outsider").email("outsider@example.org")
        .addOrganizations(BulkTestSupport.SOUTH).invite(false).build());
    run.admin().users().activate(OUTSIDER);
    return run;
  }

  /** Observer of North High for every user of North High, all or nothing, five users a chunk. */
  private static BulkRequest laterPoolGrant() {
    return BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
        .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVER))).mode(BulkMode.ALL_OR_NOTHING)
        .reason("term start").chunkSize(5).build();
  }

  /** Each pool's seats in use are within its seats and are its live claims, counted. */
  private static void assertNeverOverAllocated(TenantRun run) {
    Map<String, Object> state = run.state();
    run.admin().pools().list().forEach(usage -> {
      String pool = usage.pool().id().value();
      assertThat(usage.seatsInUse()).as("seats in use of " + pool).isLessThanOrEqualTo(usage.pool().seats());
      long claims = state.entrySet().stream().filter(entry -> entry.getKey().endsWith(" claims"))
          .flatMap(entry -> ((List<?>) entry.getValue()).stream()).map(Object::toString)
          .filter(claim -> claim.contains("/" + pool + "/") && !claim.endsWith("/EXPIRED") && !claim.endsWith("/REVOKED")).count();
      assertThat(claims).as("live claims of " + pool).isEqualTo(usage.seatsInUse());
    });
  }
}
