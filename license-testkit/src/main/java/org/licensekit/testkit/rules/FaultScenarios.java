package org.licensekit.testkit.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.licensekit.core.ActorSession;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.FollowUp;
import org.licensekit.core.api.Lifecycle;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.Notification;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * The commands {@link FaultInjectionSuite} cuts connections under: single commands (register,
 * assign a role, claim, revoke, transfer a seat), bulk runs with an idempotency key in both modes,
 * the expiry sweep, the reminder job, and the outbox relay.
 */
final class FaultScenarios {

  private static final int BULK_USERS = 5;
  private static final FollowUp REMIND_AFTER_AN_HOUR = new FollowUp(List.of(Duration.ofHours(1)), Optional.empty());

  private final FaultInjectionSuite suite;

  FaultScenarios(FaultInjectionSuite suite) {
    this.suite = suite;
  }

  List<FaultScenario> all() {
    return List.of(
        scenario("register", this::register),
        scenario("assign role", this::assignRole),
        scenario("claim", this::claim),
        scenario("revoke", this::revoke),
        scenario("transfer seat", this::transfer),
        scenario("bulk best-effort", label -> bulk(label, BulkMode.BEST_EFFORT)),
        scenario("bulk all-or-nothing", label -> bulk(label, BulkMode.ALL_OR_NOTHING)),
        scenario("expiry sweep", this::expirySweep),
        scenario("reminders", this::reminders),
        scenario("outbox relay", this::relay));
  }

