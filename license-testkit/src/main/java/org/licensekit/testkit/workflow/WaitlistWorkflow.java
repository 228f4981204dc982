package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.core.api.DefaultCatalog.OBSERVABLE;
import static org.licensekit.core.api.DefaultCatalog.PROCTOR;
import static org.licensekit.core.api.DefaultCatalog.TEACHER;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.api.WaitingUser;
import org.licensekit.core.api.report.DashboardOptions;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;

/**
 * Full pools: a user refused for lack of seats waits in the product's queue, in order; a freed seat
 * goes to the head of the queue in the same transaction (a user the seat cannot serve keeps their
 * place), with a notification and an event; administrators list, reorder and remove waiting users.
 */
public abstract class WaitlistWorkflow extends WorkflowSupport {

  private AssignmentResult assign(UserId user, ProductId product) {
    return admin.assignments().assignProduct(user, product, "needs it");
  }

  private List<UserId> queue(ProductId product) {
    return admin.waitlist().of(product).stream().map(WaitingUser::user).toList();
  }

  @Test
  void usersRefusedForLackOfSeatsWaitInOrderAndTheTroubleshooterTellsTheirPlace() {
    pool(OBSERVATION, 1);
    UserId ana = activeUserWithoutRoles("ana", NORTH);
    UserId ben = activeUserWithoutRoles("ben", NORTH);
    UserId cy = activeUserWithoutRoles("cy", NORTH);

    assertThat(assign(ana, OBSERVATION).assigned()).hasSize(1);
    AssignmentResult refusedBen = assign(ben, OBSERVATION);
    AssignmentResult refusedCy = assign(cy, OBSERVATION);

    assertThat(refusedBen.refused()).singleElement().satisfies(r -> {
      assertThat(r.code()).isEqualTo(AssignmentRefusal.NO_SEAT_AVAILABLE);
      assertThat(r.message()).contains("place 1");
    });
    assertThat(refusedCy.refused()).singleElement().satisfies(r -> assertThat(r.message()).contains("place 2"));
    assertThat(admin.waitlist().of(OBSERVATION)).extracting(WaitingUser::position, WaitingUser::user)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ben), org.assertj.core.groups.Tuple.tuple(2, cy));
    assertThat(admin.waitlist().ofUser(cy)).singleElement().satisfies(w -> {
      assertThat(w.position()).isEqualTo(2);
      assertThat(w.product()).isEqualTo(OBSERVATION);
      assertThat(w.entry().direct()).isTrue();
      assertThat(w.entry().queuedAt()).isEqualTo(START);
    });
    assertThat(audited(ChangeType.WAITLIST_JOINED)).hasSize(2);
    assertThat(events.published(ChangeType.WAITLIST_JOINED)).hasSize(2);

    AccessDecision cyObservation = admin.access().troubleshoot(cy).decisions().stream()
        .filter(d -> d.product().equals(OBSERVATION)).findFirst().orElseThrow();
    assertThat(cyObservation.reasonCodes()).contains(DenialReason.WAITING_FOR_SEAT).doesNotContain(DenialReason.NO_CLAIM);
    assertThat(cyObservation.reasons()).filteredOn(d -> d.reason() == DenialReason.WAITING_FOR_SEAT)
        .singleElement().satisfies(d -> assertThat(d.detail()).contains("place 2"));

    // asking again keeps the place
    assertThat(assign(ben, OBSERVATION).refused()).singleElement().satisfies(r -> assertThat(r.message()).contains("place 1"));
    assertThat(queue(OBSERVATION)).containsExactly(ben, cy);
  }

  @Test
  void aRevokedSeatGoesToTheHeadOfTheQueueInTheSameCommandWithANotificationAndAnEvent() {
    LicensePool pool = pool(OBSERVATION, 1);
    UserId ana = activeUserWithoutRoles("ana", NORTH);
    UserId ben = activeUserWithoutRoles("ben", NORTH);
    UserId cy = activeUserWithoutRoles("cy", NORTH);
    LicenseClaim anas = assign(ana, OBSERVATION).assigned().get(0);
    assign(ben, OBSERVATION);
    assign(cy, OBSERVATION);

    admin.claims().revoke(anas.id(), "left the team");

    LicenseClaim bens = theLiveClaim(ben, OBSERVATION);
    assertThat(bens.pool()).isEqualTo(pool.id());
    assertThat(bens.direct()).isTrue();
    assertThat(seatsInUse(pool)).isEqualTo(1);
    assertThat(queue(OBSERVATION)).containsExactly(cy);
    assertThat(notifier.sent(Notification.Kind.SEAT_ASSIGNED)).singleElement().satisfies(n -> {
      assertThat(n.user()).isEqualTo(ben);
      assertThat(n.attributes()).containsEntry("product", OBSERVATION.value()).containsEntry("claim", bens.id().value());
    });
    assertThat(events.published(ChangeType.WAITLIST_SEAT_ASSIGNED)).singleElement()
        .satisfies(e -> assertThat(e.user()).contains(ben));
    assertThat(liveClaim(cy, OBSERVATION)).isEmpty();
  }

  @Test
  void usersRefusedThroughARoleWaitAndAddedSeatsServeThemInOrder() {
    LicensePool pool = pool(OBSERVATION, 1);
    UserId first = activeUser("first", TEACHER, NORTH);
    UserId second = activeUser("second", TEACHER, NORTH);
    UserId third = activeUserWithoutRoles("third", NORTH);
    admin.assignments().assignRole(third, NORTH, OBSERVABLE);
    assertThat(liveClaim(first, OBSERVATION)).isPresent();
    assertThat(queue(OBSERVATION)).containsExactly(second, third);
    assertThat(admin.waitlist().ofUser(second)).singleElement().satisfies(w -> assertThat(w.entry().direct()).isFalse());

    admin.pools().changeSeats(pool.id(), 2, "bought one more");

    assertThat(liveClaim(second, OBSERVATION)).hasValueSatisfying(c -> assertThat(c.direct()).isFalse());
    assertThat(queue(OBSERVATION)).containsExactly(third);
    assertThat(admin.pools().find(pool.id()).orElseThrow().seatsInUse()).isEqualTo(2);

    pool(OBSERVATION, 5);
    assertThat(liveClaim(third, OBSERVATION)).isPresent();
    assertThat(queue(OBSERVATION)).isEmpty();
    assertThat(admin.reports().dashboard().waiting()).isEmpty();
  }

  @Test
  void aSeatTheHeadCannotUseGoesToTheNextWhoKeepsNoPlaceAheadOfThem() {
    pool(OBSERVATION, 1, schoolYear(), Optional.of(NORTH));
    UserId holder = activeUserWithoutRoles("holder", NORTH);
    UserId southerner = activeUserWithoutRoles("southerner", SOUTH);
    UserId northerner = activeUserWithoutRoles("northerner", NORTH);
    assign(holder, OBSERVATION);
    pool(OBSERVATION, 1, schoolYear(), Optional.of(SOUTH));
    assign(southerner, OBSERVATION);
    UserId south2 = activeUserWithoutRoles("south2", SOUTH);
    assign(south2, OBSERVATION);
    assign(northerner, OBSERVATION);
    assertThat(queue(OBSERVATION)).containsExactly(south2, northerner);

    // the freed north seat cannot serve the south user at the head: it goes to the next, who is in the north
    admin.assignments().revokeProduct(holder, OBSERVATION, "moved on");

    assertThat(liveClaim(northerner, OBSERVATION)).isPresent();
    assertThat(liveClaim(south2, OBSERVATION)).isEmpty();
    assertThat(admin.waitlist().of(OBSERVATION)).singleElement().satisfies(w -> {
      assertThat(w.user()).isEqualTo(south2);
      assertThat(w.position()).isEqualTo(1);
    });
  }

  @Test
  void aWaitingUserWithoutThePrerequisitesKeepsTheirPlaceUntilTheTrainingIsRecorded() {
    LicensePool pool = pool(PROCTORING, 1);
    UserId holder = activeUserWithoutRoles("holder", NORTH);
    admin.training().recordCompletion(holder, PROCTOR_TRAINING, START.minus(Duration.ofDays(1)));
    assign(holder, PROCTORING);
    UserId untrained = activeUserWithoutRoles("untrained", NORTH);
    UserId trained = activeUserWithoutRoles("trained", NORTH);
    admin.training().recordCompletion(trained, PROCTOR_TRAINING, START.minus(Duration.ofDays(1)));
    assign(untrained, PROCTORING);
    assign(trained, PROCTORING);
    assertThat(queue(PROCTORING)).containsExactly(untrained, trained);

    admin.pools().changeSeats(pool.id(), 3, "two more");

    assertThat(liveClaim(trained, PROCTORING)).isPresent();
    assertThat(liveClaim(untrained, PROCTORING)).isEmpty();
    assertThat(queue(PROCTORING)).containsExactly(untrained);
    assertThat(seatsInUse(pool)).isEqualTo(2);

    admin.training().recordCompletion(untrained, PROCTOR_TRAINING, START);

    assertThat(liveClaim(untrained, PROCTORING)).isPresent();
    assertThat(queue(PROCTORING)).isEmpty();
    assertThat(seatsInUse(pool)).isEqualTo(3);
  }

  @Test
  void aPoolWhoseTermStartsServesTheQueueOnTheSweepInOrderOnce() {
    pool(OBSERVATION, 1);
    UserId holder = activeUserWithoutRoles("holder", NORTH);
    UserId first = activeUserWithoutRoles("first", NORTH);
    UserId second = activeUserWithoutRoles("second", NORTH);
    UserId third = activeUserWithoutRoles("third", NORTH);
    assign(holder, OBSERVATION);
    assign(first, OBSERVATION);
    assign(second, OBSERVATION);
    assign(third, OBSERVATION);
    LicensePool spring = pool(OBSERVATION, 2, org.licensekit.core.domain.Term.of(START.plus(Duration.ofDays(1)),
        START.plus(Duration.ofDays(200))), Optional.empty());
    assertThat(queue(OBSERVATION)).as("a pool not yet in term serves no one").containsExactly(first, second, third);
    assertThat(admin.lifecycle().serveWaitlists().changed()).as("sweep before the term starts").isZero();

    clock.advance(Duration.ofDays(1));
    notifier.clear();
    org.licensekit.core.api.JobRun run = admin.lifecycle().serveWaitlists();

    assertThat(run.changed()).isEqualTo(2);
    assertThat(liveClaim(first, OBSERVATION)).hasValueSatisfying(c -> assertThat(c.pool()).isEqualTo(spring.id()));
    assertThat(liveClaim(second, OBSERVATION)).hasValueSatisfying(c -> assertThat(c.pool()).isEqualTo(spring.id()));
    assertThat(queue(OBSERVATION)).containsExactly(third);
    assertThat(notifier.sent(Notification.Kind.SEAT_ASSIGNED)).extracting(Notification::user).containsExactly(first, second);
    assertThat(events.published(ChangeType.WAITLIST_SEAT_ASSIGNED)).hasSize(2);
    assertThat(admin.lifecycle().serveWaitlists().changed()).as("a second sweep").isZero();
    assertThat(seatsInUse(spring)).isEqualTo(2);
  }

  @Test
  void aNewcomerAfterATermStartedDoesNotTakeASeatAheadOfTheWaitingUsers() {
    pool(OBSERVATION, 1);
    UserId holder = activeUserWithoutRoles("holder", NORTH);
    UserId waiting = activeUserWithoutRoles("waiting", NORTH);
    UserId newcomer = activeUserWithoutRoles("newcomer", NORTH);
    assign(holder, OBSERVATION);
    assign(waiting, OBSERVATION);
    LicensePool spring = pool(OBSERVATION, 1, org.licensekit.core.domain.Term.of(START.plus(Duration.ofDays(1)),
        START.plus(Duration.ofDays(200))), Optional.empty());
    clock.advance(Duration.ofDays(2));

    AssignmentResult result = assign(newcomer, OBSERVATION);

    assertThat(result.assigned()).isEmpty();
    assertThat(result.refused()).singleElement().extracting(AssignmentRefusal::code).isEqualTo(AssignmentRefusal.NO_SEAT_AVAILABLE);
    assertThat(liveClaim(waiting, OBSERVATION)).hasValueSatisfying(c -> assertThat(c.pool()).isEqualTo(spring.id()));
    assertThat(queue(OBSERVATION)).containsExactly(newcomer);
  }

  @Test
  void aWaitingUserWhoJoinsAnOrganizationInsideAFreePoolsScopeIsServedInTheSameCommand() {
    pool(OBSERVATION, 1, schoolYear(), Optional.of(NORTH));
    LicensePool south = pool(OBSERVATION, 1, schoolYear(), Optional.of(SOUTH));
    UserId holder = activeUserWithoutRoles("holder", NORTH);
    UserId mover = activeUserWithoutRoles("mover", NORTH);
    assign(holder, OBSERVATION);
    assign(mover, OBSERVATION);
    assertThat(queue(OBSERVATION)).as("the south seat is free but out of the mover's reach").containsExactly(mover);
    notifier.clear();

    admin.assignments().addToOrganization(mover, SOUTH, Set.of());

    assertThat(liveClaim(mover, OBSERVATION)).hasValueSatisfying(c -> assertThat(c.pool()).isEqualTo(south.id()));
    assertThat(queue(OBSERVATION)).isEmpty();
    assertThat(notifier.sent(Notification.Kind.SEAT_ASSIGNED)).extracting(Notification::user).containsExactly(mover);
  }

  @Test
  void aCompletionDatedLaterServesTheWaitingUserOnTheFirstSweepAfterIt() {
    LicensePool pool = pool(PROCTORING, 1);
    UserId holder = activeUserWithoutRoles("holder", NORTH);
    UserId learner = activeUserWithoutRoles("learner", NORTH);
    assign(holder, PROCTORING);
    assign(learner, PROCTORING);
    admin.pools().changeSeats(pool.id(), 2, "one more");
    assertThat(queue(PROCTORING)).as("untrained, the learner keeps their place").containsExactly(learner);

    admin.training().recordCompletion(learner, PROCTOR_TRAINING, START.plus(Duration.ofDays(3)));
    assertThat(queue(PROCTORING)).as("the completion counts only from its date").containsExactly(learner);
    clock.advance(Duration.ofDays(2));
    assertThat(admin.lifecycle().serveWaitlists().changed()).isZero();
    clock.advance(Duration.ofDays(1));

    assertThat(admin.lifecycle().serveWaitlists().changed()).isEqualTo(1);
    assertThat(liveClaim(learner, PROCTORING)).isPresent();
    assertThat(queue(PROCTORING)).isEmpty();
  }

  @Test
  void archivingAWaitingUserTakesThemOutAndAnOffboardedHoldersSeatGoesToTheQueue() {
    pool(OBSERVATION, 1);
    UserId holder = activeUserWithoutRoles("holder", NORTH);
    UserId leaver = activeUserWithoutRoles("leaver", NORTH);
    UserId next = activeUserWithoutRoles("next", NORTH);
    assign(holder, OBSERVATION);
    assign(leaver, OBSERVATION);
    assign(next, OBSERVATION);

    admin.users().archive(leaver, "left the district");
    assertThat(queue(OBSERVATION)).containsExactly(next);
    assertThat(audited(ChangeType.WAITLIST_LEFT)).singleElement().satisfies(e -> assertThat(e.user()).contains(leaver));

    admin.lifecycle().offboard(holder, "contract ended");
    assertThat(liveClaim(next, OBSERVATION)).isPresent();
    assertThat(queue(OBSERVATION)).isEmpty();
  }

  @Test
  void aUserWhoseRoleWasTakenAwayLeavesTheQueueWhenTheirTurnComes() {
    LicensePool pool = pool(OBSERVATION, 1);
    activeUser("holder", TEACHER, NORTH);
    UserId waiting = activeUser("waiting", TEACHER, NORTH);
    UserId after = activeUser("after", TEACHER, NORTH);
    assertThat(queue(OBSERVATION)).containsExactly(waiting, after);
    admin.assignments().revokeRole(waiting, NORTH, OBSERVABLE, "changed jobs");

    admin.pools().changeSeats(pool.id(), 2, "one more");

    assertThat(liveClaim(waiting, OBSERVATION)).isEmpty();
    assertThat(liveClaim(after, OBSERVATION)).isPresent();
    assertThat(queue(OBSERVATION)).isEmpty();
    assertThat(audited(ChangeType.WAITLIST_LEFT)).singleElement().satisfies(e -> assertThat(e.user()).contains(waiting));
  }

  @Test
  void administratorsReorderAndRemoveWaitingUsersAudited() {
    LicensePool pool = pool(OBSERVATION, 1);
    UserId holder = activeUserWithoutRoles("holder", NORTH);
    assign(holder, OBSERVATION);
    UserId a = activeUserWithoutRoles("a", NORTH);
    UserId b = activeUserWithoutRoles("b", NORTH);
    UserId c = activeUserWithoutRoles("c", NORTH);
    List.of(a, b, c).forEach(u -> assign(u, OBSERVATION));

    assertThat(admin.waitlist().move(OBSERVATION, c, 1, "principal's priority")).extracting(WaitingUser::user).containsExactly(c, a, b);
    assertThat(admin.waitlist().move(OBSERVATION, c, 3, "changed mind")).extracting(WaitingUser::user).containsExactly(a, b, c);
    assertThat(admin.waitlist().remove(OBSERVATION, a, "no longer needs it")).extracting(WaitingUser::user).containsExactly(b, c);
    assertThat(audited(ChangeType.WAITLIST_REORDERED)).hasSize(2).first()
        .satisfies(e -> assertThat(e.reason()).contains("principal's priority"));
    assertThat(events.published(ChangeType.WAITLIST_REORDERED)).first()
        .satisfies(e -> assertThat(e.attributes()).containsEntry("position", "1").containsEntry("previousPosition", "3"));
    assertThat(audited(ChangeType.WAITLIST_LEFT)).singleElement().satisfies(e -> assertThat(e.user()).contains(a));

    // a newcomer queues behind the reordered queue
    UserId d = activeUserWithoutRoles("d", NORTH);
    assign(d, OBSERVATION);
    admin.waitlist().move(OBSERVATION, c, 1, "urgent");
    assertThat(queue(OBSERVATION)).containsExactly(c, b, d);

    admin.claims().revoke(theLiveClaim(holder, OBSERVATION).id(), "done");
    assertThat(liveClaim(c, OBSERVATION)).isPresent();
    assertThat(queue(OBSERVATION)).containsExactly(b, d);
    assertThat(seatsInUse(pool)).isEqualTo(1);
  }

  @Test
  void badWaitlistChangesAreRefusedByFieldAndChangeNothing() {
    pool(OBSERVATION, 1);
    assign(activeUserWithoutRoles("holder", NORTH), OBSERVATION);
    UserId a = activeUserWithoutRoles("a", NORTH);
    UserId b = activeUserWithoutRoles("b", NORTH);
    UserId outsider = activeUserWithoutRoles("outsider", NORTH);
    assign(a, OBSERVATION);
    assign(b, OBSERVATION);

    assertInvalid(() -> admin.waitlist().move(OBSERVATION, b, 0, "up"), "position");
    assertInvalid(() -> admin.waitlist().move(OBSERVATION, b, 3, "up"), "position");
    assertInvalid(() -> admin.waitlist().move(OBSERVATION, b, 1, " "), "reason");
    assertInvalid(() -> admin.waitlist().remove(OBSERVATION, b, ""), "reason");
    assertConflict(() -> admin.waitlist().move(OBSERVATION, outsider, 1, "up"), "NOT_WAITING");
    assertConflict(() -> admin.waitlist().remove(OBSERVATION, outsider, "gone"), "NOT_WAITING");
    assertThatThrownBy(() -> admin.waitlist().of(ProductId.of("no-such-product")))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.getMessage()).contains("productId"));

    assertThat(queue(OBSERVATION)).containsExactly(a, b);
    assertThat(audited(ChangeType.WAITLIST_REORDERED)).isEmpty();
    assertThat(audited(ChangeType.WAITLIST_LEFT)).isEmpty();
  }

  @Test
  void aBulkRunQueuesTheUsersItRefusedForLackOfSeatsAndTheDashboardCountsThem() {
    pool(PROCTORING, 1);
    UserId p1 = activeUserWithoutRoles("p1", NORTH);
    UserId p2 = activeUserWithoutRoles("p2", NORTH);
    UserId p3 = activeUserWithoutRoles("p3", SOUTH);

    BulkResult result = admin.bulk().run(BulkRequest.where(UserFilter.all())
        .action(BulkAction.grantRoles(NORTH, Set.of(PROCTOR))).reason("proctors").build());

    assertThat(result.outcomes()).filteredOn(o -> o.kind() == UserOutcome.Kind.REFUSED).hasSize(2)
        .allSatisfy(o -> {
          assertThat(o.code()).contains(AssignmentRefusal.NO_SEAT_AVAILABLE);
          assertThat(o.detail()).contains("waiting for " + PROCTORING.value() + " at place");
        });
    assertThat(admin.waitlist().of(PROCTORING)).hasSize(2).allSatisfy(w -> assertThat(w.entry().direct()).isTrue());
    assertThat(admin.waitlist().counts()).containsEntry(PROCTORING, 2);
    assertThat(admin.reports().dashboard().waiting(PROCTORING)).isEqualTo(2);
    assertThat(liveClaim(p1, PROCTORING)).isPresent();
    assertThat(queue(PROCTORING)).containsExactly(p2, p3);
    assertThat(admin.reports().dashboard(DashboardOptions.builder().organization(SOUTH).build()).waiting(PROCTORING)).isEqualTo(1);
  }

  @Test
  void aSetBasedBulkGrantQueuesTheUsersItRefusedForLackOfSeatsInOrder() {
    pool(OBSERVATION, 2);
    List<UserId> users = List.of(activeUserWithoutRoles("g1", NORTH), activeUserWithoutRoles("g2", NORTH),
        activeUserWithoutRoles("g3", NORTH), activeUserWithoutRoles("g4", NORTH));

    BulkResult result = admin.bulk().run(BulkRequest.where(UserFilter.all())
        .action(BulkAction.grantRoles(NORTH, Set.of(org.licensekit.core.api.DefaultCatalog.OBSERVER))).reason("observers").build());

    assertThat(result.outcomes()).filteredOn(o -> o.kind() == UserOutcome.Kind.REFUSED).hasSize(2)
        .allSatisfy(o -> assertThat(o.detail()).contains("waiting for " + OBSERVATION.value() + " at place"));
    assertThat(queue(OBSERVATION)).containsExactly(users.get(2), users.get(3));
    assertThat(admin.waitlist().of(OBSERVATION)).allSatisfy(w -> assertThat(w.entry().direct()).isTrue());

    admin.assignments().revokeProduct(users.get(0), OBSERVATION, "left");
    assertThat(liveClaim(users.get(2), OBSERVATION)).isPresent();
    assertThat(queue(OBSERVATION)).containsExactly(users.get(3));
  }

  @Test
  void aSetBasedBulkGrantAfterATermStartedServesTheWaitingUsersBeforeItsOwn() {
    pool(OBSERVATION, 1);
    UserId holder = activeUserWithoutRoles("holder", NORTH);
    UserId waiting = activeUserWithoutRoles("waiting", NORTH);
    assign(holder, OBSERVATION);
    assign(waiting, OBSERVATION);
    pool(OBSERVATION, 1, org.licensekit.core.domain.Term.of(START.plus(Duration.ofDays(1)), START.plus(Duration.ofDays(200))),
        Optional.empty());
    clock.advance(Duration.ofDays(2));
    UserId newcomer = activeUserWithoutRoles("newcomer", SOUTH);

    admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(SOUTH).build())
        .action(BulkAction.grantRoles(SOUTH, Set.of(org.licensekit.core.api.DefaultCatalog.OBSERVER))).reason("observers").build());

    assertThat(liveClaim(waiting, OBSERVATION)).as("the waiting user first").isPresent();
    assertThat(liveClaim(newcomer, OBSERVATION)).isEmpty();
    assertThat(queue(OBSERVATION)).containsExactly(newcomer);
  }

  @Test
  void aReassignmentHandsTheSeatToTheNamedUserNotToTheQueue() {
    pool(OBSERVATION, 1);
    UserId holder = activeUserWithoutRoles("holder", NORTH);
    UserId waiting = activeUserWithoutRoles("waiting", NORTH);
    UserId named = activeUserWithoutRoles("named", NORTH);
    LicenseClaim held = assign(holder, OBSERVATION).assigned().get(0);
    assign(waiting, OBSERVATION);

    admin.reports().reassign(held.id(), named, "named by the principal");

    assertThat(liveClaim(named, OBSERVATION)).isPresent();
    assertThat(queue(OBSERVATION)).containsExactly(waiting);
  }
}
