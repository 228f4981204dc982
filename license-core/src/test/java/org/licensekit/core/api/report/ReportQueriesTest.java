package org.licensekit.core.api.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.licensekit.core.FieldError;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.ProductId;

/**
 * The report queries are refused as they are built, by the validator commands use, naming every bad
 * field at once; every paged query keeps the one page-size rule of {@link PageRequest}.
 */
class ReportQueriesTest {

  private static final Instant NINE = Instant.parse("2026-09-01T09:00:00Z");
  private static final LocalDate SEPTEMBER = LocalDate.parse("2026-09-01");

  @Test
  void claimsQueryDefaultsToTheFirstPageOfFiftyClaimsByAssignment() {
    ClaimsQuery query = ClaimsQuery.firstPage();

    assertThat(query.limit()).isEqualTo(PageRequest.DEFAULT_LIMIT).isEqualTo(50);
    assertThat(query.cursor()).isEmpty();
    assertThat(query.sortBy()).isEqualTo(ClaimSortKey.ASSIGNED_AT);
    assertThat(query.direction()).isEqualTo(SortDirection.ASCENDING);
    assertThat(query.dateField()).isEqualTo(ClaimDateField.ASSIGNED);
    assertThat(query.statuses()).isEmpty();
  }

  @Test
  void everyPagedQueryKeepsTheOnePageSizeRule() {
    for (ThrowingCallable tooSmall : List.<ThrowingCallable>of(
        () -> ClaimsQuery.builder().limit(0).build(),
        () -> UnusedLicensesQuery.builder().limit(0).build(),
        () -> PageRequest.first(0))) {
      assertThat(refused(tooSmall).errors())
          .containsExactly(new FieldError("limit", "must be between 1 and 1000 (was 0)"));
    }
    for (ThrowingCallable tooLarge : List.<ThrowingCallable>of(
        () -> ClaimsQuery.builder().limit(PageRequest.MAX_LIMIT + 1).build(),
        () -> UnusedLicensesQuery.builder().limit(PageRequest.MAX_LIMIT + 1).build(),
        () -> PageRequest.first(PageRequest.MAX_LIMIT + 1))) {
      assertThat(refused(tooLarge).errors())
          .containsExactly(new FieldError("limit", "must be between 1 and 1000 (was 1001)"));
    }
    assertThat(ClaimsQuery.builder().limit(PageRequest.MAX_LIMIT).build().limit()).isEqualTo(1_000);
    assertThat(UnusedLicensesQuery.builder().limit(1).build().limit()).isEqualTo(1);
  }

  @Test
  void aBlankCursorIsRefusedNamingCursorAndAnEmptyOneIsTheFirstPage() {
    assertThat(refused(() -> ClaimsQuery.builder().cursor(" ").build()).fields()).containsExactly("cursor");
    assertThat(refused(() -> UnusedLicensesQuery.builder().cursor("").build()).fields()).containsExactly("cursor");
    assertThat(ClaimsQuery.builder().cursor("abc").firstPage().build().cursor()).isEmpty();
  }

  @Test
  void everyBadFieldOfAClaimsQueryIsNamedAtOnceSortedByField() {
    InvalidInputException e = refused(() -> ClaimsQuery.builder()
        .sortBy("favouriteColour").limit(0).assignedBetween(NINE, NINE).build());

    assertThat(e.fields()).containsExactly("limit", "sortBy", "to");
    assertThat(e.errors()).contains(new FieldError("to", "must be after from (" + NINE + ")"));
  }

  @Test
  void aKnownSortColumnNameSetsTheKeyAndALaterKeyWins() {
    assertThat(ClaimsQuery.builder().sortBy("user_name").build().sortBy()).isEqualTo(ClaimSortKey.USER_NAME);
    assertThat(ClaimsQuery.builder().sortBy("userName").sortBy(ClaimSortKey.EMAIL).build().sortBy())
        .isEqualTo(ClaimSortKey.EMAIL);
  }

