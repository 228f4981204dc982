package org.licensekit.testkit.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.TrainingCondition;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimSortKey;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.SortDirection;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.report.ClaimsPosition;

/**
 * The claims report: its rows, every filter, every sort key both ways, keyset pages and the refusals.
 * Five users (names chosen so code-point order differs from dictionary order) get two claims each
 * an hour apart; Zoë and Ángela claim one each.
 */
public abstract class ClaimsReportContract extends ReportsTestSupport {

  private static final UserId ZOE = UserId.of("u-zoe");
  private static final UserId BOB = UserId.of("u-bob");
  private static final UserId ANGELA = UserId.of("u-angela");
  private static final UserId EMILE = UserId.of("u-emile");
  private static final UserId YUKI = UserId.of("u-yuki");

  @BeforeEach
  void seedClaims() {
    pool("obs", OBSERVATION, 50, schoolYear(), Optional.empty());
    pool("coach", COACHING, 50, schoolYear(), Optional.empty());
    pool("eval", EVALUATION, 50, schoolYear(), Optional.empty());
    person(ZOE.value(), "Zoë Adams", "zoe@example.org", DefaultCatalog.TEACHER, NORTH);
    clock.advance(Duration.ofHours(1));
    person(BOB.value(), "bob lee", "bob@example.org", DefaultCatalog.ADMINISTRATOR, SOUTH);
    clock.advance(Duration.ofHours(1));
    person(ANGELA.value(), "Ángela Ruiz", "angela@example.org", DefaultCatalog.TEACHER, NORTH);
    clock.advance(Duration.ofHours(1));
    person(EMILE.value(), "Émile Zola", "emile@example.org", DefaultCatalog.ADMINISTRATOR, NORTH);
    clock.advance(Duration.ofHours(1));
    person(YUKI.value(), "Yuki 佐藤", "yuki@example.org", DefaultCatalog.TEACHER, SOUTH);
    clock.advance(Duration.ofHours(1));
    claimNow(ZOE, OBSERVATION);
    clock.advance(Duration.ofHours(1));
    claimNow(ANGELA, COACHING);
  }

  private static Instant hour(int h) {
    return START.plus(Duration.ofHours(h));
  }

  private List<ClaimRow> rows(ClaimsQuery.Builder query) {
    Page<ClaimRow> page = reporter().reports().claims(query.limit(ClaimsQuery.MAX_LIMIT).build());
    assertThat(page.hasNext()).isFalse();
    return page.items();
  }

  private static List<String> users(List<ClaimRow> rows) {
    return rows.stream().map(r -> r.user().value()).toList();
  }

