package org.licensekit.testkit.rules;

import static org.licensekit.testkit.LicensingTestSupport.ANALYTICS;
import static org.licensekit.testkit.LicensingTestSupport.COACHING;
import static org.licensekit.testkit.LicensingTestSupport.EVALUATION;
import static org.licensekit.testkit.LicensingTestSupport.EVALUATOR_CERTIFICATION;
import static org.licensekit.testkit.LicensingTestSupport.NORTH;
import static org.licensekit.testkit.LicensingTestSupport.OBSERVATION;
import static org.licensekit.testkit.LicensingTestSupport.PROCTOR_TRAINING;
import static org.licensekit.testkit.LicensingTestSupport.START;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.ActorSession;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.ExpirationAlerts;
import org.licensekit.core.api.FollowUp;
import org.licensekit.core.api.Lifecycle;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.JobProfile;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;

/**
 * One call of every method reached from {@link ActorSession}, named {@code <area>.<method>} after
 * the session method and the API method ({@code <area>.<method>/<parameter count>} for overloads),
 * each with arguments that succeed when the actor is allowed.
 */
final class AuthorizationCalls {

  /** The records the calls name, set up before each call. */
  record World(UserId ana, UserId invited, UserId suspended, UserId archived, UserId other, PoolId pool, PoolId nextPool,
      ClaimId claim) {}

  /** Which user a call concerns: the user a self-acting actor is. */
  enum Subject { ANA, INVITED, SUSPENDED, ARCHIVED }

  /** A call and the user it concerns. */
  record Call(Subject subject, Action action) {
    UserId subjectIn(World world) {
      return switch (subject) {
        case ANA -> world.ana();
        case INVITED -> world.invited();
        case SUSPENDED -> world.suspended();
        case ARCHIVED -> world.archived();
      };
    }
  }

  @FunctionalInterface
  interface Action {
    void run(ActorSession session, World world);
  }

  private static final Instant EARNED = START.minus(Duration.ofDays(1));
  private static final Term NEXT_YEAR = Term.of(START, START.plus(Duration.ofDays(730)));

  private AuthorizationCalls() {}

