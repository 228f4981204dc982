package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.WaitingUser;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The seat waitlist against a model: seeded random sequences of assignments, revocations, seat
 * increases, new scoped pools (some starting later), training completions (some dated later),
 * waiting users joining the other school, time passing, the lifecycle sweep that serves the queues,
 * archiving, and an administrator's moves and removals, each run through the public API and through a small model of pools, holders and the
 * queue; after every command the store must hold exactly what the model holds (who holds a seat
 * of which pool, the queue in order, each pool's seats in use). A failure names the seed, the
 * sequence and the command: rerun with {@code -Dlicensekit.seed=<seed>}. Sizes:
 * {@code -Dlicensekit.property.runs} sequences of {@code -Dlicensekit.property.commands} commands.
 */
public abstract class WaitlistModelSuite extends LicensingTestSupport {

  private static final Logger LOG = LoggerFactory.getLogger(WaitlistModelSuite.class);
  private static final ProductId PRODUCT = ProductId.of("waitlisted");
  private static final TrainingId TRAINING = TrainingId.of("waitlisted-training");
  private static final int USERS = 10;
  private static final int RECENT = 15;

  static Stream<Arguments> sequences() {
    long seed = SuiteSettings.seed();
    return IntStream.range(0, SuiteSettings.size(SuiteSettings.RUNS, 20)).mapToObj(index -> Arguments.of(index, seed));
  }

  @ParameterizedTest(name = "sequence {0} of seed {1}")
  @MethodSource("sequences")
  void theStoreHoldsWhatTheModelHoldsAfterEveryCommand(int index, long seed) {
    LOG.info("waitlist model sequence {} of seed {} (replay with -D{}={})", index, seed, SuiteSettings.SEED, seed);
    SplittableRandom random = new SplittableRandom(SuiteSettings.sequenceSeed(seed, index));
    Model model = new Model();
    install(model);
    Deque<String> recent = new ArrayDeque<>();
    int commands = Math.max(20, SuiteSettings.size(SuiteSettings.COMMANDS, 200) / 2);
    for (int step = 0; step < commands; step++) {
      String command = step(random, model);
      recent.addLast("#" + step + " " + command);
      if (recent.size() > RECENT) {
        recent.removeFirst();
      }
      List<String> differences = compare(model);
      if (!differences.isEmpty()) {
        fail("Command #" + step + " of sequence " + index + " (" + command + ") left the store unlike the model:\n  "
            + String.join("\n  ", differences)
            + "\nReplay: -D" + SuiteSettings.SEED + "=" + seed + " (sequence " + index + ", command " + step + ")"
            + "\nLast commands:\n  " + String.join("\n  ", recent));
      }
    }
  }

  private void install(Model model) {
    admin.catalog().defineProduct(Product.builder().id(PRODUCT).name("Waitlisted").type(ProductType.LEARNING_CONTENT)
        .addPrerequisites(Prerequisite.training(TRAINING)).build());
    for (int i = 0; i < USERS; i++) {
      UserId user = UserId.of(String.format("u%02d", i));
      OrganizationId org = i % 2 == 0 ? NORTH : SOUTH;
      admin.users().register(NewUser.builder().id(user).name("User " + user).email(user + "@example.org")
          .addOrganizations(org).invite(false).build());
      model.users.put(user, new ModelUser(org, clock.instant()));
      if (i % 3 != 0) {
        admin.training().recordCompletion(user, TRAINING, clock.instant());
        model.users.get(user).trainedAt = Optional.of(clock.instant());
      }
    }
    model.now = clock.instant();
    addPool(model, Optional.empty(), 2, schoolYear().start());
    addPool(model, Optional.of(NORTH), 1, schoolYear().start());
  }

  private String step(SplittableRandom random, Model model) {
    List<UserId> active = model.users.entrySet().stream().filter(e -> !e.getValue().archived).map(Map.Entry::getKey).toList();
    List<UserId> holders = active.stream().filter(u -> model.users.get(u).pool.isPresent()).toList();
    int dice = random.nextInt(100);
    if (dice < 35 || active.isEmpty()) {
      UserId user = pick(random, active.isEmpty() ? new ArrayList<>(model.users.keySet()) : active);
      if (model.users.get(user).archived) {
        return "nothing to do";
      }
      AssignmentResult result = admin.assignments().assignProduct(user, PRODUCT, "model");
      String expected = model.assign(user);
      String actual = result.assigned().isEmpty()
          ? (result.alreadyHeld().isEmpty() ? "refused " + result.refused().get(0).code() : "already") : "assigned";
      assertThat(actual).as("assign %s", user).isEqualTo(expected);
      return "assign " + user + " -> " + actual;
    }
    if (dice < 55 && !holders.isEmpty()) {
      UserId user = pick(random, holders);
      admin.assignments().revokeProduct(user, PRODUCT, "model");
      model.release(user);
      model.fill();
      return "revoke " + user;
    }
    if (dice < 63) {
      ModelPool pool = model.pools.get(random.nextInt(model.pools.size()));
      int seats = pool.seats + 1 + random.nextInt(2);
      admin.pools().changeSeats(pool.id, seats, "model");
      pool.seats = seats;
      model.fill();
      return "grow " + pool.id + " to " + seats;
    }
    if (dice < 68 && model.pools.size() < 6) {
      Optional<OrganizationId> scope = switch (random.nextInt(3)) {
        case 0 -> Optional.empty();
        case 1 -> Optional.of(NORTH);
        default -> Optional.of(SOUTH);
      };
      int seats = 1 + random.nextInt(2);
      boolean later = random.nextInt(3) == 0;
      PoolId id = addPool(model, scope, seats, later ? clock.instant().plus(java.time.Duration.ofDays(1)) : schoolYear().start());
      model.fill();
      return "add pool " + id + " " + scope.map(OrganizationId::value).orElse("tenant-wide") + " x" + seats
          + (later ? " starting in a day" : "");
    }
    if (dice < 78) {
      List<UserId> untrained = active.stream().filter(u -> model.users.get(u).trainedAt.isEmpty()).toList();
      if (untrained.isEmpty()) {
        return "nothing to train";
      }
      UserId user = pick(random, untrained);
      // now, or dated a day later: then only the sweep after that day serves the user
      java.time.Instant at = random.nextBoolean() ? clock.instant() : clock.instant().plus(java.time.Duration.ofDays(1));
      admin.training().recordCompletion(user, TRAINING, at);
      model.users.get(user).trainedAt = Optional.of(at);
      if (model.queue.contains(user)) {
        model.fill();
      }
      return "train " + user + " at " + at;
    }
    if (dice < 80) {
      clock.advance(java.time.Duration.ofHours(25));
      model.now = clock.instant();
      return "a day passes";
    }
    if (dice < 82) {
      admin.lifecycle().serveWaitlists();
      model.fill();
      return "sweep";
    }
    if (dice < 84 && !model.queue.isEmpty()) {
      UserId user = pick(random, model.queue);
      OrganizationId other = model.users.get(user).organizations.contains(NORTH) ? SOUTH : NORTH;
      if (model.users.get(user).organizations.contains(other)) {
        return "nothing to join";
      }
      admin.assignments().addToOrganization(user, other, java.util.Set.of());
      model.users.get(user).organizations.add(other);
      model.fill();
      return "join " + user + " to " + other;
    }
    if (dice < 82 && active.size() > 3) {
      UserId user = pick(random, active);
      admin.users().archive(user, "model");
      model.archive(user);
      return "archive " + user;
    }
    if (dice < 93 && !model.queue.isEmpty()) {
      UserId user = pick(random, model.queue);
      int position = 1 + random.nextInt(model.queue.size());
      admin.waitlist().move(PRODUCT, user, position, "model");
      model.queue.remove(user);
      model.queue.add(position - 1, user);
      return "move " + user + " to " + position;
    }
    if (!model.queue.isEmpty()) {
      UserId user = pick(random, model.queue);
      admin.waitlist().remove(PRODUCT, user, "model");
      model.queue.remove(user);
      return "remove " + user;
    }
    return "nothing waiting";
  }

  /** A pool whose term starts at {@code start}; every pool ends at the end of the school year, so seat choice goes by id. */
  private PoolId addPool(Model model, Optional<OrganizationId> scope, int seats, java.time.Instant start) {
    PoolId id = PoolId.of(String.format("pool-%02d", model.pools.size()));
    admin.pools().add(NewPool.builder().id(id).product(PRODUCT).seats(seats)
        .term(org.licensekit.core.domain.Term.of(start, schoolYear().end())).scope(scope).build());
    model.pools.add(new ModelPool(id, scope, seats, start));
    return id;
  }

  private List<String> compare(Model model) {
    List<String> differences = new ArrayList<>();
    List<UserId> queue = admin.waitlist().of(PRODUCT).stream().map(WaitingUser::user).collect(Collectors.toList());
    if (!queue.equals(model.queue)) {
      differences.add("queue " + queue + ", model " + model.queue);
    }
    model.users.forEach((user, expected) -> {
      Optional<PoolId> held = admin.claims().ofUser(user).stream()
          .filter(c -> c.product().equals(PRODUCT) && c.live()).map(LicenseClaim::pool).findFirst();
      if (!held.equals(expected.pool)) {
        differences.add(user + " holds " + held + ", model " + expected.pool);
      }
    });
    for (ModelPool pool : model.pools) {
      int inUse = admin.pools().find(pool.id).orElseThrow().seatsInUse();
      if (inUse != pool.used(model)) {
        differences.add(pool.id + " has " + inUse + " seats in use, model " + pool.used(model));
      }
    }
    return differences;
  }

  private static <T> T pick(SplittableRandom random, List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  /** One user as the model sees them. */
  private static final class ModelUser {
    final java.util.Set<OrganizationId> organizations = new java.util.HashSet<>();
    Optional<java.time.Instant> trainedAt = Optional.empty();
    boolean archived;
    Optional<PoolId> pool = Optional.empty();

    ModelUser(OrganizationId organization, java.time.Instant registered) {
      organizations.add(organization);
    }

    boolean trainedAt(java.time.Instant now) {
      return trainedAt.filter(at -> !at.isAfter(now)).isPresent();
    }
  }

  /** One pool as the model sees it. */
  private static final class ModelPool {
    final PoolId id;
    final Optional<OrganizationId> scope;
    final java.time.Instant start;
    int seats;

    ModelPool(PoolId id, Optional<OrganizationId> scope, int seats, java.time.Instant start) {
      this.id = id;
      this.scope = scope;
      this.seats = seats;
      this.start = start;
    }

    boolean currentAt(java.time.Instant now) {
      return !start.isAfter(now);
    }

    int used(Model model) {
      return (int) model.users.values().stream().filter(u -> u.pool.equals(Optional.of(id))).count();
    }

    boolean serves(ModelUser user) {
      return scope.map(user.organizations::contains).orElse(true);
    }
  }

  /** The expected state: pools, who holds a seat of which, and the queue. */
  private static final class Model {
    final Map<UserId, ModelUser> users = new LinkedHashMap<>();
    final List<ModelPool> pools = new ArrayList<>();
    final List<UserId> queue = new ArrayList<>();
    java.time.Instant now;

    /** The pool a new claim of the user takes its seat from: every term ends alike, so the lowest id first. */
    Optional<ModelPool> candidate(ModelUser user) {
      return pools.stream().filter(p -> p.currentAt(now) && p.serves(user) && p.used(this) < p.seats).findFirst();
    }

    String assign(UserId id) {
      ModelUser user = users.get(id);
      if (user.pool.isPresent()) {
        return "already";
      }
      if (candidate(user).isPresent() && !queue.isEmpty()) {
        // a free seat while users wait: those ahead are served first (this user too, if waiting and able)
        fill();
        if (user.pool.isPresent()) {
          return "assigned";
        }
      }
      Optional<ModelPool> pool = candidate(user);
      if (pool.isPresent()) {
        user.pool = Optional.of(pool.get().id);
        queue.remove(id);
        return "assigned";
      }
      if (pools.stream().noneMatch(p -> p.currentAt(now) && p.serves(user))) {
        return "refused " + AssignmentRefusal.NO_POOL;
      }
      if (!queue.contains(id)) {
        queue.add(id);
      }
      return "refused " + AssignmentRefusal.NO_SEAT_AVAILABLE;
    }

    void release(UserId id) {
      users.get(id).pool = Optional.empty();
    }

    void archive(UserId id) {
      ModelUser user = users.get(id);
      if (user.pool.isPresent()) {
        release(id);
        fill();
      }
      user.archived = true;
      queue.remove(id);
    }

    /** Free seats to the waiting users in order; those a free seat cannot serve (scope, training) keep their place. */
    void fill() {
      for (UserId id : new ArrayList<>(queue)) {
        if (pools.stream().noneMatch(p -> p.currentAt(now) && p.used(this) < p.seats)) {
          return;
        }
        ModelUser user = users.get(id);
        if (!user.trainedAt(now)) {
          continue;
        }
        Optional<ModelPool> pool = candidate(user);
        if (pool.isPresent()) {
          user.pool = Optional.of(pool.get().id);
          queue.remove(id);
        }
      }
    }
  }
}
