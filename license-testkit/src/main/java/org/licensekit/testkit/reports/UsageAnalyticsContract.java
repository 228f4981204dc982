package org.licensekit.testkit.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.report.Analytics;
import org.licensekit.core.api.report.AnalyticsQuery;
import org.licensekit.core.api.report.Engagement;
import org.licensekit.core.api.report.EngagementBand;
import org.licensekit.core.api.report.Granularity;
import org.licensekit.core.api.report.TrendPoint;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.report.UsageDay;

/**
 * Usage recording (aggregated per user × product × day) and the analytics built on it: activation,
 * time to claim, engagement bands and recency, completion of learning content, trend series.
 * Four teachers in North and one in South are assigned Observation and Coaching at the start.
 */
public abstract class UsageAnalyticsContract extends ReportsTestSupport {

  private static final LocalDate SEP_1 = LocalDate.of(2026, 9, 1);
  private static final LocalDate OCT_1 = LocalDate.of(2026, 10, 1);

  private UserId a;
  private UserId b;
  private UserId c;
  private UserId d;
  private UserId e;

  @BeforeEach
  void seedTeachers() {
    pool("obs", OBSERVATION, 20, schoolYear(), Optional.empty());
    pool("coach", COACHING, 20, schoolYear(), Optional.empty());
    a = activeUser("a", DefaultCatalog.TEACHER, NORTH);
    b = activeUser("b", DefaultCatalog.TEACHER, NORTH);
    c = activeUser("c", DefaultCatalog.TEACHER, NORTH);
    d = activeUser("d", DefaultCatalog.TEACHER, NORTH);
    e = activeUser("e", DefaultCatalog.TEACHER, SOUTH);
  }

  private void at(LocalDate day, int hour) {
    clock.set(day.atTime(LocalTime.of(hour, 0)).toInstant(ZoneOffset.UTC));
  }

  private void claimAtHourAfterStart(UserId user, ProductId product, int hours) {
    clock.set(START.plus(Duration.ofHours(hours)));
    claimNow(user, product);
  }

  private void launches(UserId user, ProductId product, LocalDate day, int count) {
    at(day, 12);
    for (int i = 0; i < count; i++) {
      asUser(user).usage().recordLaunch(user, product);
    }
  }

  private Analytics analytics(AnalyticsQuery.Builder query) {
    at(OCT_1.plusDays(10), 0);
    return reporter().reports().analytics(query.build());
  }

  @Test
  void launchesOfOneDayAddUpInOneRowAndProgressKeepsItsHighest() {
    at(SEP_1, 9);
    asUser(a).usage().recordLaunch(a, COACHING);
    asUser(a).usage().recordLaunch(a, COACHING);
    asUser(a).usage().recordProgress(a, COACHING, 30);
    asUser(a).usage().recordProgress(a, COACHING, 20);
    at(SEP_1, 23);
    asUser(a).usage().recordLaunch(a, COACHING);
    at(SEP_1.plusDays(1), 0);
    asUser(a).usage().recordLaunch(a, COACHING);

    assertThat(store.usage().find(tenantId, a, COACHING, SEP_1)).contains(new UsageDay(a, COACHING, SEP_1, 3, 30));
    assertThat(store.usage().find(tenantId, a, COACHING, SEP_1.plusDays(1))).contains(new UsageDay(a, COACHING, SEP_1.plusDays(1), 1, 0));
    assertThat(store.usage().find(tenantId, a, OBSERVATION, SEP_1)).isEmpty();
  }

  @Test
  void usersRecordTheirOwnUseAndTheHostRecordsAnyones() {
    at(SEP_1, 9);
    tenant.as(Actor.system("lms")).usage().recordLaunch(b, OBSERVATION);
    admin.usage().recordLaunch(b, OBSERVATION);

    assertThatThrownBy(() -> asUser(a).usage().recordLaunch(b, OBSERVATION)).isInstanceOf(NotAuthorizedException.class);
    assertThatThrownBy(() -> reporter().usage().recordLaunch(b, OBSERVATION)).isInstanceOf(NotAuthorizedException.class);
    assertThat(store.usage().find(tenantId, b, OBSERVATION, SEP_1).orElseThrow().launches()).isEqualTo(2);
  }

