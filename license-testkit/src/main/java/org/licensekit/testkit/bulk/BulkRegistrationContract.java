package org.licensekit.testkit.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ConflictException;
import org.licensekit.core.LicensingException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRegistration;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.api.WaitingUser;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.AuditEntry;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;

/**
 * Bulk onboarding ({@code bulk().register}): the guide's new-user setup for many users in one call,
 * set-based per chunk. Chunk boundaries, duplicate ids inside the input and against existing users,
 * e-mail addresses other accounts have (accepted, as by the single registration), a pool that fills in the middle of a chunk, mixed refusals in both modes,
 * dry runs, idempotency keys — and, on seeded random input, exactly the outcomes, the state, the
 * audit trail, the events published and the invitations of the loop of single registrations.
 */
public abstract class BulkRegistrationContract extends BulkTestSupport {

  private static org.licensekit.core.api.ImmutableNewUser.Builder teacher(String id, OrganizationId organization) {
    return NewUser.builder().id(UserId.of(id)).name("Teacher " + id).email(id + "@example.org")
        .jobProfile(DefaultCatalog.TEACHER).addOrganizations(organization);
  }

  private static List<NewUser> teachers(String prefix, int count, OrganizationId organization) {
    List<NewUser> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      users.add(teacher(String.format("%s-%03d", prefix, i), organization).build());
    }
    return users;
  }

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void everyUserAcrossChunkBoundariesIsRegisteredWithRolesClaimsAndAnInvitation(BulkMode mode) {
    LicensePool observation = pool(OBSERVATION, 20);
    LicensePool coaching = pool(COACHING, 20);
    List<NewUser> input = teachers("n", 7, NORTH);
    RecordingListener heard = new RecordingListener();

    BulkResult result = admin.bulk().register(BulkRegistration.of(input).mode(mode).chunkSize(3).build(), heard);

    assertThat(List.of(result.status(), result.done(), result.refused())).containsExactly(BulkResult.Status.COMPLETED, 7L, 0L);
    assertThat(heard.outcomes).extracting(UserOutcome::user).containsExactlyElementsOf(input.stream().map(NewUser::id).toList());
    assertThat(heard.outcomes).allSatisfy(o -> assertThat(o.detail()).isEqualTo("registered; assigned coaching,observation"));
    assertThat(heard.progress).extracting(p -> p[0]).containsExactly(3L, 6L, 7L);
    assertThat(usage(observation).seatsInUse()).isEqualTo(7);
    assertThat(usage(coaching).seatsInUse()).isEqualTo(7);
    for (NewUser user : input) {
      assertThat(admin.users().find(user.id())).hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(AccountStatus.INVITED));
      assertThat(store.directory().membershipsOf(tenantId, user.id())).singleElement().satisfies(m -> {
        assertThat(m.organization()).isEqualTo(NORTH);
        assertThat(m.roles()).containsExactly(DefaultCatalog.OBSERVABLE);
      });
      assertThat(admin.claims().ofUser(user.id())).extracting(LicenseClaim::product, LicenseClaim::status)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(OBSERVATION, org.licensekit.core.domain.ClaimStatus.PENDING),
              org.assertj.core.groups.Tuple.tuple(COACHING, org.licensekit.core.domain.ClaimStatus.PENDING));
    }
    assertThat(notifier.sent(Notification.Kind.INVITATION)).hasSize(7)
        .allSatisfy(n -> assertThat(n.attributes()).containsEntry("products", "coaching,observation"));
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @Test
  void duplicateIdsInsideTheInputAndAgainstExistingUsersAreRefusedAndNotWrittenButSharedAddressesAreNot() {
    pool(OBSERVATION, 20);
    pool(COACHING, 20);
    admin.users().register(teacher("old", NORTH).email("old@example.org").build());
    List<NewUser> input = List.of(
        teacher("a", NORTH).build(),
        teacher("b", NORTH).email("  A@Example.org ").build(),       // a's address, other case and blanks
        teacher("c", NORTH).email("OLD@example.org").build(),         // an existing user's address
        teacher("a", SOUTH).email("a2@example.org").build(),          // a's id again
        teacher("old", SOUTH).email("old2@example.org").build(),      // an existing user's id
        teacher("d", NORTH).build());
    int invitationsBefore = notifier.sent(Notification.Kind.INVITATION).size();

    RecordingListener heard = new RecordingListener();
    BulkResult result = admin.bulk().register(BulkRegistration.of(input).chunkSize(2).build(), heard);

    assertThat(heard.outcomes).extracting(UserOutcome::kind, o -> o.code().orElse("")).containsExactly(
        org.assertj.core.groups.Tuple.tuple(UserOutcome.Kind.DONE, ""),
        org.assertj.core.groups.Tuple.tuple(UserOutcome.Kind.DONE, ""),
        org.assertj.core.groups.Tuple.tuple(UserOutcome.Kind.DONE, ""),
        org.assertj.core.groups.Tuple.tuple(UserOutcome.Kind.REFUSED, "DUPLICATE_USER"),
        org.assertj.core.groups.Tuple.tuple(UserOutcome.Kind.REFUSED, "DUPLICATE_USER"),
        org.assertj.core.groups.Tuple.tuple(UserOutcome.Kind.DONE, ""));
    assertThat(List.of(result.done(), result.refused())).containsExactly(4L, 2L);
    assertThat(admin.users().find(UserId.of("b"))).isPresent();
    assertThat(admin.users().find(UserId.of("c"))).isPresent();
    assertThat(store.directory().membershipsOf(tenantId, UserId.of("a"))).extracting(m -> m.organization()).containsExactly(NORTH);
    assertThat(store.directory().membershipsOf(tenantId, UserId.of("old"))).extracting(m -> m.organization()).containsExactly(NORTH);
    assertThat(notifier.sent(Notification.Kind.INVITATION)).hasSize(invitationsBefore + 4);
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void aPoolThatFillsInTheMiddleOfAChunkHandsOverToTheNextPoolThenQueuesTheRestAsTheSingleRegistrationDoes(BulkMode mode) {
    LicensePool soonest = pool(OBSERVATION, 2, Term.of(START.minusSeconds(3600), START.plusSeconds(86_400 * 30L)));
    LicensePool later = pool(OBSERVATION, 1, Term.of(START.minusSeconds(3600), START.plusSeconds(86_400 * 300L)));
    LicensePool coaching = pool(COACHING, 10);
    List<NewUser> input = teachers("n", 5, NORTH);

    BulkResult result = admin.bulk().register(BulkRegistration.of(input).mode(mode).chunkSize(5).build());

    assertThat(List.of(result.status(), result.done(), result.refused())).containsExactly(BulkResult.Status.COMPLETED, 5L, 0L);
    assertThat(usage(soonest).seatsInUse()).isEqualTo(2);
    assertThat(usage(later).seatsInUse()).isEqualTo(1);
    assertThat(usage(coaching).seatsInUse()).isEqualTo(5);
    assertThat(admin.claims().ofUser(input.get(1).id())).filteredOn(c -> c.product().equals(OBSERVATION))
        .singleElement().satisfies(c -> assertThat(c.pool()).isEqualTo(soonest.id()));
    assertThat(admin.claims().ofUser(input.get(2).id())).filteredOn(c -> c.product().equals(OBSERVATION))
        .singleElement().satisfies(c -> assertThat(c.pool()).isEqualTo(later.id()));
    assertThat(result.outcomeOf(input.get(3).id()).orElseThrow().detail())
        .startsWith("registered; assigned coaching; no seat of observation (NO_SEAT_AVAILABLE)").contains("place 1");
    assertThat(result.outcomeOf(input.get(4).id()).orElseThrow().detail()).contains("place 2");
    assertThat(admin.waitlist().of(OBSERVATION)).extracting(w -> w.entry().user(), WaitingUser::position)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(input.get(3).id(), 1), org.assertj.core.groups.Tuple.tuple(input.get(4).id(), 2));
    assertThat(result.seatsOf(OBSERVATION)).hasValueSatisfying(f -> assertThat(f.needed()).isEqualTo(5));
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @Test
  void aFreeSeatWhileUsersWaitGoesToTheQueueFirstAsInASingleAssignment() {
    pool(OBSERVATION, 1);
    pool(COACHING, 10);
    admin.users().register(teacher("first", NORTH).build());
    admin.users().register(teacher("waiting", NORTH).build());
    assertThat(admin.waitlist().of(OBSERVATION)).extracting(w -> w.entry().user()).containsExactly(UserId.of("waiting"));
    LicensePool later = pool(OBSERVATION, 1, Term.of(START.plusSeconds(3600), START.plusSeconds(86_400 * 300L)));
    clock.advance(java.time.Duration.ofHours(2)); // the new pool's term has started; no sweep has served the queue

    BulkResult result = admin.bulk().register(BulkRegistration.of(List.of(teacher("newcomer", NORTH).build())).build());

    assertThat(admin.claims().ofUser(UserId.of("waiting"))).filteredOn(c -> c.product().equals(OBSERVATION))
        .singleElement().satisfies(c -> assertThat(c.pool()).isEqualTo(later.id()));
    assertThat(result.outcomeOf(UserId.of("newcomer")).orElseThrow().detail())
        .contains("no seat of observation (NO_SEAT_AVAILABLE)", "place 1");
    assertThat(admin.waitlist().of(OBSERVATION)).extracting(w -> w.entry().user()).containsExactly(UserId.of("newcomer"));
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(BulkMode.class)
  void mixedRefusalsNameTheFieldAndWriteNothingOfTheRefusedUser(BulkMode mode) {
    pool(OBSERVATION, 20);
    pool(COACHING, 20);
    List<NewUser> input = List.of(
        teacher("ok-1", NORTH).build(),
        teacher("bad-email", NORTH).email("not an address").build(),
        teacher("no-org", OrganizationId.of("nowhere")).build(),
        teacher("no-profile", NORTH).jobProfile(JobProfileId.of("JANITOR")).build(),
        NewUser.builder().id(UserId.of("roles-no-org")).name("R").email("r@example.org").jobProfile(DefaultCatalog.TEACHER).build(),
        teacher("ok-2", SOUTH).build());
    int auditBefore = auditSize();

    BulkResult result = admin.bulk().register(BulkRegistration.of(input).mode(mode).chunkSize(4).build());

    assertThat(result.outcomeOf(UserId.of("bad-email")).orElseThrow()).satisfies(o -> {
      assertThat(o.code()).contains("INVALID_INPUT");
      assertThat(o.detail()).contains("email");
    });
    assertThat(result.outcomeOf(UserId.of("no-org")).orElseThrow()).satisfies(o -> {
      assertThat(o.code()).contains("NOT_FOUND");
      assertThat(o.detail()).contains("organizationId");
    });
    assertThat(result.outcomeOf(UserId.of("no-profile")).orElseThrow()).satisfies(o -> {
      assertThat(o.code()).contains("NOT_FOUND");
      assertThat(o.detail()).contains("jobProfile");
    });
    assertThat(result.outcomeOf(UserId.of("roles-no-org")).orElseThrow().detail()).contains("organizations");
    assertThat(List.of(result.done(), result.refused())).containsExactly(2L, 4L);
    for (String refused : List.of("bad-email", "no-org", "no-profile", "roles-no-org")) {
      assertThat(admin.users().find(UserId.of(refused))).as(refused).isEmpty();
    }
    if (mode == BulkMode.ALL_OR_NOTHING) {
      assertThat(result.status()).isEqualTo(BulkResult.Status.REFUSED);
      assertThat(admin.users().find(UserId.of("ok-1"))).isEmpty();
      assertThat(auditSize()).isEqualTo(auditBefore);
      assertThat(notifier.sent(Notification.Kind.INVITATION)).isEmpty();
    } else {
      assertThat(admin.users().find(UserId.of("ok-1"))).isPresent();
      assertThat(admin.users().find(UserId.of("ok-2"))).isPresent();
      assertThat(notifier.sent(Notification.Kind.INVITATION)).hasSize(2);
    }
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  @Test
  void aDryRunGivesTheRunsOutcomesAndWritesNothing() {
    LicensePool observation = pool(OBSERVATION, 3);
    List<NewUser> input = teachers("d", 5, NORTH);
    int auditBefore = auditSize();
    RecordingListener previewed = new RecordingListener();

    BulkResult preview = admin.bulk().previewRegister(BulkRegistration.of(input).chunkSize(2).build(), previewed);

    assertThat(preview.dryRun()).isTrue();
    assertThat(auditSize()).isEqualTo(auditBefore);
    assertThat(usage(observation).seatsInUse()).isZero();
    assertThat(input).allSatisfy(u -> assertThat(admin.users().find(u.id())).isEmpty());
    assertThat(admin.waitlist().of(OBSERVATION)).isEmpty();
    RecordingListener ran = new RecordingListener();
    BulkResult run = admin.bulk().register(BulkRegistration.of(input).chunkSize(2).build(), ran);
    assertThat(ran.outcomes).isEqualTo(previewed.outcomes);
    assertThat(run.seats()).isEqualTo(preview.seats());
  }

  @Test
  void aReplayedKeyRegistersNobodyAgainAndAKeyUsedForOtherUsersIsRefused() {
    pool(OBSERVATION, 10);
    List<NewUser> input = teachers("k", 3, NORTH);
    BulkResult first = admin.bulk().register(BulkRegistration.of(input).idempotencyKey("start-of-year").build());
    int auditAfterFirst = auditSize();

    BulkResult replay = admin.bulk().register(BulkRegistration.of(input).idempotencyKey("start-of-year").build());

    assertThat(replay.replayed()).isTrue();
    assertThat(replay.done()).isEqualTo(first.done()).isEqualTo(3);
    assertThat(auditSize()).isEqualTo(auditAfterFirst);
    assertThatThrownBy(() -> admin.bulk().register(BulkRegistration.of(teachers("other", 3, NORTH)).idempotencyKey("start-of-year").build()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED"));
    assertThat(admin.users().find(UserId.of("other-000"))).isEmpty();
  }

  @Test
  void anOrganizationScopedAdministratorRegistersOnlyInsideItsOrganizations() {
    pool(OBSERVATION, 10);
    ActorSession northAdmin = tenant.as(Actor.organizationAdministrator("north-admin", Set.of(NORTH)));
    BulkResult result = northAdmin.bulk().register(BulkRegistration.of(List.of(teacher("in", NORTH).build(),
        teacher("out", SOUTH).build())).build());

    assertThat(result.outcomeOf(UserId.of("in")).orElseThrow().kind()).isEqualTo(UserOutcome.Kind.DONE);
    assertThat(result.outcomeOf(UserId.of("out")).orElseThrow().kind()).isEqualTo(UserOutcome.Kind.REFUSED);
    assertThat(admin.users().find(UserId.of("out"))).isEmpty();
  }

  /** Seeded random input: bulk onboarding gives the outcomes, state, audit trail, events and invitations of the single-registration loop. */
  @Test
  void bulkRegistrationMatchesTheLoopOfSingleRegistrationsOnSeededRandomInput() {
    long base = Long.getLong("licensekit.seed", new Random().nextLong());
    for (int round = 0; round < 8; round++) {
      long seed = base + round;
      try {
        compareOnce(seed);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("bulk registration differs from single registrations; rerun with -Dlicensekit.seed=" + seed + ": "
            + failure.getMessage(), failure);
      }
    }
  }

  private static final RoleId SEATED = RoleId.of("seated");
  private static final RoleId TRAINED = RoleId.of("trained");
  private static final ProductId PLAIN = ProductId.of("plain");
  private static final ProductId OTHER = ProductId.of("other");
  private static final ProductId NEEDS_TRAINING = ProductId.of("needs-training");
  private static final JobProfileId PLAIN_PROFILE = JobProfileId.of("plain-profile");
  private static final JobProfileId TRAINED_PROFILE = JobProfileId.of("trained-profile");

  /**
   * One rule for an e-mail address another account has, on both paths: the single registration and
   * bulk onboarding (set-based chunks, and a user whose product needs training, registered one by
   * one inside the chunk) accept it, compared stripped and ignoring case; reconciliation then
   * reports the accounts sharing the address that hold the same product.
   */
  @Test
  void anAddressAnotherAccountHasIsAcceptedAlikeBySingleAndBulkRegistration() {
    pool(OBSERVATION, 20);
    pool(COACHING, 20);
    admin.users().register(teacher("first", NORTH).email("shared@example.org").build());
    clock.advance(java.time.Duration.ofMinutes(1)); // the first account's claims are the earliest: they stay

    UserOutcome single = admin.users().register(teacher("single", NORTH).email(" Shared@Example.org ").build()).outcome();
    RecordingListener heard = new RecordingListener();
    BulkResult bulk = admin.bulk().register(BulkRegistration.of(List.of(
        teacher("bulk-1", NORTH).email("SHARED@example.org").build(),
        teacher("bulk-2", SOUTH).email("shared@example.org").build(),
        NewUser.builder().id(UserId.of("bulk-3")).name("Proctor").email("shared@EXAMPLE.org")
            .jobProfile(DefaultCatalog.SPECIALIZED_STAFF).addOrganizations(NORTH).build())).chunkSize(2).build(), heard);

    assertThat(single.kind()).isEqualTo(UserOutcome.Kind.DONE);
    assertThat(heard.outcomes).extracting(UserOutcome::user, UserOutcome::kind).containsExactly(
        org.assertj.core.groups.Tuple.tuple(UserId.of("bulk-1"), UserOutcome.Kind.DONE),
        org.assertj.core.groups.Tuple.tuple(UserId.of("bulk-2"), UserOutcome.Kind.DONE),
        org.assertj.core.groups.Tuple.tuple(UserId.of("bulk-3"), UserOutcome.Kind.DONE));
    assertThat(List.of(bulk.done(), bulk.refused())).containsExactly(3L, 0L);
    assertThat(List.of("first", "single", "bulk-1", "bulk-2", "bulk-3"))
        .allSatisfy(id -> assertThat(admin.users().find(UserId.of(id))).as(id).isPresent());
    assertThat(admin.reports().reconcile(true).found(org.licensekit.core.api.report.DiscrepancyKind.DUPLICATE_ASSIGNMENT))
        .as("every teacher but the first holds observation and coaching under the shared address")
        .extracting(d -> d.user().orElseThrow().value())
        .containsOnly("single", "bulk-1", "bulk-2")
        .hasSize(6);
    assertThat(admin.audit().verify().intact()).isTrue();
  }

  private void compareOnce(long seed) {
    Random random = new Random(seed);
    String suffix = Long.toHexString(seed);
    TenantId bulkTenant = TenantId.of(tenantId.value() + "-bulk-" + suffix);
    TenantId loopTenant = TenantId.of(tenantId.value() + "-loop-" + suffix);
    ActorSession bulk = tenantFor(bulkTenant);
    ActorSession loop = tenantFor(loopTenant);
    List<NewPool> pools = randomPools(random);
    pools.forEach(p -> bulk.pools().add(p));
    pools.forEach(p -> loop.pools().add(p));
    List<NewUser> existing = List.of(NewUser.builder().id(UserId.of("existing")).name("Existing").email("taken@example.org").build());
    existing.forEach(u -> bulk.users().register(u));
    existing.forEach(u -> loop.users().register(u));
    List<NewUser> input = randomUsers(random);
    BulkMode mode = random.nextInt(4) > 0 ? BulkMode.BEST_EFFORT : BulkMode.ALL_OR_NOTHING;
    int chunk = 1 + random.nextInt(7);
    long auditBefore = bulk.audit().count(AuditQuery.all());

    RecordingListener heard = new RecordingListener();
    BulkResult result = bulk.bulk().register(BulkRegistration.of(input).mode(mode).chunkSize(chunk).build(), heard);
    // exactly the single registration's outcomes: an address taken (the generator reuses some) is accepted by both
    List<UserOutcome> expected = new ArrayList<>();
    for (NewUser user : input) {
      try {
        expected.add(loop.users().register(user).outcome());
      } catch (LicensingException refused) {
        expected.add(UserOutcome.refused(user.id(), refused.code(), refused.getMessage()));
      }
    }

    String context = "mode " + mode + ", chunk " + chunk + ", " + input.size() + " users";
    assertThat(heard.outcomes).extracting(UserOutcome::user, UserOutcome::kind, UserOutcome::code).as(context)
        .containsExactlyElementsOf(expected.stream().map(o -> org.assertj.core.groups.Tuple.tuple(o.user(), o.kind(), o.code())).toList());
    assertThat(heard.outcomes).filteredOn(o -> o.kind() == UserOutcome.Kind.DONE).as(context)
        .containsExactlyElementsOf(expected.stream().filter(o -> o.kind() == UserOutcome.Kind.DONE).toList());
    boolean committed = mode == BulkMode.BEST_EFFORT || result.refused() == 0;
    if (committed) {
      assertThat(state(bulk, bulkTenant, input, pools)).as(context).isEqualTo(state(loop, loopTenant, input, pools));
      List<AuditEntry> bulkAudit = bulk.audit().query(AuditQuery.builder().limit(10_000).build());
      List<AuditEntry> loopAudit = loop.audit().query(AuditQuery.builder().limit(10_000).build());
      assertThat(actions(bulkAudit)).as(context).isEqualTo(actions(loopAudit));
      // the events arrive in batches (EventPublisher.publishAll) but are the loop's, in the loop's order
      assertThat(eventsOf(bulkTenant)).as(context).isEqualTo(eventsOf(loopTenant));
    } else {
      assertThat(bulk.audit().count(AuditQuery.all())).as(context).isEqualTo(auditBefore);
      assertThat(input).allSatisfy(u -> assertThat(bulk.users().list()).extracting(a -> a.id()).containsOnly(UserId.of("existing")));
    }
    assertThat(bulk.audit().verify().intact()).as(context).isTrue();
  }

  /** The events published for {@code tenant}, in order, as text without the bulk run's summary and the ids of claims. */
  private List<String> eventsOf(TenantId tenant) {
    return events.published().stream()
        .filter(e -> e.tenant().equals(tenant) && e.type() != ChangeType.BULK_COMPLETED)
        .map(e -> e.type() + " " + (e.subjectType().equals("claim") ? "claim" : e.subjectId()) + " " + e.user().map(UserId::value).orElse("")
            + " " + e.product().map(ProductId::value).orElse("") + " " + e.actor() + " " + new TreeMap<>(e.attributes()))
        .toList();
  }

  /** The audit trail's actions and subjects in order, without the bulk run's summary and the ids of claims. */
  private static List<String> actions(List<AuditEntry> entries) {
    return entries.stream()
        .filter(e -> e.action() != ChangeType.BULK_COMPLETED)
        .map(e -> e.action() + " " + (e.subjectType().equals("claim") ? "claim" : e.subjectId()) + " " + e.user().map(UserId::value).orElse(""))
        .toList();
  }

  private ActorSession tenantFor(TenantId id) {
    ActorSession session = licensing.tenant(id).as(Actor.systemAdministrator("admin-1"));
    session.catalog().defineProduct(Product.builder().id(PLAIN).name("Plain").type(ProductType.OBSERVATION_TOOL).build());
    session.catalog().defineProduct(Product.builder().id(OTHER).name("Other").type(ProductType.LEARNING_CONTENT).build());
    session.catalog().defineProduct(Product.builder().id(NEEDS_TRAINING).name("Needs training").type(ProductType.ASSESSMENT_TOOL)
        .addPrerequisites(Prerequisite.training(TrainingId.of("safety"))).build());
    session.catalog().defineRole(org.licensekit.core.domain.Role.builder().id(SEATED).name("Seated").grants(Set.of(PLAIN, OTHER)).build());
    session.catalog().defineRole(org.licensekit.core.domain.Role.builder().id(TRAINED).name("Trained").grants(Set.of(NEEDS_TRAINING)).build());
    session.catalog().defineJobProfile(org.licensekit.core.domain.JobProfile.of(PLAIN_PROFILE, "Plain", Set.of(SEATED)));
    session.catalog().defineJobProfile(org.licensekit.core.domain.JobProfile.of(TRAINED_PROFILE, "Trained", Set.of(SEATED, TRAINED)));
    session.users().defineOrganization(Organization.root(DISTRICT, "District"));
    session.users().defineOrganization(Organization.child(NORTH, "North", DISTRICT));
    session.users().defineOrganization(Organization.child(SOUTH, "South", DISTRICT));
    return session;
  }

  private static List<NewPool> randomPools(Random random) {
    List<Optional<OrganizationId>> scopes = List.of(Optional.empty(), Optional.of(DISTRICT), Optional.of(NORTH), Optional.of(SOUTH));
    List<NewPool> pools = new ArrayList<>();
    int next = 0;
    for (ProductId product : List.of(PLAIN, OTHER, NEEDS_TRAINING)) {
      int count = random.nextInt(3);
      for (int i = 0; i < count; i++) {
        Term term = random.nextInt(6) > 0
            ? Term.of(START.minusSeconds(86_400), START.plusSeconds(86_400L * (10 + random.nextInt(300))))
            : Term.of(START.minusSeconds(86_400 * 400L), START.minusSeconds(86_400 * 30L));
        pools.add(NewPool.builder().id(PoolId.of("pool-" + next++)).product(product).seats(1 + random.nextInt(6)).term(term)
            .scope(random.nextBoolean() ? Optional.empty() : scopes.get(random.nextInt(scopes.size()))).build());
      }
    }
    return pools;
  }

  private static List<NewUser> randomUsers(Random random) {
    int count = 3 + random.nextInt(16);
    List<NewUser> users = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i > 0 && random.nextInt(6) == 0) {
        // an address used before (or an existing user's, in another case), on an otherwise valid user with a new id
        String reused = random.nextBoolean() ? "Taken@Example.org" : " " + users.get(random.nextInt(i)).email().toUpperCase(java.util.Locale.ROOT);
        users.add(NewUser.builder().id(UserId.of(String.format("u-%02d", i))).name("User " + i).email(reused)
            .jobProfile(PLAIN_PROFILE).addOrganizations(NORTH).build());
        continue;
      }
      int id = random.nextInt(5) == 0 && i > 0 ? random.nextInt(i) : i; // now and then an id used before
      org.licensekit.core.api.ImmutableNewUser.Builder user = NewUser.builder().id(UserId.of(String.format("u-%02d", id)))
          .name("User " + i).email("mail-" + i + "@example.org").invite(random.nextInt(4) > 0);
      switch (random.nextInt(8)) {
        case 0 -> user.email("not-an-address");
        case 1 -> user.jobProfile(JobProfileId.of("unknown")).addOrganizations(NORTH);
        case 2 -> user.jobProfile(TRAINED_PROFILE).addOrganizations(random.nextBoolean() ? NORTH : SOUTH);
        case 3 -> user.addAdditionalRoles(SEATED);
        case 4 -> { }
        default -> user.jobProfile(PLAIN_PROFILE).addOrganizations(random.nextBoolean() ? NORTH : SOUTH);
      }
      if (random.nextInt(8) == 0) {
        user.addOrganizations(DISTRICT);
      }
      users.add(user.build());
    }
    return users;
  }

  /** Every input user's account, roles, claims and training, every pool's seats in use and every waitlist, by id. */
  private Map<String, Object> state(ActorSession session, TenantId id, List<NewUser> input, List<NewPool> pools) {
    Map<String, Object> state = new TreeMap<>();
    for (NewUser user : input) {
      state.put("account " + user.id(), session.users().find(user.id())
          .map(a -> a.name() + "|" + a.email() + "|" + a.status() + "|" + a.jobProfile()).orElse("none"));
      state.put("roles " + user.id(), store.directory().membershipsOf(id, user.id()).stream()
          .map(m -> m.organization() + "=" + new java.util.TreeSet<>(m.roles())).collect(Collectors.toList()));
      state.put("claims " + user.id(), session.claims().ofUser(user.id()).stream()
          .map(c -> c.product() + "@" + c.pool() + ":" + c.status() + ":" + c.reason()).sorted().collect(Collectors.toList()));
      state.put("training " + user.id(), store.training().assignmentsOf(id, user.id()).size());
    }
    for (NewPool pool : pools) {
      state.put("pool " + pool.id(), session.pools().find(pool.id().orElseThrow()).orElseThrow().seatsInUse());
    }
    for (ProductId product : List.of(PLAIN, OTHER, NEEDS_TRAINING)) {
      state.put("waiting " + product, session.waitlist().of(product).stream()
          .map(w -> w.position() + ":" + w.entry().user() + ":" + w.entry().reason()).toList());
    }
    state.put("invitations", notifier.sent(Notification.Kind.INVITATION).stream()
        .filter(n -> n.tenant().equals(id)).map(n -> n.user() + "=" + n.attributes()).sorted().toList());
    return state;
  }
}