  /**
   * The administrators' evaluation claims assigned them the missing evaluator certification, due in
   * 30 days: the report tells claims of users whose training is open, overdue, completed or expired.
   */
  @Test
  void aTrainingConditionShowsTheClaimsOfUsersInThatTrainingState() {
    ClaimsQuery.Builder evaluation = ClaimsQuery.builder().product(EVALUATION).sortBy(ClaimSortKey.USER_NAME);

    assertThat(users(rows(evaluation.training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.NOT_COMPLETED))))
        .containsExactly(BOB.value(), EMILE.value());
    assertThat(users(rows(ClaimsQuery.builder().training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.ASSIGNED)
        .sortBy(ClaimSortKey.USER_NAME)))).containsExactly(BOB.value(), BOB.value(), EMILE.value(), EMILE.value());
    assertThat(rows(evaluation.training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.OVERDUE))).isEmpty();

    clock.advance(Duration.ofDays(31));
    admin.training().recordCertification(BOB, EVALUATOR_CERTIFICATION, clock.instant(), clock.instant().plus(Duration.ofDays(10)));

    assertThat(users(rows(evaluation.training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.OVERDUE))))
        .containsExactly(EMILE.value());
    assertThat(users(rows(evaluation.training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.COMPLETED))))
        .containsExactly(BOB.value());
    assertThat(rows(evaluation.training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.CERTIFICATION_EXPIRED))).isEmpty();

    clock.advance(Duration.ofDays(10));
    assertThat(users(rows(evaluation.training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.CERTIFICATION_EXPIRED))))
        .containsExactly(BOB.value());
    assertThat(users(rows(evaluation.status(ClaimStatus.PENDING)
        .training(EVALUATOR_CERTIFICATION, TrainingCondition.Status.OVERDUE)))).containsExactly(EMILE.value());
  }

  @Test
  void rowShowsNameEmailProductOrganizationsStatusAndInstants() {
    List<ClaimRow> rows = rows(ClaimsQuery.builder().user(ZOE).product(OBSERVATION));

    assertThat(rows).singleElement().satisfies(row -> {
      assertThat(row.userName()).isEqualTo("Zoë Adams");
      assertThat(row.email()).isEqualTo("zoe@example.org");
      assertThat(row.product()).isEqualTo(OBSERVATION);
      assertThat(row.organizations()).containsExactly(NORTH);
      assertThat(row.status()).isEqualTo(ClaimStatus.ACTIVE);
      assertThat(row.pool().value()).isEqualTo("obs");
      assertThat(row.assignedAt()).isEqualTo(START);
      assertThat(row.claimedAt()).contains(hour(5));
      assertThat(row.expiresAt()).contains(schoolYear().end());
    });
    assertThat(rows(ClaimsQuery.builder().user(BOB).product(EVALUATION))).singleElement().satisfies(row -> {
      assertThat(row.claimedAt()).isEmpty();
      assertThat(row.expiresAt()).isEmpty();
    });
  }

  @Test
  void filtersByStatus() {
    assertThat(rows(ClaimsQuery.builder().status(ClaimStatus.ACTIVE))).extracting(r -> r.user().value()).containsExactlyInAnyOrder("u-zoe", "u-angela");
    assertThat(rows(ClaimsQuery.builder().status(ClaimStatus.PENDING))).hasSize(8);
    assertThat(rows(ClaimsQuery.builder().status(ClaimStatus.PENDING, ClaimStatus.ACTIVE))).hasSize(10);
    assertThat(rows(ClaimsQuery.builder().status(ClaimStatus.REVOKED))).isEmpty();
  }

  @Test
  void filtersByProductAndByUser() {
    assertThat(users(rows(ClaimsQuery.builder().product(COACHING)))).containsExactlyInAnyOrder("u-zoe", "u-angela", "u-yuki");
    assertThat(rows(ClaimsQuery.builder().user(BOB))).extracting(ClaimRow::product).containsExactlyInAnyOrder(OBSERVATION, EVALUATION);
  }

  @Test
  void filtersByAssignmentDateFromInclusiveToExclusive() {
    List<ClaimRow> rows = rows(ClaimsQuery.builder().assignedBetween(hour(1), hour(3)));

    assertThat(users(rows)).containsExactlyInAnyOrder("u-bob", "u-bob", "u-angela", "u-angela");
  }

  @Test
  void filtersByClaimDateAndLeavesOutClaimsNeverClaimed() {
    assertThat(users(rows(ClaimsQuery.builder().claimedBetween(START, hour(6))))).containsExactly("u-zoe");
    assertThat(users(rows(ClaimsQuery.builder().claimedBetween(hour(5), hour(6).plusSeconds(1))))).containsExactlyInAnyOrder("u-zoe", "u-angela");
    assertThat(rows(ClaimsQuery.builder().claimedBetween(hour(7), hour(100)))).isEmpty();
  }

  @Test
  void filtersByOrganizationSubtree() {
    assertThat(users(rows(ClaimsQuery.builder().organization(NORTH)))).containsOnly("u-zoe", "u-angela", "u-emile").hasSize(6);
    assertThat(users(rows(ClaimsQuery.builder().organization(SOUTH)))).containsOnly("u-bob", "u-yuki").hasSize(4);
    assertThat(rows(ClaimsQuery.builder().organization(DISTRICT))).hasSize(10);
  }

  @Test
  void filtersByRoleAndByRoleWithinTheOrganization() {
    assertThat(users(rows(ClaimsQuery.builder().role(DefaultCatalog.OBSERVER)))).containsOnly("u-bob", "u-emile").hasSize(4);
    assertThat(users(rows(ClaimsQuery.builder().role(DefaultCatalog.OBSERVER).organization(NORTH)))).containsOnly("u-emile").hasSize(2);
    assertThat(rows(ClaimsQuery.builder().role(DefaultCatalog.PROCTOR))).isEmpty();
  }

  @Test
  void filtersCombine() {
    List<ClaimRow> rows = rows(ClaimsQuery.builder().product(OBSERVATION).status(ClaimStatus.PENDING).organization(NORTH)
        .assignedBetween(START, hour(4)));

    assertThat(users(rows)).containsExactlyInAnyOrder("u-angela", "u-emile");
  }

  @Test
  void sortsNamesByCodePointBothWays() {
    List<String> ascending = users(rows(ClaimsQuery.builder().sortBy(ClaimSortKey.USER_NAME)));
    List<String> descending = users(rows(ClaimsQuery.builder().sortBy(ClaimSortKey.USER_NAME).descending()));

    assertThat(ascending).containsExactly("u-yuki", "u-yuki", "u-zoe", "u-zoe", "u-bob", "u-bob", "u-angela", "u-angela", "u-emile", "u-emile");
    List<String> reversed = new ArrayList<>(ascending);
    Collections.reverse(reversed);
    assertThat(descending).isEqualTo(reversed);
  }

  @Test
  void rowsWithoutAValueSortLastInBothDirections() {
    List<ClaimRow> ascending = rows(ClaimsQuery.builder().sortBy(ClaimSortKey.CLAIMED_AT));
    List<ClaimRow> descending = rows(ClaimsQuery.builder().sortBy("claimedAt").descending());

    assertThat(users(ascending).subList(0, 2)).containsExactly("u-zoe", "u-angela");
    assertThat(users(descending).subList(0, 2)).containsExactly("u-angela", "u-zoe");
    assertThat(ascending.subList(2, 10)).allSatisfy(r -> assertThat(r.claimedAt()).isEmpty());
    assertThat(ascending.subList(2, 10)).isEqualTo(descending.subList(2, 10));
    assertThat(ascending.subList(2, 10)).extracting(r -> r.claim().value()).isSorted();
  }

  @Test
  void sortsByOrganizationStatusAndProduct() {
    assertThat(users(rows(ClaimsQuery.builder().sortBy(ClaimSortKey.ORGANIZATION))).subList(0, 6))
        .containsOnly("u-zoe", "u-angela", "u-emile");
    assertThat(rows(ClaimsQuery.builder().sortBy(ClaimSortKey.STATUS))).extracting(ClaimRow::status)
        .startsWith(ClaimStatus.ACTIVE, ClaimStatus.ACTIVE, ClaimStatus.PENDING);
    assertThat(rows(ClaimsQuery.builder().sortBy(ClaimSortKey.PRODUCT).descending())).extracting(r -> r.product().value())
        .containsExactly("observation", "observation", "observation", "observation", "observation",
            "evaluation", "evaluation", "coaching", "coaching", "coaching");
  }

  /**
   * A claim's organization is its user's smallest organization now: joining one that sorts first
   * moves the user's claims there, leaving it moves them back, and a user in no organization sorts
   * last both ways — whichever store keeps or computes the value.
   */
  @Test
  void theOrganizationSortFollowsTheUsersMembershipsAsTheyChange() {
    ClaimsQuery.Builder ascending = ClaimsQuery.builder().sortBy(ClaimSortKey.ORGANIZATION);
    ClaimsQuery.Builder descending = ClaimsQuery.builder().sortBy(ClaimSortKey.ORGANIZATION).descending();
    assertThat(users(rows(ascending)).subList(6, 10)).containsOnly(BOB.value(), YUKI.value());

    admin.assignments().addToOrganization(BOB, DISTRICT, Set.of());
    assertThat(users(rows(ascending)).subList(0, 2)).containsExactly(BOB.value(), BOB.value());
    assertThat(users(allPages(ascending.limit(3).build())).subList(0, 2)).containsExactly(BOB.value(), BOB.value());
    assertThat(users(rows(descending)).subList(8, 10)).containsExactly(BOB.value(), BOB.value());

    admin.assignments().removeFromOrganization(BOB, DISTRICT, "moved back");
    assertThat(users(rows(ascending)).subList(6, 10)).containsOnly(BOB.value(), YUKI.value());

    admin.assignments().removeFromOrganization(YUKI, SOUTH, "left the district");
    List<ClaimRow> all = rows(ascending);
    assertThat(users(all).subList(8, 10)).containsExactly(YUKI.value(), YUKI.value());
    assertThat(all.subList(8, 10)).allSatisfy(row -> assertThat(row.organizations()).isEmpty());
    assertThat(users(rows(descending)).subList(8, 10)).containsExactly(YUKI.value(), YUKI.value());
    assertThat(users(allPages(descending.limit(3).build()))).isEqualTo(users(rows(descending)));
  }

  static Stream<Arguments> everySortKeyBothWays() {
    return Stream.of(ClaimSortKey.values())
        .flatMap(key -> Stream.of(SortDirection.values()).map(direction -> Arguments.of(key, direction)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everySortKeyBothWays")
  void keysetPagesFollowTheSortWithoutRepeatingOrSkippingRows(ClaimSortKey key, SortDirection direction) {
    List<ClaimRow> whole = rows(ClaimsQuery.builder().sortBy(key).direction(direction));
    List<ClaimRow> paged = allPages(ClaimsQuery.builder().sortBy(key).direction(direction).limit(3).build());

    assertThat(whole).hasSize(10);
    assertThat(paged).isEqualTo(whole);
    for (int i = 1; i < whole.size(); i++) {
      assertThat(inOrder(ClaimsPosition.of(whole.get(i - 1), key), ClaimsPosition.of(whole.get(i), key), direction))
          .as("row %d before row %d by %s %s", i - 1, i, key, direction).isTrue();
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everySortKeyBothWays")
  void forEachClaimHandsOverEveryPageInOrder(ClaimSortKey key, SortDirection direction) {
    List<ClaimRow> paged = allPages(ClaimsQuery.builder().sortBy(key).direction(direction).limit(3).build());
    List<ClaimRow> streamed = new ArrayList<>();

    long count = reporter().reports().forEachClaim(ClaimsQuery.builder().sortBy(key).direction(direction).limit(3).build(), streamed::add);

    assertThat(streamed).hasSize(10).isEqualTo(paged);
    assertThat(count).isEqualTo(10);
  }

  @Test
  void forEachClaimStartsAfterTheCursorAndKeepsTheFilters() {
    ClaimsQuery filtered = ClaimsQuery.builder().organization(NORTH).status(ClaimStatus.PENDING).sortBy(ClaimSortKey.USER_NAME).limit(2).build();
    List<ClaimRow> paged = allPages(filtered);
    Page<ClaimRow> first = admin.reports().claims(filtered);
    List<ClaimRow> rest = new ArrayList<>();

    admin.reports().forEachClaim(filtered.toBuilder().cursor(first.nextCursor().orElseThrow()).build(), rest::add);

    assertThat(paged.size()).isGreaterThan(2);
    assertThat(rest).isEqualTo(paged.subList(2, paged.size()));
    assertThat(rest).allSatisfy(row -> assertThat(row.status()).isEqualTo(ClaimStatus.PENDING));
  }

  /** The contract's order, stated independently of any store: values, empty last, then claim id. */
  private static boolean inOrder(ClaimsPosition a, ClaimsPosition b, SortDirection direction) {
    if (a.emptyValue() || b.emptyValue()) {
      return b.emptyValue() && (!a.emptyValue() || a.claim().value().compareTo(b.claim().value()) < 0);
    }
    int c = a.instantValue().isPresent()
        ? a.instantValue().get().compareTo(b.instantValue().orElseThrow())
        : compareCodePoints(a.textValue().orElseThrow(), b.textValue().orElseThrow());
    c = direction == SortDirection.ASCENDING ? c : -c;
    return c < 0 || (c == 0 && a.claim().value().compareTo(b.claim().value()) < 0);
  }

  private static int compareCodePoints(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    return java.util.Arrays.compare(x, y);
  }

  @Test
  void firstPageSaysWhetherMoreFollow() {
    Page<ClaimRow> first = admin.reports().claims(ClaimsQuery.builder().limit(4).build());
    Page<ClaimRow> exact = admin.reports().claims(ClaimsQuery.builder().limit(10).build());

    assertThat(first.items()).hasSize(4);
    assertThat(first.nextCursor()).isPresent();
    assertThat(exact.items()).hasSize(10);
    assertThat(exact.hasNext()).isFalse();
  }

  @Test
  void unknownSortColumnIsRefusedNamingSortBy() {
    assertThatThrownBy(() -> ClaimsQuery.builder().sortBy("favouriteColour").build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.fields()).containsExactly("sortBy");
          assertThat(e.getMessage()).contains("favouriteColour").contains("ASSIGNED_AT");
        });
    assertThat(ClaimsQuery.builder().sortBy("assigned_at").build().sortBy()).isEqualTo(ClaimSortKey.ASSIGNED_AT);
  }

  @Test
  void badLimitAndEmptyDateRangeAreRefusedTogether() {
    assertThatThrownBy(() -> ClaimsQuery.builder().limit(0).assignedBetween(hour(2), hour(2)).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("limit", "to"));
    assertThatThrownBy(() -> ClaimsQuery.builder().limit(ClaimsQuery.MAX_LIMIT + 1).build())
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("limit"));
  }

  @Test
  void cursorOfAnotherSortOrGarbageIsRefusedNamingCursor() {
    String cursor = admin.reports().claims(ClaimsQuery.builder().limit(2).build()).nextCursor().orElseThrow();

    assertThatThrownBy(() -> admin.reports().claims(ClaimsQuery.builder().limit(2).sortBy(ClaimSortKey.EMAIL).cursor(cursor).build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("cursor"));
    assertThatThrownBy(() -> admin.reports().claims(ClaimsQuery.builder().limit(2).descending().cursor(cursor).build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("cursor"));
    assertThatThrownBy(() -> admin.reports().claims(ClaimsQuery.builder().cursor("not a cursor!").build()))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fields()).containsExactly("cursor"));
  }

  @Test
  void filterNamingAnUnknownRecordIsRefused() {
    assertThatThrownBy(() -> admin.reports().claims(ClaimsQuery.builder().product(ProductId.of("nothing")).build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("productId"));
    assertThatThrownBy(() -> admin.reports().claims(ClaimsQuery.builder().organization(org.licensekit.core.domain.OrganizationId.of("nowhere")).build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("organizationId"));
    assertThatThrownBy(() -> admin.reports().claims(ClaimsQuery.builder().role(org.licensekit.core.domain.RoleId.of("JANITOR")).build()))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("roleId"));
  }

  @Test
  void anotherTenantsClaimsNeverAppear() {
    var other = licensing.tenant(TenantId.of(tenantId.value() + "-other")).as(org.licensekit.core.domain.Actor.reporter("r"));

    assertThat(other.reports().claims(ClaimsQuery.firstPage()).items()).isEmpty();
  }
}
