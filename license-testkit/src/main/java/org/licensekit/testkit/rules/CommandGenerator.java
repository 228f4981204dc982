package org.licensekit.testkit.rules;

import static org.licensekit.testkit.LicensingTestSupport.EVALUATOR_CERTIFICATION;
import static org.licensekit.testkit.LicensingTestSupport.PROCTOR_TRAINING;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.function.Consumer;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.licensekit.core.ActorSession;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.ImmutableNewUser;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.MutableClock;
import org.licensekit.testkit.rules.CommittedChange.Kind;

/**
 * Draws random commands over {@link PropertyWorld} from one {@link SplittableRandom}, so a seed
 * replays the same sequence. Arguments are drawn freely: commands that the rules refuse (claiming
 * with no seat, activating twice, revoking a revoked claim) are as welcome as ones that succeed.
 */
final class CommandGenerator {

  private static final String REASON = "property run";

  private final SplittableRandom random;
  private final Clock clock;
  private final Consumer<Duration> advance;
  private final List<Weighted> commands = new ArrayList<>();
  private final int totalWeight;

  private record Weighted(int weight, Supplier<Command> make) {}

  CommandGenerator(SplittableRandom random, MutableClock clock) {
    this(random, clock, clock::advance, true);
  }

  /**
   * A generator whose clock moves are {@code advance}: a run sharing one clock with other processes
   * passes a no-op (its clock moves by itself), so the commands stay the seed's.
   */
  CommandGenerator(SplittableRandom random, Clock clock, Consumer<Duration> advance, boolean settingsChanges) {
    this.random = random;
    this.clock = clock;
    this.advance = advance;
    add(6, this::register);
    add(6, this::activate);
    add(10, this::assignRole);
    add(6, this::revokeRole);
    add(2, this::removeFromOrganization);
    add(10, this::assignProduct);
    add(6, this::revokeProduct);
    add(22, this::claim);
    add(6, this::revokeClaim);
    add(3, this::checkAccess);
    add(3, this::suspend);
    add(4, this::reactivate);
    add(1, this::archive);
    add(5, this::changeSeats);
    add(3, this::extendTerm);
    add(5, this::advanceClock);
    add(5, this::recordTraining);
    if (settingsChanges) {
      add(1, this::changeSettings);
    }
    add(4, this::editEmail);
    add(1, this::bulkGrant);
    add(2, this::bulkChangeOrganizations);
    add(2, this::deliverOutbox);
    LifecycleCommands lifecycle = new LifecycleCommands(random);
    add(4, lifecycle::expireDue);
    add(1, lifecycle::followUp);
    add(1, lifecycle::offboard);
    add(3, lifecycle::transferSeat);
    add(1, lifecycle::rollOver);
    add(2, lifecycle::reassign);
    add(1, lifecycle::bulkRevoke);
    totalWeight = commands.stream().mapToInt(Weighted::weight).sum();
  }

  private void add(int weight, Supplier<Command> make) {
    commands.add(new Weighted(weight, make));
  }

  /**
   * The opening of a sequence: registers the first five users (random profiles and organizations)
   * and activates about three in four of them, so that the random commands meet a populated tenant; the
   * other users come and go through the random commands.
   */
  List<Command> prologue() {
    List<Command> prologue = new ArrayList<>();
    for (UserId user : PropertyWorld.USERS.subList(0, 5)) {
      prologue.add(register(user));
      if (random.nextInt(4) > 0) {
        prologue.add(activate(user));
      }
    }
    return prologue;
  }

  /** The next command of the sequence. */
  Command next() {
    int roll = random.nextInt(totalWeight);
    for (Weighted weighted : commands) {
      roll -= weighted.weight();
      if (roll < 0) {
        return weighted.make().get();
      }
    }
    throw new IllegalStateException("weights out of step");
  }

  private Command register() {
    return register(pick(PropertyWorld.USERS));
  }

  private Command register(UserId user) {
    ImmutableNewUser.Builder builder = NewUser.builder().id(user).name("User " + user).email(user + "@example.org");
    List<OrganizationId> organizations = new ArrayList<>();
    PropertyWorld.ORGANIZATIONS.stream().filter(o -> random.nextInt(3) == 0).forEach(organizations::add);
    builder.addAllOrganizations(organizations);
    String profile = "none";
    if (random.nextInt(4) > 0) {
      var chosen = pick(PropertyWorld.PROFILES);
      builder.jobProfile(chosen);
      profile = chosen.toString();
    }
    return admin("register(" + user + ", " + profile + ", " + organizations + ")", s -> s.users().register(builder.build()));
  }

  private Command activate() {
    return activate(pick(PropertyWorld.USERS));
  }

  private Command activate(UserId user) {
    return admin("activate(" + user + ")", change(Kind.ACTIVATE, user), s -> s.users().activate(user));
  }

