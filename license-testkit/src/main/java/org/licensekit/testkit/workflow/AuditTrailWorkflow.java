package org.licensekit.testkit.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.licensekit.core.api.DefaultCatalog.OBSERVER;
import static org.licensekit.core.api.DefaultCatalog.TEACHER;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import com.google.common.collect.Lists;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.AuditVerification;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * Best practice "Keep detailed records of license assignments and changes": every command leaves
 * audit entries saying who did what, when, to which record, why, and the record before and after;
 * the trail is queryable (newest first in keyset pages, counted), belongs to its tenant alone, and
 * its hash chain verifies.
 */
public abstract class AuditTrailWorkflow extends WorkflowSupport {

  @Test
  void everyStepOfAUsersLifeIsRecordedWithActorAndTime() {
    pool(OBSERVATION, 5);
    UserId teacher = register("teacher", TEACHER, NORTH);
    clock.advance(Duration.ofDays(1));
    admin.users().activate(teacher);
    clock.advance(Duration.ofDays(1));
    claimed(teacher, OBSERVATION);
    clock.advance(Duration.ofDays(1));
    admin.users().suspend(teacher, "leave of absence");

    List<AuditEntry> trail = admin.audit().query(AuditQuery.builder().user(teacher).build());

    assertThat(trail).extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::at).containsExactly(
        tuple(ChangeType.USER_REGISTERED, admin.actor(), START),
        tuple(ChangeType.MEMBERSHIP_ADDED, admin.actor(), START),
        tuple(ChangeType.CLAIM_ASSIGNED, admin.actor(), START),
        tuple(ChangeType.USER_INVITED, admin.actor(), START),
        tuple(ChangeType.USER_ACTIVATED, admin.actor(), START.plus(Duration.ofDays(1))),
        tuple(ChangeType.CLAIM_ACTIVATED, Actor.user(teacher), START.plus(Duration.ofDays(2))),
        tuple(ChangeType.USER_SUSPENDED, admin.actor(), START.plus(Duration.ofDays(3))));
    assertThat(trail).extracting(AuditEntry::id).doesNotHaveDuplicates();
  }

  @Test
  void aChangeRecordsTheRecordBeforeAndAfterAndTheReason() {
    UserId teacher = activeUser("teacher", TEACHER, NORTH);

    admin.users().suspend(teacher, "leave of absence");

    assertThat(audited(ChangeType.USER_SUSPENDED)).singleElement().satisfies(entry -> {
      assertThat(entry.subjectType()).isEqualTo("user");
      assertThat(entry.subjectId()).isEqualTo(teacher.value());
      assertThat(entry.before()).hasValueSatisfying(before -> assertThat(before).contains("ACTIVE").doesNotContain("SUSPENDED"));
      assertThat(entry.after()).hasValueSatisfying(after -> assertThat(after).contains("SUSPENDED"));
      assertThat(entry.reason()).contains("leave of absence");
    });
  }

  @Test
  void aCreationHasNoBeforeButAnAfter() {
    LicensePool observation = pool(OBSERVATION, 5);

    assertThat(audited(ChangeType.POOL_ADDED)).singleElement().satisfies(entry -> {
      assertThat(entry.subjectId()).isEqualTo(observation.id().value());
      assertThat(entry.before()).isEmpty();
      assertThat(entry.after()).hasValueSatisfying(after -> assertThat(after).contains(observation.id().value()));
    });
  }

  @Test
  void theTrailIsQueriedByUser() {
    pool(OBSERVATION, 5);
    UserId ana = activeUser("ana", TEACHER, NORTH);
    UserId ben = activeUser("ben", TEACHER, SOUTH);

    List<AuditEntry> anas = admin.audit().query(AuditQuery.builder().user(ana).build());

    assertThat(anas).isNotEmpty().allSatisfy(entry -> assertThat(entry.user()).contains(ana));
    assertThat(admin.audit().query(AuditQuery.builder().user(ben).build())).isNotEmpty()
        .extracting(AuditEntry::id).doesNotContainAnyElementsOf(anas.stream().map(AuditEntry::id).toList());
  }

  @Test
  void theTrailIsQueriedBySubject() {
    pool(OBSERVATION, 5);
    UserId teacher = activeUser("teacher", TEACHER, NORTH);
    LicenseClaim claim = claimed(teacher, OBSERVATION);
    admin.claims().revoke(claim.id(), "duplicate");

    assertThat(admin.audit().query(AuditQuery.builder().subjectId(claim.id().value()).build()))
        .extracting(AuditEntry::action)
        .containsExactly(ChangeType.CLAIM_ASSIGNED, ChangeType.CLAIM_ACTIVATED, ChangeType.CLAIM_REVOKED);
  }

  @Test
  void theTrailIsQueriedByAction() {
    pool(OBSERVATION, 5);
    UserId coach = activeUserWithoutRoles("coach", NORTH);
    admin.assignments().assignRole(coach, NORTH, OBSERVER);
    admin.assignments().revokeRole(coach, NORTH, OBSERVER, "season over");

    List<AuditEntry> roleChanges = admin.audit().query(
        AuditQuery.builder().addActions(ChangeType.ROLE_GRANTED, ChangeType.ROLE_REVOKED).build());

    assertThat(roleChanges).extracting(AuditEntry::action, AuditEntry::reason).containsExactly(
        tuple(ChangeType.ROLE_GRANTED, Optional.empty()),
        tuple(ChangeType.ROLE_REVOKED, Optional.of("season over")));
  }

  @Test
  void theTrailIsQueriedByTimeRangeFromInclusiveToExclusive() {
    pool(OBSERVATION, 5);
    Instant monday = START.plus(Duration.ofDays(6));
    clock.set(monday);
    UserId monday1 = activeUserWithoutRoles("monday-hire", NORTH);
    clock.set(monday.plus(Duration.ofDays(1)));
    activeUserWithoutRoles("tuesday-hire", NORTH);

    List<AuditEntry> mondayOnly = admin.audit().query(
        AuditQuery.builder().from(monday).to(monday.plus(Duration.ofDays(1))).build());

    assertThat(mondayOnly).isNotEmpty()
        .allSatisfy(entry -> assertThat(entry.at()).isEqualTo(monday))
        .allSatisfy(entry -> assertThat(entry.user()).contains(monday1));
  }

  @Test
  void theTrailIsLimitedToTheOldestEntriesAsked() {
    pool(OBSERVATION, 5);
    activeUser("teacher", TEACHER, NORTH);
    List<AuditEntry> all = admin.audit().query(AuditQuery.all());

    List<AuditEntry> firstThree = admin.audit().query(AuditQuery.builder().limit(3).build());

    assertThat(all).hasSizeGreaterThan(3);
    assertThat(firstThree).containsExactlyElementsOf(all.subList(0, 3));
  }

  @Test
  void aRefusedCommandLeavesNoEntry() {
    LicensePool observation = pool(OBSERVATION, 2);
    activeUser("ana", TEACHER, NORTH);
    activeUser("ben", TEACHER, NORTH);
    List<AuditEntry> before = admin.audit().query(AuditQuery.all());

    assertConflict(() -> admin.pools().changeSeats(observation.id(), 1, "budget cut"), "SEATS_BELOW_LIVE_CLAIMS");

    assertThat(admin.audit().query(AuditQuery.all())).isEqualTo(before);
  }

  @Test
  void anotherTenantOnTheSameStoreSeesNoneOfTheTrail() {
    pool(OBSERVATION, 5);
    activeUser("teacher", TEACHER, NORTH);
    ActorSession otherAdmin = licensing.tenant(TenantId.of("other-" + UUID.randomUUID()))
        .as(Actor.systemAdministrator("admin-1"));

    assertThat(otherAdmin.audit().query(AuditQuery.all())).isEmpty();
    assertThat(otherAdmin.audit().query(AuditQuery.builder().user(UserId.of("teacher")).build())).isEmpty();

    otherAdmin.users().defineOrganization(Organization.root(NORTH, "Another North"));
    assertThat(otherAdmin.audit().query(AuditQuery.all())).singleElement()
        .satisfies(entry -> assertThat(entry.action()).isEqualTo(ChangeType.ORGANIZATION_DEFINED));
    assertThat(audited(ChangeType.ORGANIZATION_DEFINED)).extracting(AuditEntry::after)
        .noneSatisfy(after -> assertThat(after).hasValueSatisfying(a -> assertThat(a).contains("Another North")));
  }

  @Test
  void aReporterMayReadTheTrail() {
    pool(OBSERVATION, 5);

    List<AuditEntry> asReporter = tenant.as(Actor.reporter("analyst")).audit().query(AuditQuery.all());

    assertThat(asReporter).isEqualTo(admin.audit().query(AuditQuery.all()));
  }

  @Test
  void pagesWalkTheWholeTrailNewestFirstAndCountIt() {
    pool(OBSERVATION, 5);
    UserId ana = activeUser("ana", TEACHER, NORTH);
    activeUser("ben", TEACHER, NORTH);
    admin.users().suspend(ana, "leave of absence");
    List<AuditEntry> oldestFirst = admin.audit().query(AuditQuery.all());

    List<AuditEntry> walked = new ArrayList<>();
    AuditQuery query = AuditQuery.builder().limit(3).build();
    Page<AuditEntry> page = admin.audit().page(query);
    walked.addAll(page.items());
    while (page.hasNext()) {
      assertThat(page.items()).hasSize(3);
      page = admin.audit().page(query.after(page.nextCursor().orElseThrow()));
      walked.addAll(page.items());
    }

    assertThat(walked).containsExactlyElementsOf(Lists.reverse(oldestFirst));
    assertThat(admin.audit().count(query)).isEqualTo(oldestFirst.size());
    AuditQuery anas = AuditQuery.builder().user(ana).limit(2).build();
    assertThat(admin.audit().count(anas)).isEqualTo(oldestFirst.stream().filter(e -> e.user().equals(Optional.of(ana))).count());
    assertThat(admin.audit().page(anas).items()).extracting(AuditEntry::action)
        .startsWith(ChangeType.USER_SUSPENDED).allSatisfy(a -> assertThat(a).isNotNull());
  }

  /**
   * Instances whose clocks disagree append entries with the same or an earlier timestamp than the
   * entry before them: the trail reads in chain order (the order the entries were appended), oldest
   * first from {@code query}, newest first from {@code page}, never in timestamp order.
   */
  @Test
  void theTrailFollowsTheChainWhenTimestampsRepeatOrGoBack() {
    UserId ana = register("ana", TEACHER, NORTH);
    clock.set(START.minus(Duration.ofHours(1)));
    admin.users().activate(ana);
    admin.users().suspend(ana, "same instant as the activation");
    clock.set(START.minus(Duration.ofHours(3)));
    admin.users().reactivate(ana); // on an instance whose clock is behind
    clock.set(START.minus(Duration.ofHours(2)));
    admin.users().suspend(ana, "between the two in time, last in the chain");
    AuditQuery anas = AuditQuery.builder().user(ana).addActions(ChangeType.USER_ACTIVATED, ChangeType.USER_SUSPENDED,
        ChangeType.USER_REACTIVATED).limit(2).build();

    List<AuditEntry> oldestFirst = admin.audit().query(AuditQuery.builder().user(ana).build());
    List<AuditEntry> newestFirst = new ArrayList<>();
    Page<AuditEntry> page = admin.audit().page(anas);
    newestFirst.addAll(page.items());
    while (page.hasNext()) {
      page = admin.audit().page(anas.after(page.nextCursor().orElseThrow()));
      newestFirst.addAll(page.items());
    }

    assertThat(oldestFirst).extracting(AuditEntry::action).containsSubsequence(ChangeType.USER_REGISTERED,
        ChangeType.USER_ACTIVATED, ChangeType.USER_SUSPENDED, ChangeType.USER_REACTIVATED, ChangeType.USER_SUSPENDED);
    assertThat(newestFirst).extracting(AuditEntry::action, AuditEntry::at).containsExactly(
        tuple(ChangeType.USER_SUSPENDED, START.minus(Duration.ofHours(2))),
        tuple(ChangeType.USER_REACTIVATED, START.minus(Duration.ofHours(3))),
        tuple(ChangeType.USER_SUSPENDED, START.minus(Duration.ofHours(1))),
        tuple(ChangeType.USER_ACTIVATED, START.minus(Duration.ofHours(1))));
    assertThat(admin.audit().page(AuditQuery.builder().user(ana).limit(1).build()).items())
        .as("the newest entry is the last appended, not the latest timestamp").extracting(AuditEntry::reason)
        .containsExactly(Optional.of("between the two in time, last in the chain"));
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @Test
  void aPageCursorIsNotShiftedByEntriesAppendedMeanwhile() {
    pool(OBSERVATION, 5);
    activeUser("ana", TEACHER, NORTH);
    AuditQuery query = AuditQuery.builder().limit(2).build();
    Page<AuditEntry> first = admin.audit().page(query);
    List<AuditEntry> rest = admin.audit().page(query.after(first.nextCursor().orElseThrow())).items();

    activeUser("ben", TEACHER, NORTH);

    assertThat(admin.audit().page(query.after(first.nextCursor().orElseThrow())).items()).isEqualTo(rest);
    assertThat(admin.audit().page(query).items()).doesNotContainAnyElementsOf(first.items());
  }

  @Test
  void aForgedCursorIsRefusedNamingTheCursor() {
    pool(OBSERVATION, 5);
    for (String forged : List.of("not-a-cursor", "YTF8LTE", "YTF8MTA7RFJPUCBUQUJMRQ", "", "%%%")) {
      assertInvalid(() -> admin.audit().page(AuditQuery.builder().cursor(forged).build()), "cursor");
    }
    String real = admin.audit().page(AuditQuery.builder().limit(1).build()).nextCursor().orElse("YTF8MQ");
    assertInvalid(() -> admin.audit().query(AuditQuery.builder().cursor(real).build()), "cursor");
  }

  @Test
  void theChainOfAWholeWorkflowVerifies() {
    pool(OBSERVATION, 5);
    UserId ana = activeUser("ana", TEACHER, NORTH);
    claimed(ana, OBSERVATION);
    admin.users().suspend(ana, "leave of absence");
    long entries = admin.audit().count(AuditQuery.all());

    AuditVerification verification = admin.audit().verify();

    assertThat(verification.intact()).as("%s", verification).isTrue();
    assertThat(verification.firstBreak()).isEmpty();
    assertThat(verification.entriesChecked()).isEqualTo(entries).isGreaterThan(5);
    assertThat(tenant.as(Actor.reporter("analyst")).audit().verify().intact()).isTrue();
  }

  @Test
  void anEmptyTrailVerifies() {
    ActorSession fresh = licensing.tenant(TenantId.of("fresh-" + UUID.randomUUID())).as(Actor.systemAdministrator("admin-1"));

    assertThat(fresh.audit().verify()).isEqualTo(new AuditVerification(0, Optional.empty()));
    assertThat(fresh.audit().count(AuditQuery.all())).isZero();
    assertThat(fresh.audit().page(AuditQuery.all())).isEqualTo(new Page<AuditEntry>(List.of(), Optional.empty()));
  }
}