  static Map<String, Call> all() {
    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("catalog.defineProduct", ana((s, w) -> s.catalog().defineProduct(
        Product.builder().id(ProductId.of("new-product")).name("New").type(ProductType.LEARNING_CONTENT).build())));
    calls.put("catalog.defineRole", ana((s, w) -> s.catalog().defineRole(
        Role.builder().id(RoleId.of("COACH")).name("Coach").addGrants(OBSERVATION).build())));
    calls.put("catalog.defineJobProfile", ana((s, w) -> s.catalog().defineJobProfile(
        JobProfile.of(JobProfileId.of("COACH"), "Coaches", Set.of(DefaultCatalog.OBSERVER)))));
    calls.put("catalog.installDefaults", ana((s, w) -> s.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVER, Set.of(OBSERVATION)))));
    calls.put("catalog.product", ana((s, w) -> s.catalog().product(OBSERVATION)));
    calls.put("catalog.products", ana((s, w) -> s.catalog().products()));
    calls.put("catalog.roles", ana((s, w) -> s.catalog().roles()));
    calls.put("catalog.jobProfiles", ana((s, w) -> s.catalog().jobProfiles()));
    calls.put("users.defineOrganization", ana((s, w) -> s.users().defineOrganization(Organization.child(OrganizationId.of("east"), "East Wing", NORTH))));
    calls.put("users.organizations", ana((s, w) -> s.users().organizations()));
    calls.put("users.register", ana((s, w) -> s.users().register(
        NewUser.builder().id(UserId.of("carl")).name("Carl").email("carl@example.org").addOrganizations(NORTH).build())));
    calls.put("users.update", ana((s, w) -> s.users().update(UserUpdate.builder().id(w.ana()).name("Ana Maria").build())));
    calls.put("users.activate", new Call(Subject.INVITED, (s, w) -> s.users().activate(w.invited())));
    calls.put("users.suspend", ana((s, w) -> s.users().suspend(w.ana(), "leave")));
    calls.put("users.reactivate", new Call(Subject.SUSPENDED, (s, w) -> s.users().reactivate(w.suspended())));
    calls.put("users.archive", ana((s, w) -> s.users().archive(w.ana(), "left")));
    calls.put("privacy.erase", new Call(Subject.ARCHIVED, (s, w) -> s.privacy().erase(w.archived(), "erasure request 17")));
    calls.put("users.find", ana((s, w) -> s.users().find(w.ana())));
    calls.put("users.list/0", ana((s, w) -> s.users().list()));
    calls.put("users.list/2", ana((s, w) -> s.users().list(org.licensekit.core.api.UserFilter.all(),
        org.licensekit.core.api.report.PageRequest.first(10))));
    calls.put("users.profile", ana((s, w) -> s.users().profile(w.ana())));
    calls.put("pools.add", ana((s, w) -> s.pools().add(
        NewPool.builder().id(PoolId.of("new-pool")).product(OBSERVATION).seats(3).term(NEXT_YEAR).scope(NORTH).build())));
    calls.put("pools.extendTerm", ana((s, w) -> s.pools().extendTerm(w.pool(), START.plus(Duration.ofDays(900)), "extension")));
    calls.put("pools.renew", ana((s, w) -> s.pools().renew(w.pool(), NEXT_YEAR, Optional.empty(), "renewal")));
    calls.put("pools.changeSeats", ana((s, w) -> s.pools().changeSeats(w.pool(), 7, "more teachers")));
    calls.put("pools.find", ana((s, w) -> s.pools().find(w.pool())));
    calls.put("pools.list", ana((s, w) -> s.pools().list()));
    calls.put("assignments.addToOrganization", ana((s, w) -> s.assignments().addToOrganization(w.ana(), AuthorizationMatrixSuite.NORTH_ANNEX, Set.of(DefaultCatalog.OBSERVER))));
    calls.put("assignments.removeFromOrganization", ana((s, w) -> s.assignments().removeFromOrganization(w.ana(), NORTH, "moved")));
    calls.put("assignments.assignRole", ana((s, w) -> s.assignments().assignRole(w.ana(), NORTH, DefaultCatalog.EVALUATOR)));
    calls.put("assignments.revokeRole", ana((s, w) -> s.assignments().revokeRole(w.ana(), NORTH, DefaultCatalog.OBSERVABLE, "changed job")));
    calls.put("assignments.assignProduct", ana((s, w) -> s.assignments().assignProduct(w.ana(), EVALUATION, "pilot")));
    calls.put("assignments.revokeProduct", ana((s, w) -> s.assignments().revokeProduct(w.ana(), OBSERVATION, "not needed")));
    calls.put("claims.claim", ana((s, w) -> s.claims().claim(w.ana(), OBSERVATION)));
    calls.put("claims.revoke", ana((s, w) -> s.claims().revoke(w.claim(), "not needed")));
    calls.put("claims.find", ana((s, w) -> s.claims().find(w.claim())));
    calls.put("claims.ofUser", ana((s, w) -> s.claims().ofUser(w.ana())));
    calls.put("training.recordCompletion", ana((s, w) -> s.training().recordCompletion(w.ana(), PROCTOR_TRAINING, EARNED)));
    calls.put("training.recordCertification", ana((s, w) -> s.training().recordCertification(
        w.ana(), EVALUATOR_CERTIFICATION, EARNED, START.plus(Duration.ofDays(365)))));
    calls.put("training.of", ana((s, w) -> s.training().of(w.ana())));
    calls.put("training.assign", ana((s, w) -> s.training().assign(w.ana(), PROCTOR_TRAINING, START.plus(Duration.ofDays(14)))));
    calls.put("training.assignments", ana((s, w) -> s.training().assignments(w.ana())));
    calls.put("waitlist.of", ana((s, w) -> s.waitlist().of(ANALYTICS)));
    calls.put("waitlist.ofUser", ana((s, w) -> s.waitlist().ofUser(w.ana())));
    calls.put("waitlist.counts", ana((s, w) -> s.waitlist().counts()));
    calls.put("waitlist.move", ana((s, w) -> s.waitlist().move(ANALYTICS, w.ana(), 1, "first in line")));
    calls.put("waitlist.remove", ana((s, w) -> s.waitlist().remove(ANALYTICS, w.ana(), "no longer needed")));
    calls.put("access.check", ana((s, w) -> s.access().check(w.ana(), OBSERVATION)));
    calls.put("access.explain", ana((s, w) -> s.access().explain(w.ana())));
    calls.put("access.troubleshoot", ana((s, w) -> s.access().troubleshoot(w.ana())));
    calls.put("audit.query", ana((s, w) -> s.audit().query(AuditQuery.builder().user(w.ana()).build())));
    calls.put("audit.page", ana((s, w) -> s.audit().page(AuditQuery.builder().user(w.ana()).build())));
    calls.put("audit.count", ana((s, w) -> s.audit().count(AuditQuery.builder().user(w.ana()).build())));
    calls.put("audit.verify", ana((s, w) -> s.audit().verify()));
    calls.put("settings.get", ana((s, w) -> s.settings().get()));
    calls.put("settings.update", ana((s, w) -> s.settings().update(TenantSettings.builder().claimOnFirstAccess(true).build())));
    putBulkAndLifecycle(calls);
    return calls;
  }

  private static void putBulkAndLifecycle(Map<String, Call> calls) {
    calls.put("bulk.count", ana((s, w) -> s.bulk().count(UserFilter.builder()
        .training(PROCTOR_TRAINING, org.licensekit.core.api.TrainingCondition.Status.NOT_COMPLETED).build())));
    calls.put("bulk.select", ana((s, w) -> s.bulk().select(UserFilter.all(), Optional.empty(), 10)));
    calls.put("bulk.run/1", ana((s, w) -> s.bulk().run(revokeCoaching())));
    calls.put("bulk.run/2", ana((s, w) -> s.bulk().run(revokeCoaching(), BulkListener.none())));
    calls.put("bulk.preview/1", ana((s, w) -> s.bulk().preview(revokeCoaching())));
    calls.put("bulk.preview/2", ana((s, w) -> s.bulk().preview(revokeCoaching(), BulkListener.none())));
    calls.put("lifecycle.followUp", ana((s, w) -> s.lifecycle().followUp(FollowUp.defaults())));
    calls.put("lifecycle.expireDue", ana((s, w) -> s.lifecycle().expireDue()));
    calls.put("lifecycle.serveWaitlists", ana((s, w) -> s.lifecycle().serveWaitlists()));
    calls.put("lifecycle.alertExpirations", ana((s, w) -> s.lifecycle().alertExpirations(ExpirationAlerts.defaults(List.of()))));
    calls.put("lifecycle.sendMonthlyReview", ana((s, w) -> s.lifecycle().sendMonthlyReview(org.licensekit.core.api.MonthlyReview.to(
        List.of(new org.licensekit.core.api.AlertContact(w.ana(), "Ana", "ana@example.org"))))));
    calls.put("lifecycle.rollOver", ana((s, w) -> s.lifecycle().rollOver(w.pool(), w.nextPool(), "renewed by a new purchase")));
    calls.put("lifecycle.offboard", ana((s, w) -> s.lifecycle().offboard(w.ana(), "left the district")));
    calls.put("lifecycle.archiveEndedTemporaryStaff", ana((s, w) -> s.lifecycle().archiveEndedTemporaryStaff("season end")));
    calls.put("lifecycle.transferSeat", ana((s, w) -> s.lifecycle().transferSeat(
        w.ana(), w.other(), EVALUATION, Lifecycle.Expiry.KEEP, "changed roles")));
    calls.put("lifecycle.reassign", ana((s, w) -> s.lifecycle().reassign(EVALUATION, List.of(w.other()), "waiting list")));
  }

  private static BulkRequest revokeCoaching() {
    return BulkRequest.where(UserFilter.all()).action(BulkAction.revokeProduct(COACHING)).reason("season end").build();
  }

  private static Call ana(Action action) {
    return new Call(Subject.ANA, action);
  }
}