  private Command assignRole() {
    UserId user = pick(PropertyWorld.USERS);
    OrganizationId organization = pick(PropertyWorld.ORGANIZATIONS);
    var role = pick(PropertyWorld.ROLES);
    return admin("assignRole(" + user + ", " + organization + ", " + role + ")",
        roleChange(Kind.GRANT_ROLE, user, organization, role), s -> s.assignments().assignRole(user, organization, role));
  }

  private Command revokeRole() {
    UserId user = pick(PropertyWorld.USERS);
    OrganizationId organization = pick(PropertyWorld.ORGANIZATIONS);
    var role = pick(PropertyWorld.ROLES);
    return admin("revokeRole(" + user + ", " + organization + ", " + role + ")",
        roleChange(Kind.REVOKE_ROLE, user, organization, role), s -> s.assignments().revokeRole(user, organization, role, REASON));
  }

  private Command removeFromOrganization() {
    UserId user = pick(PropertyWorld.USERS);
    OrganizationId organization = pick(PropertyWorld.ORGANIZATIONS);
    return admin("removeFromOrganization(" + user + ", " + organization + ")",
        s -> s.assignments().removeFromOrganization(user, organization, REASON));
  }

  private Command assignProduct() {
    UserId user = pick(PropertyWorld.USERS);
    ProductId product = pick(PropertyWorld.PRODUCTS);
    return admin("assignProduct(" + user + ", " + product + ")", s -> s.assignments().assignProduct(user, product, REASON));
  }

  private Command revokeProduct() {
    UserId user = pick(PropertyWorld.USERS);
    ProductId product = pick(PropertyWorld.PRODUCTS);
    return admin("revokeProduct(" + user + ", " + product + ")", s -> s.assignments().revokeProduct(user, product, REASON));
  }

  /** Mostly claims one of the user's pending licenses (found when run, so replays match); else any product. */
  private Command claim() {
    UserId user = pick(PropertyWorld.USERS);
    if (random.nextInt(4) == 0) {
      ProductId product = pick(PropertyWorld.PRODUCTS);
      return new Command("claim(" + user + ", " + product + ") as the user",
          t -> t.as(Actor.user(user)).claims().claim(user, product));
    }
    int choice = random.nextInt(PropertyWorld.PRODUCTS.size());
    return new Command("claim(" + user + ", pending #" + choice + ") as the user", t -> {
      List<ProductId> pending = t.as(PropertyWorld.ADMIN).claims().ofUser(user).stream()
          .filter(c -> c.status() == ClaimStatus.PENDING)
          .map(LicenseClaim::product)
          .sorted()
          .collect(Collectors.toList());
      if (!pending.isEmpty()) {
        t.as(Actor.user(user)).claims().claim(user, pending.get(choice % pending.size()));
      }
    });
  }

  private Command checkAccess() {
    UserId user = pick(PropertyWorld.USERS);
    ProductId product = pick(PropertyWorld.PRODUCTS);
    return new Command("check(" + user + ", " + product + ") as the user",
        t -> t.as(Actor.user(user)).access().check(user, product));
  }

  /** Revokes the user's claim of the product: the live one if any, else a final one (refused). */
  private Command revokeClaim() {
    UserId user = pick(PropertyWorld.USERS);
    ProductId product = pick(PropertyWorld.PRODUCTS);
    return admin("revokeClaim(" + user + ", " + product + ")", s -> s.claims().ofUser(user).stream()
        .filter(c -> c.product().equals(product))
        .min(Comparator.comparing((LicenseClaim c) -> !c.live()))
        .ifPresent(c -> s.claims().revoke(c.id(), REASON)));
  }

  private Command suspend() {
    UserId user = pick(PropertyWorld.USERS);
    return admin("suspend(" + user + ")", change(Kind.SUSPEND, user), s -> s.users().suspend(user, REASON));
  }

  private Command reactivate() {
    UserId user = pick(PropertyWorld.USERS);
    return admin("reactivate(" + user + ")", change(Kind.REACTIVATE, user), s -> s.users().reactivate(user));
  }

  private Command archive() {
    UserId user = pick(PropertyWorld.USERS);
    return admin("archive(" + user + ")", change(Kind.ARCHIVE, user), s -> s.users().archive(user, REASON));
  }

  private Command changeSeats() {
    PoolId pool = pick(PropertyWorld.POOLS);
    int seats = 1 + random.nextInt(4);
    return admin("changeSeats(" + pool + ", " + seats + ")", s -> s.pools().changeSeats(pool, seats, REASON));
  }

  /** Moves a pool's end to between 60 days ago and 300 days ahead: sometimes before its start, sometimes past. */
  private Command extendTerm() {
    PoolId pool = pick(PropertyWorld.POOLS);
    Instant newEnd = now().plus(Duration.ofDays(random.nextInt(-60, 300)));
    return admin("extendTerm(" + pool + ", " + newEnd + ")", s -> s.pools().extendTerm(pool, newEnd, REASON));
  }

