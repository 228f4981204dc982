package org.licensekit.testkit.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.ActorSession;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.report.AnalyticsQuery;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Reports;
import org.licensekit.core.api.report.UnusedLicensesQuery;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.UserId;

/**
 * Who may use the reports: reporters and administrators read them — organization-scoped ones
 * too, limited to their subtrees; only administrators and the host's system jobs remind, reclaim,
 * reassign and reconcile, and an organization administrator all but reconcile (which reaches the
 * whole tenant) for claims of its own school; a user may do none of it. A refused call changes
 * nothing; one naming a claim of another school is refused as an unknown claim would be.
 */
public abstract class ReportsAuthorizationContract extends ReportsTestSupport {

  private UserId ana;
  private UserId ben;
  private ClaimId anasClaim;

  @BeforeEach
  void seed() {
    pool("obs", OBSERVATION, 5, schoolYear(), Optional.empty());
    ana = register("ana", DefaultCatalog.ADMINISTRATOR, NORTH);
    ben = UserId.of("ben");
    admin.users().register(NewUser.builder().id(ben).name("Ben").email("ben@example.org").addOrganizations(NORTH).build());
    anasClaim = liveClaim(ana, OBSERVATION).id();
  }

  enum Who { ADMINISTRATOR, SYSTEM, REPORTER, USER, ORG_ADMIN, ORG_ADMIN_OUT, ORG_REPORTER, ORG_REPORTER_OUT }

  private ActorSession session(Who who) {
    switch (who) {
      case ADMINISTRATOR:
        return admin;
      case SYSTEM:
        return tenant.as(Actor.system("nightly"));
      case REPORTER:
        return reporter();
      case ORG_ADMIN:
        return tenant.as(Actor.organizationAdministrator("north-admin", java.util.Set.of(NORTH)));
      case ORG_ADMIN_OUT:
        return tenant.as(Actor.organizationAdministrator("south-admin", java.util.Set.of(SOUTH)));
      case ORG_REPORTER:
        return tenant.as(Actor.organizationReporter("north-analyst", java.util.Set.of(NORTH)));
      case ORG_REPORTER_OUT:
        return tenant.as(Actor.organizationReporter("south-analyst", java.util.Set.of(SOUTH)));
      case USER:
      default:
        return asUser(ana);
    }
  }

  private static final LocalDate SEP_1 = LocalDate.of(2026, 9, 1);

  static Stream<Arguments> reads() {
    List<Consumer<Reports>> reads = List.of(
        r -> r.dashboard(),
        r -> r.claims(ClaimsQuery.firstPage()),
        r -> r.claims(ClaimsQuery.builder().training(EVALUATOR_CERTIFICATION, org.licensekit.core.api.TrainingCondition.Status.OVERDUE).build()),
        r -> r.unusedLicenses(UnusedLicensesQuery.builder().build()),
        r -> r.analytics(AnalyticsQuery.between(SEP_1, SEP_1.plusDays(7)).build()));
    List<String> names = List.of("dashboard", "claims", "claims by training", "unusedLicenses", "analytics");
    return Stream.of(Who.values()).flatMap(who -> java.util.stream.IntStream.range(0, reads.size())
        .mapToObj(i -> Arguments.of(who, names.get(i), reads.get(i), who != Who.USER)));
  }

  @ParameterizedTest(name = "{0} {1}: allowed={3}")
  @MethodSource("reads")
  void reportersAndAdministratorsReadReports(Who who, String name, Consumer<Reports> read, boolean allowed) {
    if (allowed) {
      assertThatCode(() -> read.accept(session(who).reports())).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(() -> read.accept(session(who).reports())).isInstanceOf(NotAuthorizedException.class);
    }
  }

  enum Action { REMIND, RECLAIM, REASSIGN, RECONCILE }

  static Stream<Arguments> actions() {
    return Stream.of(Who.values()).flatMap(who -> Stream.of(Action.values())
        .map(action -> Arguments.of(who, action, who == Who.ADMINISTRATOR || who == Who.SYSTEM
            || who == Who.ORG_ADMIN && action != Action.RECONCILE)));
  }

  @ParameterizedTest(name = "{0} {1}: allowed={2}")
  @MethodSource("actions")
  void onlyAdministratorsActOnLicenses(Who who, Action action, boolean allowed) {
    notifier.clear();
    Reports reports = session(who).reports();
    Runnable call = () -> {
      switch (action) {
        case REMIND:
          reports.remind(List.of(anasClaim));
          break;
        case RECLAIM:
          reports.reclaim(anasClaim, "unused");
          break;
        case REASSIGN:
          reports.reassign(anasClaim, ben, "unused");
          break;
        case RECONCILE:
        default:
          reports.reconcile(false);
      }
    };
    if (allowed) {
      assertThatCode(call::run).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(call::run).isInstanceOfAny(NotAuthorizedException.class,
          who == Who.ORG_ADMIN_OUT ? org.licensekit.core.NotFoundException.class : NotAuthorizedException.class);
      assertThat(statusOf(anasClaim)).isEqualTo(ClaimStatus.PENDING);
      assertThat(notifier.sent()).isEmpty();
    }
  }
}