  @Test
  void toBuilderKeepsEverySettingSoOnlyTheCursorChanges() {
    ClaimsQuery query = ClaimsQuery.builder().claimedBetween(NINE, NINE.plusSeconds(3_600))
        .product(ProductId.of("observation")).status(ClaimStatus.PENDING, ClaimStatus.ACTIVE)
        .sortBy(ClaimSortKey.EMAIL).descending().limit(7).build();

    ClaimsQuery next = query.toBuilder().cursor("page-2").build();

    assertThat(next.cursor()).contains("page-2");
    assertThat(ImmutableClaimsQuery.copyOf(next).withCursor(query.cursor())).isEqualTo(query);
    assertThat(next.dateField()).isEqualTo(ClaimDateField.CLAIMED);
    assertThat(next.statuses()).containsExactlyInAnyOrder(ClaimStatus.PENDING, ClaimStatus.ACTIVE);
  }

  @Test
  void aPageRequestCarriesOverToAnyPagedQuery() {
    PageRequest page = PageRequest.after("page-3", 20);

    ClaimsQuery claims = ClaimsQuery.builder().mergeFrom(page).build();
    UnusedLicensesQuery unused = UnusedLicensesQuery.builder().mergeFrom(page).build();

    assertThat(List.of(claims.limit(), unused.limit())).containsOnly(20);
    assertThat(List.of(claims.cursor(), unused.cursor())).containsOnly(page.cursor());
  }

  @Test
  void unusedLicensesWaitIsBoundedNamingPendingForDays() {
    assertThat(UnusedLicensesQuery.builder().build().pendingForDays()).isEqualTo(30);
    assertThat(refused(() -> UnusedLicensesQuery.builder().pendingForDays(-1).limit(0).build()).errors()).containsExactly(
        new FieldError("limit", "must be between 1 and 1000 (was 0)"),
        new FieldError("pendingForDays", "must be between 0 and 3660 (was -1)"));
    assertThat(refused(() -> UnusedLicensesQuery.builder().pendingForDays(3_661).build()).fields())
        .containsExactly("pendingForDays");
  }

  @Test
  void analyticsQueryRefusesAnEmptyOrOverlongPeriodAndBandsOutOfOrder() {
    assertThat(refused(() -> AnalyticsQuery.between(SEPTEMBER, SEPTEMBER).bands(1, 1).build()).errors()).containsExactly(
        new FieldError("highAtLeast", "must be greater than mediumAtLeast (1)"),
        new FieldError("mediumAtLeast", "must be at least 2 (was 1)"),
        new FieldError("to", "must be after from (2026-09-01)"));
    assertThat(refused(() -> AnalyticsQuery.between(SEPTEMBER, SEPTEMBER.plusDays(AnalyticsQuery.MAX_DAYS + 1)).build())
        .fields()).containsExactly("to");

    AnalyticsQuery month = AnalyticsQuery.between(SEPTEMBER, SEPTEMBER.plusMonths(1)).build();
    assertThat(month.granularity()).isEqualTo(Granularity.WEEK);
    assertThat(List.of(month.highAtLeast(), month.mediumAtLeast())).containsExactly(12, 4);
  }

  @Test
  void dashboardOptionsDefaultToWindowsLongestFirstAndRefuseEachBadThreshold() {
    assertThat(DashboardOptions.defaults().expiryWindowDays()).containsExactly(90, 30, 7);
    assertThat(DashboardOptions.builder().expiryWindowDays(List.of(7, 365, 30)).build().expiryWindowDays())
        .containsExactly(365, 30, 7);

    InvalidInputException e = refused(() -> DashboardOptions.builder().expiryWindowDays(List.of(0, 30))
        .expiringAlertDays(0).minimumAvailablePercent(101).pendingAlertDays(-1).build());

    assertThat(e.fields()).containsExactly("expiringAlertDays", "expiryWindowDays", "minimumAvailablePercent", "pendingAlertDays");
    assertThat(refused(() -> DashboardOptions.builder().expiryWindowDays(List.of()).build()).errors())
        .containsExactly(new FieldError("expiryWindowDays", "must be one or more whole days between 1 and 3660"));
  }

  private static InvalidInputException refused(ThrowingCallable build) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, build);
    assertThat(e).as("refused when built").isNotNull();
    return e;
  }
}
