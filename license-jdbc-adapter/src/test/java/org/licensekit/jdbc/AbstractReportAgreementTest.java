package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.licensekit.jdbc.ReportAgreementSeed.COURSE;
import static org.licensekit.jdbc.ReportAgreementSeed.HOUR_1;
import static org.licensekit.jdbc.ReportAgreementSeed.OBS;
import static org.licensekit.testkit.fixtures.Fixtures.day;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.api.report.ClaimDateField;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.report.AnalyticsSelection;
import org.licensekit.core.spi.report.ClaimsPosition;
import org.licensekit.core.spi.report.ClaimsSelection;
import org.licensekit.core.spi.report.PoolSeatsQuery;
import org.licensekit.testkit.fixtures.Fixtures;

/**
 * The report ports in SQL answer exactly as the in-memory store does on the same rows
 * ({@link ReportAgreementSeed}): every sort key both ways, page by page; filters; pool seats;
 * analytics; the reconciliation finders.
 */
abstract class AbstractReportAgreementTest {

  private static final Optional<Set<OrganizationId>> NORTH_SUBTREE =
      Optional.of(Set.of(OrganizationId.of("north"), OrganizationId.of("north-a")));

  private final LicenseStore memory = InMemoryLicenseStore.create();
  private LicenseStore jdbc;
  private TenantId tenant;

  /** The JDBC store under test. */
  protected abstract LicenseStore jdbcStore();

  @BeforeEach
  void seedBothStores() {
    jdbc = jdbcStore();
    tenant = Fixtures.tenant();
    ReportAgreementSeed.seed(memory, tenant);
    ReportAgreementSeed.seed(jdbc, tenant);
  }

  /** The JDBC answer, after checking it equals the in-memory one. */
  private <T> T agree(Function<LicenseStore, T> query) {
    T expected = query.apply(memory);
    T actual = query.apply(jdbc);
    assertThat(actual).isEqualTo(expected);
    return actual;
  }

  private <E> List<E> agreeOnList(Function<LicenseStore, List<E>> query) {
    return agree(query);
  }

  private boolean agreeOnFlag(Function<LicenseStore, Boolean> query) {
    return agree(query);
  }

  private static Selection all() {
    return new Selection();
  }

  /** A claims selection, every filter off unless set. */
  private static final class Selection {
    private ClaimDateField dateField = ClaimDateField.ASSIGNED;
    private Optional<Instant> from = Optional.empty();
    private Optional<Instant> to = Optional.empty();
    private Optional<UserId> user = Optional.empty();
    private Optional<ProductId> product = Optional.empty();
    private Set<ClaimStatus> statuses = Set.of();
    private Optional<Set<OrganizationId>> organizations = Optional.empty();
    private Optional<RoleId> role = Optional.empty();
    private ClaimSortKey sortBy = ClaimSortKey.ASSIGNED_AT;
    private SortDirection direction = SortDirection.ASCENDING;

    Selection range(ClaimDateField field, Instant fromInclusive, Instant toExclusive) {
      dateField = field;
      from = Optional.of(fromInclusive);
      to = Optional.of(toExclusive);
      return this;
    }

    Selection user(UserId value) {
      user = Optional.of(value);
      return this;
    }

    Selection product(ProductId value) {
      product = Optional.of(value);
      return this;
    }

    Selection statuses(Set<ClaimStatus> value) {
      statuses = value;
      return this;
    }

    Selection organizations(Optional<Set<OrganizationId>> value) {
      organizations = value;
      return this;
    }

    Selection role(RoleId value) {
      role = Optional.of(value);
      return this;
    }

    Selection sortBy(ClaimSortKey value) {
      sortBy = value;
      return this;
    }

    Selection direction(SortDirection value) {
      direction = value;
      return this;
    }

    ClaimsSelection build() {
      return new ClaimsSelection(dateField, from, to, user, product, statuses, organizations, role, sortBy, direction);
    }
  }