  private static FaultScenario scenario(String name, java.util.function.Function<String, FaultScenario.Run> prepare) {
    return new FaultScenario() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Run prepare(String label) {
        return prepare.apply(label);
      }

      @Override
      public String toString() {
        return name;
      }
    };
  }

  private ActorSession admin() {
    return suite.adminSession();
  }

  private FaultScenario.Run register(String label) {
    UserId user = UserId.of(label + "-new");
    NewUser newUser = NewUser.builder().id(user).name("User " + user.value()).email(user.value() + "@example.org")
        .jobProfile(DefaultCatalog.TEACHER).addOrganizations(LicensingTestSupport.NORTH).build();
    Supplier<Boolean> committed = () -> admin().users().find(user).isPresent();
    return run(() -> admin().users().register(newUser), committed, () -> admin().users().register(newUser), () -> {
      List<String> broken = new ArrayList<>();
      expectAudited(user, ChangeType.USER_REGISTERED, user.value(), 1, broken);
      expectLive(user, LicensingTestSupport.OBSERVATION, 1, broken);
      expectDelivered(user, Notification.Kind.INVITATION, broken);
      return broken;
    });
  }

  private FaultScenario.Run assignRole(String label) {
    UserId user = suite.plain(label + "-user", LicensingTestSupport.NORTH);
    Supplier<Boolean> committed = () -> admin().users().profile(user).roles().contains(DefaultCatalog.OBSERVER);
    Runnable assign = () -> admin().assignments().assignRole(user, LicensingTestSupport.NORTH, DefaultCatalog.OBSERVER);
    return run(() -> admin().assignments().assignRole(user, LicensingTestSupport.NORTH, DefaultCatalog.OBSERVER), committed, assign,
        () -> {
          List<String> broken = new ArrayList<>();
          expectAudited(user, ChangeType.ROLE_GRANTED, null, 1, broken);
          expectLive(user, LicensingTestSupport.OBSERVATION, 1, broken);
          return broken;
        });
  }

  private FaultScenario.Run claim(String label) {
    UserId user = suite.teacher(label + "-user");
    Supplier<Boolean> committed = () -> live(user, LicensingTestSupport.OBSERVATION).stream()
        .anyMatch(c -> c.status() == ClaimStatus.ACTIVE);
    Runnable claim = () -> suite.userSession(user).claims().claim(user, LicensingTestSupport.OBSERVATION);
    return run(() -> suite.userSession(user).claims().claim(user, LicensingTestSupport.OBSERVATION), committed, claim, () -> {
      List<String> broken = new ArrayList<>();
      expectLive(user, LicensingTestSupport.OBSERVATION, 1, broken);
      if (!committed.get()) {
        broken.add("the retried claim left " + user + "'s observation claim pending");
      }
      return broken;
    });
  }

  private FaultScenario.Run revoke(String label) {
    UserId user = suite.teacher(label + "-user");
    LicenseClaim pending = live(user, LicensingTestSupport.OBSERVATION).get(0);
    Supplier<Boolean> committed = () -> admin().claims().find(pending.id()).orElseThrow().status() == ClaimStatus.REVOKED;
    Runnable revoke = () -> admin().claims().revoke(pending.id(), "fault suite");
    return run(() -> admin().claims().revoke(pending.id(), "fault suite"), committed, revoke, () -> {
      List<String> broken = new ArrayList<>();
      expectLive(user, LicensingTestSupport.OBSERVATION, 0, broken);
      expectAudited(user, ChangeType.CLAIM_REVOKED, pending.id().value(), 1, broken);
      return broken;
    });
  }

  private FaultScenario.Run transfer(String label) {
    UserId from = suite.teacher(label + "-from");
    suite.userSession(from).claims().claim(from, LicensingTestSupport.COACHING);
    UserId to = suite.plain(label + "-to", LicensingTestSupport.NORTH);
    Supplier<Boolean> committed = () -> !live(to, LicensingTestSupport.COACHING).isEmpty();
    Supplier<Object> transfer = () -> admin().lifecycle().transferSeat(from, to, LicensingTestSupport.COACHING,
        Lifecycle.Expiry.RESET, "fault suite");
    return run(transfer, committed, transfer::get, () -> {
      List<String> broken = new ArrayList<>();
      expectLive(from, LicensingTestSupport.COACHING, 0, broken);
      expectLive(to, LicensingTestSupport.COACHING, 1, broken);
      return broken;
    });
  }

  private FaultScenario.Run bulk(String label, BulkMode mode) {
    OrganizationId organization = OrganizationId.of(label + "-school");
    admin().users().defineOrganization(Organization.child(organization, "School " + label, LicensingTestSupport.DISTRICT));
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < BULK_USERS; i++) {
      users.add(suite.plain(label + "-b" + i, organization));
    }
    String key = label + "-" + mode.name().toLowerCase(java.util.Locale.ROOT);
    BulkRequest request = BulkRequest.where(UserFilter.builder().organization(organization).build())
        .action(BulkAction.grantRoles(organization, Set.of(DefaultCatalog.OBSERVER))).mode(mode).reason("fault suite")
        .idempotencyKey(key).chunkSize(2).build();
    Supplier<Boolean> allGranted = () -> users.stream().allMatch(u -> admin().users().profile(u).roles().contains(DefaultCatalog.OBSERVER));
    List<BulkResult> results = new ArrayList<>();
    return new FaultScenario.Run() {
      @Override
      public Object act() {
        return admin().bulk().run(request);
      }

      @Override
      public Optional<Boolean> committed() {
        return mode == BulkMode.ALL_OR_NOTHING ? Optional.of(allGranted.get()) : Optional.empty();
      }

      @Override
      public void settle(Optional<Object> first) {
        results.add(admin().bulk().run(request));
        results.add(admin().bulk().run(request));
      }

      @Override
      public List<String> check(Optional<Object> first) {
        List<String> broken = new ArrayList<>();
        BulkResult retried = results.get(0);
        if (first.isPresent() && !retried.equals(((BulkResult) first.get()).asReplay())) {
          broken.add("the retried request " + key + " gave " + retried + ", not the first result " + first.get());
        }
        if (first.isEmpty() && (retried.status() != BulkResult.Status.COMPLETED || retried.refused() != 0
            || retried.done() + retried.already() != BULK_USERS)) {
          broken.add("the retried request " + key + " (the first failed) gave " + retried);
        }
        if (!results.get(1).equals(retried.replayed() ? retried : retried.asReplay())) {
          broken.add("a third run of " + key + " gave " + results.get(1) + ", not a replay of " + retried);
        }
        if (!allGranted.get()) {
          broken.add("bulk request " + key + " left a user without the role");
        }
        users.forEach(u -> expectLive(u, LicensingTestSupport.OBSERVATION, 1, broken));
        long summaries = admin().audit().count(AuditQuery.builder().subjectId(key).addActions(ChangeType.BULK_COMPLETED).build());
        if (summaries != 1) {
          broken.add("bulk request " + key + " has " + summaries + " BULK_COMPLETED audit entries, not 1");
        }
        return broken;
      }
    };
  }

  private FaultScenario.Run expirySweep(String label) {
    Instant now = suite.now();
    suite.termPool(LicensingTestSupport.ANALYTICS, 3, Term.of(now.minus(Duration.ofDays(1)), now.plus(Duration.ofHours(1))));
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      UserId user = suite.plain(label + "-r" + i, LicensingTestSupport.NORTH);
      admin().assignments().assignRole(user, LicensingTestSupport.NORTH, DefaultCatalog.REPORTER);
      users.add(user);
    }
    List<LicenseClaim> due = users.stream().flatMap(u -> live(u, LicensingTestSupport.ANALYTICS).stream()).collect(Collectors.toList());
    suite.advance(Duration.ofHours(2));
    ActorSession sweeper = suite.systemSession("expiry-sweep");
    Supplier<Boolean> committed = () -> due.stream()
        .allMatch(c -> admin().claims().find(c.id()).orElseThrow().status() == ClaimStatus.EXPIRED);
    return run(() -> sweeper.lifecycle().expireDue(), committed, () -> sweeper.lifecycle().expireDue(), () -> {
      List<String> broken = new ArrayList<>();
      if (due.size() != users.size()) {
        broken.add("the expiry fixture gave " + due.size() + " analytics claims for " + users.size() + " users");
      }
      if (!committed.get()) {
        broken.add("claims past their pool's term are not expired after the sweep was run again: " + due);
      }
      due.forEach(c -> expectAudited(c.user(), ChangeType.CLAIM_EXPIRED, c.id().value(), 1, broken));
      return broken;
    });
  }

  private FaultScenario.Run reminders(String label) {
    List<UserId> users = List.of(suite.teacher(label + "-p0"), suite.teacher(label + "-p1"));
    List<LicenseClaim> pending = users.stream().flatMap(u -> admin().claims().ofUser(u).stream()).collect(Collectors.toList());
    suite.advance(Duration.ofHours(2));
    ActorSession job = suite.systemSession("reminders");
    Supplier<Boolean> committed = () -> pending.stream().allMatch(c -> reminded(c) > 0);
    return run(() -> job.lifecycle().followUp(REMIND_AFTER_AN_HOUR), committed, () -> job.lifecycle().followUp(REMIND_AFTER_AN_HOUR),
        () -> {
          List<String> broken = new ArrayList<>();
          for (LicenseClaim claim : pending) {
            long audited = reminded(claim);
            if (audited != 1) {
              broken.add("pending claim " + claim.id() + " has " + audited + " CLAIM_REMINDED audit entries, not 1");
            }
            Set<String> ids = suite.sent(Notification.Kind.CLAIM_REMINDER).stream()
                .filter(n -> claim.id().value().equals(n.attributes().get("claim")))
                .map(n -> n.messageId().orElse("")).collect(Collectors.toSet());
            if (ids.size() != 1) {
              broken.add("pending claim " + claim.id() + " was reminded under message ids " + ids + ", not one stable id");
            }
          }
          return broken;
        });
  }

  private FaultScenario.Run relay(String label) {
    UserId user = UserId.of(label + "-invited");
    suite.failNextSends(1);
    admin().users().register(NewUser.builder().id(user).name("User " + user.value()).email(user.value() + "@example.org")
        .addOrganizations(LicensingTestSupport.NORTH).build());
    int failed = suite.stopFailing();
    suite.advance(Duration.ofMinutes(1));
    List<String> failedIds = suite.failedIds();
    String failedId = failedIds.isEmpty() ? "" : failedIds.get(failedIds.size() - 1);
    return new FaultScenario.Run() {
      @Override
      public Object act() {
        return admin().outbox().deliverDue();
      }

      @Override
      public Optional<Boolean> committed() {
        return Optional.empty();
      }

      @Override
      public void settle(Optional<Object> first) {
        suite.advance(Duration.ofMinutes(3));
        admin().outbox().deliverDue();
      }

      @Override
      public List<String> check(Optional<Object> first) {
        List<String> broken = new ArrayList<>();
        if (failed != 1) {
          broken.add("the relay fixture's notifier failed " + failed + " sends, not 1");
        }
        Set<String> ids = invitations(user);
        if (!ids.equals(Set.of(failedId))) {
          broken.add("the invitation of " + user + " whose first delivery failed as " + failedId + " arrived as " + ids);
        }
        return broken;
      }
    };
  }

  private long reminded(LicenseClaim claim) {
    return admin().audit().count(AuditQuery.builder().subjectId(claim.id().value()).addActions(ChangeType.CLAIM_REMINDED).build());
  }

  private Set<String> invitations(UserId user) {
    return suite.sent(Notification.Kind.INVITATION).stream().filter(n -> n.user().equals(user))
        .map(n -> n.messageId().orElse("")).collect(Collectors.toSet());
  }

  private List<LicenseClaim> live(UserId user, ProductId product) {
    return admin().claims().ofUser(user).stream().filter(c -> c.product().equals(product) && c.status().isLive())
        .collect(Collectors.toList());
  }

  private void expectLive(UserId user, ProductId product, int expected, List<String> broken) {
    int held = live(user, product).size();
    if (held != expected) {
      broken.add(user + " holds " + held + " live " + product + " claims, not " + expected);
    }
  }

  private void expectAudited(UserId user, ChangeType action, String subject, long expected, List<String> broken) {
    org.licensekit.core.api.ImmutableAuditQuery.Builder query = AuditQuery.builder().user(user).addActions(action);
    if (subject != null) {
      query.subjectId(subject);
    }
    long found = admin().audit().count(query.build());
    if (found != expected) {
      broken.add(user + " has " + found + " " + action + " audit entries" + (subject == null ? "" : " for " + subject)
          + ", not " + expected);
    }
  }

  private void expectDelivered(UserId user, Notification.Kind kind, List<String> broken) {
    Set<String> ids = suite.sent(kind).stream().filter(n -> n.user().equals(user)).map(n -> n.messageId().orElse(""))
        .collect(Collectors.toSet());
    if (ids.size() != 1 || ids.contains("")) {
      broken.add(user + "'s " + kind + " arrived under message ids " + ids + ", not one stable id");
    }
  }

  /** A command that is one transaction (or one page of a sweep): committed is a yes or a no. */
  private static FaultScenario.Run run(Supplier<Object> act, Supplier<Boolean> committed, Runnable retry, Supplier<List<String>> check) {
    return new FaultScenario.Run() {
      @Override
      public Object act() {
        return act.get();
      }

      @Override
      public Optional<Boolean> committed() {
        return Optional.of(committed.get());
      }

      @Override
      public void settle(Optional<Object> first) {
        if (!committed.get()) {
          retry.run();
        }
      }

      @Override
      public List<String> check(Optional<Object> first) {
        return check.get();
      }
    };
  }
}