  private Command advanceClock() {
    Duration step = Duration.ofHours(1 + random.nextInt(24 * 40));
    return new Command("advanceClock(" + step + ")", t -> advance.accept(step));
  }

  private Command recordTraining() {
    UserId user = pick(PropertyWorld.USERS);
    Instant earned = now().minus(Duration.ofDays(random.nextInt(400)));
    if (random.nextBoolean()) {
      return admin("recordCompletion(" + user + ", " + PROCTOR_TRAINING + ", " + earned + ")",
          s -> s.training().recordCompletion(user, PROCTOR_TRAINING, earned));
    }
    Instant expires = earned.plus(Duration.ofDays(1 + random.nextInt(500)));
    return admin("recordCertification(" + user + ", " + EVALUATOR_CERTIFICATION + ", " + earned + ", " + expires + ")",
        s -> s.training().recordCertification(user, EVALUATOR_CERTIFICATION, earned, expires));
  }

  private Command changeSettings() {
    TenantSettings settings = TenantSettings.builder()
        .suspendedUsersKeepSeats(random.nextBoolean())
        .claimOnFirstAccess(random.nextBoolean())
        .build();
    return admin("changeSettings(" + settings + ")", s -> s.settings().update(settings));
  }

  /** An e-mail edit racing the status changes: a fresh address each time, so the oracle can trace every edit. */
  private Command editEmail() {
    UserId user = pick(PropertyWorld.USERS);
    String email = user + "." + Long.toHexString(random.nextLong()) + "@example.org";
    return admin("editEmail(" + user + ", " + email + ")",
        Optional.of(new CommittedChange("", Kind.EDIT_EMAIL, user.value(), "", "", email)),
        s -> s.users().update(UserUpdate.builder().id(user).email(email).build()));
  }

  /** Grants one or two roles in one organization to every user, a set-based bulk run. */
  private Command bulkGrant() {
    OrganizationId organization = pick(PropertyWorld.ORGANIZATIONS);
    Set<RoleId> roles = new LinkedHashSet<>(List.of(pick(PropertyWorld.ROLES), pick(PropertyWorld.ROLES)));
    BulkRequest request = BulkRequest.where(UserFilter.all()).action(BulkAction.grantRoles(organization, roles)).reason(REASON).build();
    return admin("bulk grantRoles(" + organization + ", " + roles + ")", s -> s.bulk().run(request));
  }

  /**
   * A bulk REMOVE or REPLACE of memberships over the members of one organization, in either mode and
   * with small chunks: the bulk ways of leaving an organization.
   */
  private Command bulkChangeOrganizations() {
    OrganizationId from = pick(PropertyWorld.ORGANIZATIONS);
    OrganizationId to = pick(PropertyWorld.ORGANIZATIONS);
    boolean remove = random.nextBoolean();
    BulkAction action = remove
        ? BulkAction.changeOrganizations(BulkAction.MembershipChange.REMOVE, Set.of(from), Set.of())
        : BulkAction.changeOrganizations(BulkAction.MembershipChange.REPLACE, Set.of(to), Set.of(pick(PropertyWorld.ROLES)));
    org.licensekit.core.api.BulkMode mode = pick(List.of(org.licensekit.core.api.BulkMode.values()));
    BulkRequest request = BulkRequest.where(UserFilter.builder().organization(from).build()).action(action).mode(mode)
        .chunkSize(1 + random.nextInt(3)).reason(REASON).build();
    return admin("bulk " + action.canonical() + " over members of " + from + " " + mode, s -> s.bulk().run(request));
  }

  /** The outbox relay, as a host's maintenance job runs it on any instance. */
  private Command deliverOutbox() {
    return new Command("outbox deliverDue() as the system", t -> t.as(Actor.system("outbox-relay")).outbox().deliverDue());
  }

  private static Optional<CommittedChange> change(Kind kind, UserId user) {
    return Optional.of(CommittedChange.of(kind, user.value()));
  }

  private static Optional<CommittedChange> roleChange(Kind kind, UserId user, OrganizationId organization, RoleId role) {
    return Optional.of(new CommittedChange("", kind, user.value(), organization.value(), role.value(), ""));
  }

  private Command admin(String description, AdminAction action) {
    return admin(description, Optional.empty(), action);
  }

  private Command admin(String description, Optional<CommittedChange> change, AdminAction action) {
    return new Command(description, t -> action.run(t.as(PropertyWorld.ADMIN)), change);
  }

  @FunctionalInterface
  private interface AdminAction {
    void run(ActorSession admin);
  }

  private Instant now() {
    return clock.instant();
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