  static Stream<Arguments> everySortKeyBothWays() {
    return Stream.of(ClaimSortKey.values())
        .flatMap(key -> Stream.of(SortDirection.values()).map(direction -> Arguments.of(key, direction)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everySortKeyBothWays")
  void claimsReportOrdersAndPagesAlike(ClaimSortKey key, SortDirection direction) {
    ClaimsSelection selection = all().sortBy(key).direction(direction).build();

    List<ClaimRow> whole = agree(store -> store.reports().claims(tenant, selection, Optional.empty(), 100));
    assertThat(whole).hasSize(12).noneMatch(row -> row.user().equals(UserId.of("ghost")));
    // Pages of 2, 3 and 5 rows: a page boundary falls on, just before and just after the first row
    // without the sorted instant (the claimed and expiry sorts read those rows in a second statement).
    for (int size : new int[] {2, 3, 5}) {
      List<ClaimRow> paged = new ArrayList<>();
      Optional<ClaimsPosition> after = Optional.empty();
      for (int guard = 0; guard < 20; guard++) {
        Optional<ClaimsPosition> position = after;
        int limit = size;
        List<ClaimRow> page = agree(store -> store.reports().claims(tenant, selection, position, limit));
        paged.addAll(page);
        if (page.size() < size) {
          break;
        }
        after = Optional.of(ClaimsPosition.of(page.get(size - 1), key));
      }
      assertThat(paged).as("pages of %d", size).isEqualTo(whole);
    }
  }

  @Test
  void namesSortByCodePointNotByUtf16Unit() {
    List<ClaimRow> rows = agree(store -> store.reports().claims(tenant, all().sortBy(ClaimSortKey.USER_NAME).build(), Optional.empty(), 100));

    assertThat(rows).extracting(row -> row.user().value())
        .containsExactly("u6", "u6", "u5", "u5", "u3", "u3", "u4", "u1", "u1", "u2", "u2", "u2");
  }

  @Test
  void claimsReportFiltersAlike() {
    List<ClaimsSelection> selections = List.of(
        all().statuses(EnumSet.of(ClaimStatus.PENDING)).build(),
        all().statuses(EnumSet.of(ClaimStatus.ACTIVE, ClaimStatus.EXPIRED)).sortBy(ClaimSortKey.CLAIMED_AT).build(),
        all().product(COURSE).build(),
        all().user(UserId.of("u5")).build(),
        all().organizations(NORTH_SUBTREE).sortBy(ClaimSortKey.ORGANIZATION).build(),
        all().organizations(Optional.of(Set.of())).build(),
        all().role(RoleId.of("OBSERVER")).build(),
        all().role(RoleId.of("OBSERVER")).organizations(Optional.of(Set.of(OrganizationId.of("south")))).build(),
        all().range(ClaimDateField.ASSIGNED, HOUR_1, day(2)).build(),
        all().range(ClaimDateField.CLAIMED, day(1), day(4)).sortBy(ClaimSortKey.EXPIRES_AT).direction(SortDirection.DESCENDING).build());

    List<Integer> sizes = selections.stream()
        .map(selection -> agree(store -> store.reports().claims(tenant, selection, Optional.empty(), 100)).size())
        .toList();

    assertThat(sizes).containsExactly(6, 5, 5, 2, 6, 0, 6, 2, 5, 5);
  }

  @Test
  void poolSeatsAgree() {
    assertThat(agreeOnList(store -> store.reports().poolSeats(tenant, new PoolSeatsQuery(Optional.empty(), HOUR_1))))
        .extracting(seats -> seats.pool().id().value(), seats -> seats.live(), seats -> seats.pendingBefore())
        .containsExactly(tuple("pool-course", 4, 0),
            tuple("pool-obs-north", 2, 0),
            tuple("pool-obs", 5, 2));
    assertThat(agreeOnList(store -> store.reports().poolSeats(tenant, new PoolSeatsQuery(Optional.of(Set.of(OrganizationId.of("north"))), day(30)))))
        .singleElement().satisfies(seats -> assertThat(seats.oldestPending()).contains(HOUR_1));
  }

  @Test
  void analyticsAgree() {
    LocalDate first = LocalDate.of(2026, 9, 1);
    List<AnalyticsSelection> selections = List.of(
        new AnalyticsSelection(Set.of(OBS, COURSE), Optional.empty(), first, first.plusDays(30)),
        new AnalyticsSelection(Set.of(OBS), NORTH_SUBTREE, first, first.plusDays(30)),
        new AnalyticsSelection(Set.of(COURSE), Optional.empty(), first.plusDays(1), first.plusDays(8)),
        new AnalyticsSelection(Set.of(OBS, COURSE), Optional.of(Set.of()), first, first.plusDays(30)));
    for (AnalyticsSelection selection : selections) {
      agree(store -> store.reports().cohort(tenant, selection));
      agree(store -> store.reports().engagement(tenant, selection, 12, 4));
      agree(store -> store.reports().engagement(tenant, selection, 3, 1));
      agree(store -> store.reports().daily(tenant, selection));
    }

    assertThat(agree(store -> store.reports().cohort(tenant, selections.get(0))).medianSecondsToClaim()).isPresent();
    assertThat(agree(store -> store.reports().engagement(tenant, selections.get(0), 12, 4)).completed()).isEqualTo(1);
    assertThat(agreeOnList(store -> store.reports().daily(tenant, selections.get(0)))).hasSizeGreaterThan(8);
  }

  @Test
  void reconciliationFindersAgree() {
    assertThat(agreeOnList(store -> store.reconciliation().liveClaimsOfUsers(tenant, Set.of(AccountStatus.ARCHIVED), 10))).hasSize(2);
    agree(store -> store.reconciliation().liveClaimsOfUsers(tenant, Set.of(AccountStatus.ARCHIVED, AccountStatus.SUSPENDED), 2));
    assertThat(agreeOnList(store -> store.reconciliation().liveClaimsPastExpiry(tenant, day(1).plusSeconds(7200), 10))).hasSize(1);
    assertThat(agreeOnList(store -> store.reconciliation().liveClaimsPastExpiry(tenant, day(30), 10))).hasSize(4);
    assertThat(agreeOnList(store -> store.reconciliation().liveClaimsWithoutGrant(tenant, 10)))
        .extracting(claim -> claim.id().value()).containsExactly("c02", "c10", "c04", "c07", "c06");
    assertThat(agreeOnList(store -> store.reconciliation().liveClaimsSharingEmail(tenant, 10)))
        .extracting(claim -> claim.id().value()).containsExactly("c07", "c13", "c01", "c02", "c03", "c04");
    assertThat(agreeOnFlag(store -> store.reconciliation().correctSeatsInUse(tenant, PoolId.of("pool-course"), 3, 2))).isTrue();
    assertThat(agreeOnFlag(store -> store.reconciliation().correctSeatsInUse(tenant, PoolId.of("pool-course"), 3, 1))).isFalse();
  }

  /**
   * Where the stores part on purpose: the schema's seat check ({@code seats_in_use <= seats}) backs
   * the seat rule, so the JDBC store refuses a correction above the seats, which the in-memory
   * store would make. Reconciliation corrects counters only after giving back over-allocated seats.
   */
  @Test
  void counterCorrectionAboveTheSeatsIsRefused() {
    PoolId pool = PoolId.of("pool-course");

    assertThat(jdbc.reconciliation().correctSeatsInUse(tenant, pool, 3, 4)).isFalse();
    assertThat(jdbc.reconciliation().correctSeatsInUse(tenant, pool, 3, -1)).isFalse();
    assertThat(jdbc.pools().find(tenant, pool).orElseThrow().seatsInUse()).isEqualTo(3);
  }

  @Test
  void emailAddressesDifferingOnlyInTheCaseOfAccentedLettersAreShared() {
    TenantId accents = Fixtures.tenant();
    for (LicenseStore store : List.of(memory, jdbc)) {
      store.transactions().inTransaction(() -> {
        store.catalog().saveProduct(accents, Fixtures.product("p-obs").build());
        store.pools().insert(accents, Fixtures.pool("pool-obs", "p-obs").build());
        store.directory().insertUser(accents, Fixtures.user("u7").email("ÈVE@example.org").build());
        store.directory().insertUser(accents, Fixtures.user("u8").email("ève@example.org").build());
        store.claims().insertIfNoLiveClaim(accents, Fixtures.claim("c7", "u7", "p-obs", "pool-obs").build());
        return store.claims().insertIfNoLiveClaim(accents, Fixtures.claim("c8", "u8", "p-obs", "pool-obs").build());
      });
    }

    assertThat(agreeOnList(store -> store.reconciliation().liveClaimsSharingEmail(accents, 10))).hasSize(2);
  }

  /** PostgreSQL's LOWER leaves a word-final sigma as σ, Java's makes it ς: the stores match by the Java key. */
  @Test
  void emailAddressesDifferingInAFinalSigmaOrInCompositionAreShared() {
    TenantId greek = Fixtures.tenant();
    for (LicenseStore store : List.of(memory, jdbc)) {
      store.transactions().inTransaction(() -> {
        store.catalog().saveProduct(greek, Fixtures.product("p-obs").build());
        store.pools().insert(greek, Fixtures.pool("pool-obs", "p-obs").build());
        store.directory().insertUser(greek, Fixtures.user("u1").email("ΟΔΥΣΣΕΥΣ@example.org").build());
        store.directory().insertUser(greek, Fixtures.user("u2").email("οδυσσευς@example.org").build());
        store.directory().insertUser(greek, Fixtures.user("u3").email("Zoe\u0301@example.org").build());
        store.directory().insertUser(greek, Fixtures.user("u4").email(" zoé@example.org").build());
        for (String user : List.of("u1", "u2", "u3", "u4")) {
          store.claims().insertIfNoLiveClaim(greek, Fixtures.claim("c-" + user, user, "p-obs", "pool-obs").build());
        }
        return null;
      });
    }

    assertThat(agreeOnList(store -> store.reconciliation().liveClaimsSharingEmail(greek, 10))).hasSize(4);
  }
}