  @Test
  void badUsageIsRefused() {
    assertThatThrownBy(() -> asUser(a).usage().recordProgress(a, COACHING, 101))
        .isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.fields()).containsExactly("percent"));
    assertThatThrownBy(() -> asUser(a).usage().recordLaunch(a, ProductId.of("unknown")))
        .isInstanceOfSatisfying(NotFoundException.class, ex -> assertThat(ex.field()).isEqualTo("productId"));
  }

  @Test
  void activationRateAndTimeToClaimCoverClaimsAssignedInThePeriod() {
    claimAtHourAfterStart(a, OBSERVATION, 1);
    claimAtHourAfterStart(b, OBSERVATION, 2);
    claimAtHourAfterStart(c, OBSERVATION, 6);

    Analytics observation = analytics(AnalyticsQuery.between(SEP_1, SEP_1.plusDays(1)).product(OBSERVATION));
    claimAtHourAfterStart(a, COACHING, 7);
    Analytics all = analytics(AnalyticsQuery.between(SEP_1, OCT_1));
    Analytics later = analytics(AnalyticsQuery.between(SEP_1.plusDays(1), OCT_1));

    assertThat(observation.activation().assigned()).isEqualTo(5);
    assertThat(observation.activation().activated()).isEqualTo(3);
    assertThat(observation.activation().rate()).isEqualTo(0.6);
    assertThat(observation.activation().meanTimeToClaim()).contains(Duration.ofHours(3));
    assertThat(observation.activation().medianTimeToClaim()).contains(Duration.ofHours(2));
    assertThat(all.activation().assigned()).isEqualTo(10);
    assertThat(all.activation().activated()).isEqualTo(4);
    assertThat(all.activation().meanTimeToClaim()).contains(Duration.ofHours(4));
    assertThat(all.activation().medianTimeToClaim()).contains(Duration.ofHours(2));
    assertThat(later.activation().assigned()).isZero();
    assertThat(later.activation().rate()).isZero();
    assertThat(later.activation().meanTimeToClaim()).isEmpty();
  }

  @Test
  void engagementBandsAndRecencyCountActiveClaimantsOnly() {
    claimAtHourAfterStart(a, OBSERVATION, 1);
    claimAtHourAfterStart(b, OBSERVATION, 2);
    claimAtHourAfterStart(c, OBSERVATION, 3);
    launches(a, OBSERVATION, SEP_1.plusDays(1), 12);
    launches(b, OBSERVATION, LocalDate.of(2026, 9, 24), 4);
    launches(c, OBSERVATION, LocalDate.of(2026, 9, 23), 1);
    launches(d, OBSERVATION, LocalDate.of(2026, 9, 25), 5);
    launches(a, OBSERVATION, OCT_1, 9);

    Engagement engagement = analytics(AnalyticsQuery.between(SEP_1, OCT_1).product(OBSERVATION)).engagement();
    Engagement lowBar = analytics(AnalyticsQuery.between(SEP_1, OCT_1).product(OBSERVATION).bands(5, 2)).engagement();

    assertThat(engagement.claimants()).isEqualTo(3);
    assertThat(engagement.usedLast7Days()).isEqualTo(1);
    assertThat(engagement.usedLast30Days()).isEqualTo(3);
    assertThat(engagement.launches()).isEqualTo(17);
    assertThat(engagement.sessionsPerUser()).isEqualTo(17.0 / 3);
    assertThat(engagement.shareLast7Days()).isEqualTo(1.0 / 3);
    assertThat(engagement.bands()).containsExactlyInAnyOrderEntriesOf(Map.of(
        EngagementBand.HIGH, 1, EngagementBand.MEDIUM, 1, EngagementBand.LOW, 1, EngagementBand.NONE, 0));
    assertThat(lowBar.bands()).containsExactlyInAnyOrderEntriesOf(Map.of(
        EngagementBand.HIGH, 1, EngagementBand.MEDIUM, 1, EngagementBand.LOW, 1, EngagementBand.NONE, 0));
    assertThat(analytics(AnalyticsQuery.between(SEP_1, OCT_1).product(OBSERVATION).bands(4, 2)).engagement().bands())
        .containsEntry(EngagementBand.HIGH, 2).containsEntry(EngagementBand.MEDIUM, 0);
  }

  @Test
  void aClaimantIsOneWhoseClaimWasActiveAtThePeriodsEnd() {
    claimAtHourAfterStart(a, OBSERVATION, 1);
    claimAtHourAfterStart(c, OBSERVATION, 3);
    clock.set(LocalDate.of(2026, 9, 20).atStartOfDay(ZoneOffset.UTC).toInstant());
    admin.claims().revoke(liveClaim(c, OBSERVATION).id(), "left");

    assertThat(analytics(AnalyticsQuery.between(SEP_1, OCT_1).product(OBSERVATION)).engagement().claimants()).isEqualTo(1);
    assertThat(analytics(AnalyticsQuery.between(SEP_1, LocalDate.of(2026, 9, 20)).product(OBSERVATION)).engagement().claimants()).isEqualTo(2);
    assertThat(analytics(AnalyticsQuery.between(SEP_1, LocalDate.of(2026, 9, 21)).product(OBSERVATION)).engagement().claimants()).isEqualTo(1);
  }

  @Test
  void engagementFollowsTheOrganizationFilter() {
    claimAtHourAfterStart(a, OBSERVATION, 1);
    claimAtHourAfterStart(e, OBSERVATION, 2);
    launches(e, OBSERVATION, SEP_1.plusDays(3), 2);

    Engagement south = analytics(AnalyticsQuery.between(SEP_1, OCT_1).organization(SOUTH)).engagement();
    Engagement district = analytics(AnalyticsQuery.between(SEP_1, OCT_1).organization(DISTRICT)).engagement();

    assertThat(south.claimants()).isEqualTo(1);
    assertThat(south.launches()).isEqualTo(2);
    assertThat(district.claimants()).isEqualTo(2);
  }

  @Test
  void completionAveragesTheHighestProgressOfLearningContentClaimants() {
    claimAtHourAfterStart(a, COACHING, 1);
    claimAtHourAfterStart(b, COACHING, 2);
    claimAtHourAfterStart(c, COACHING, 3);
    at(SEP_1.plusDays(2), 9);
    asUser(a).usage().recordProgress(a, COACHING, 40);
    at(SEP_1.plusDays(5), 9);
    asUser(a).usage().recordProgress(a, COACHING, 100);
    asUser(b).usage().recordProgress(b, COACHING, 50);
    at(OCT_1.plusDays(1), 9);
    asUser(c).usage().recordProgress(c, COACHING, 100);

    Analytics coaching = analytics(AnalyticsQuery.between(SEP_1, OCT_1).product(COACHING));
    Analytics observation = analytics(AnalyticsQuery.between(SEP_1, OCT_1).product(OBSERVATION));
    Analytics everything = analytics(AnalyticsQuery.between(SEP_1, OCT_1));

    assertThat(coaching.completion()).hasValueSatisfying(completion -> {
      assertThat(completion.claimants()).isEqualTo(3);
      assertThat(completion.meanProgress()).isEqualTo(50.0);
      assertThat(completion.completed()).isEqualTo(1);
      assertThat(completion.completedShare()).isEqualTo(1.0 / 3);
    });
    assertThat(observation.completion()).isEmpty();
    assertThat(everything.completion()).isEqualTo(coaching.completion());
  }

  @Test
  void dailyTrendHasOnePointPerDayOfThePeriod() {
    claimAtHourAfterStart(a, OBSERVATION, 1);
    launches(a, OBSERVATION, SEP_1.plusDays(2), 2);
    launches(d, OBSERVATION, SEP_1.plusDays(2), 1);

    List<TrendPoint> trend = analytics(AnalyticsQuery.between(SEP_1, SEP_1.plusDays(7)).granularity(Granularity.DAY)).trend();

    assertThat(trend).hasSize(7);
    assertThat(trend.get(0)).isEqualTo(new TrendPoint(SEP_1, 10, 1, 0, 0));
    assertThat(trend.get(1)).isEqualTo(new TrendPoint(SEP_1.plusDays(1), 0, 0, 0, 0));
    assertThat(trend.get(2)).isEqualTo(new TrendPoint(SEP_1.plusDays(2), 0, 0, 3, 2));
  }

  @Test
  void weeklyTrendBucketsByIsoWeekCountingOnlyDaysInThePeriod() {
    launches(a, OBSERVATION, LocalDate.of(2026, 8, 31), 5);
    launches(a, OBSERVATION, LocalDate.of(2026, 9, 8), 1);
    launches(b, OBSERVATION, LocalDate.of(2026, 9, 14), 4);
    launches(b, OBSERVATION, LocalDate.of(2026, 9, 15), 8);

    List<TrendPoint> trend = analytics(AnalyticsQuery.between(SEP_1, LocalDate.of(2026, 9, 15)).granularity(Granularity.WEEK)).trend();

    assertThat(trend).containsExactly(
        new TrendPoint(LocalDate.of(2026, 8, 31), 10, 0, 0, 0),
        new TrendPoint(LocalDate.of(2026, 9, 7), 0, 0, 1, 1),
        new TrendPoint(LocalDate.of(2026, 9, 14), 0, 0, 4, 1));
  }

  @Test
  void badAnalyticsQueryIsRefusedNamingEachField() {
    assertThatThrownBy(() -> AnalyticsQuery.between(SEP_1, SEP_1).bands(3, 3).build())
        .isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.fields()).containsExactly("highAtLeast", "to"));
    assertThatThrownBy(() -> AnalyticsQuery.between(SEP_1, SEP_1.plusDays(AnalyticsQuery.MAX_DAYS + 1)).build())
        .isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.fields()).containsExactly("to"));
  }
}
