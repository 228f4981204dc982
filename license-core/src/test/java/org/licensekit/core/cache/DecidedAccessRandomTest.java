package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.fail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.LicensingException;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded random writes and clock moves — forward, and stepping back — on one tenant, with every
 * user × product checked after each through the decided-access cache (twice: the second answer is
 * the kept one) and on the same store without it: the answers must be equal, except within the
 * staleness bound of a write made behind the cache's back (another instance), after which they
 * must be equal again. Run with the decisions timed on the clock's milliseconds (as with the
 * system clock) and on the ticker. The ticker stands for elapsed time: it moves with the clock's
 * forward moves and not with its steps back. Every step back is followed by checks, as on a host
 * that keeps checking; see {@link CacheSettings#maximumStaleness()} for a step no check sees.
 * {@code -Dlicensekit.seed} replays a run; a failure names its seed.
 */
class DecidedAccessRandomTest {

  private static final Logger LOG = LoggerFactory.getLogger(DecidedAccessRandomTest.class);
  private static final Duration STALENESS = Duration.ofSeconds(5);
  private static final Instant START = Instant.parse("2026-09-01T08:00:00.000250Z");
  private static final TenantId TENANT = TenantId.of("district");
  private static final OrganizationId SCHOOL = OrganizationId.of("school");
  private static final ProductId OBSERVATION = ProductId.of("observation");
  private static final ProductId COACHING = ProductId.of("coaching");
  private static final List<ProductId> PRODUCTS = List.of(OBSERVATION, COACHING);
  private static final List<UserId> USERS = List.of(UserId.of("ana"), UserId.of("bo"), UserId.of("cy"), UserId.of("dee"));
  private static final int SEQUENCES = 6;
  private static final int COMMANDS = 300;

  static Stream<Arguments> sequences() {
    long seed = Long.getLong("licensekit.seed", System.nanoTime());
    return Stream.of(true, false).flatMap(wall -> java.util.stream.IntStream.range(0, SEQUENCES)
        .mapToObj(index -> Arguments.of(wall, index, seed)));
  }

  @ParameterizedTest(name = "wall-timed {0}, sequence {1} of seed {2}")
  @MethodSource("sequences")
  void cachedAnswersEqualTheStoresOnceNoWriteBehindTheCacheIsYoungerThanTheStalenessBound(boolean wall, int index, long seed) {
    LOG.info("decided-access random sequence {} of seed {}, wall-timed {} (replay with -Dlicensekit.seed={})", index, seed, wall, seed);
    SplittableRandom random = new SplittableRandom(seed * 31 + index);
    FakeTicker ticker = new FakeTicker();
    SteppingClock clock = new SteppingClock(START);
    InMemoryLicenseStore underlying = InMemoryLicenseStore.create();
    CachingLicenseStore cachedStore = CachingLicenseStore.wrap(underlying,
        CacheSettings.custom().maximumStaleness(STALENESS).ticker(ticker).build(), candidate -> wall);
    TenantLicensing cached = Licensing.builder().store(cachedStore).clock(clock).build().tenant(TENANT);
    TenantLicensing plain = Licensing.builder().store(underlying).clock(clock).build().tenant(TENANT);
    install(cached.as(Actor.systemAdministrator("admin")));

    long lastWriteBehind = Long.MIN_VALUE / 2;
    Deque<String> recent = new ArrayDeque<>();
    for (int step = 0; step < COMMANDS; step++) {
      UserId user = USERS.get(random.nextInt(USERS.size()));
      ProductId product = PRODUCTS.get(random.nextInt(PRODUCTS.size()));
      String command;
      int kind = random.nextInt(13);
      switch (kind) {
        case 0, 1, 9 -> {
          Duration forward = random.nextInt(5) > 0 ? Duration.ofNanos(random.nextLong(1, 1_500_000_000L))
              : Duration.ofMinutes(random.nextLong(1, 24 * 60));
          clock.move(forward);
          ticker.advance(forward);
          command = "clock forward " + forward;
        }
        case 2, 12 -> {
          Duration back = Duration.ofNanos(random.nextLong(1, 4_000_000_000L));
          clock.move(back.negated());
          command = "clock back " + back;
        }
        case 3 -> command = "claim " + user + " " + product + ": "
            + attempt(() -> cached.as(Actor.user(user)).claims().claim(user, product).succeeded());
        case 4 -> command = "revoke " + user + " " + product + ": " + attempt(() -> revoke(cached, user, product));
        case 5 -> command = "suspend " + user + ": " + attempt(() -> admin(cached).users().suspend(user, "leave"));
        case 6 -> command = "reactivate " + user + ": " + attempt(() -> admin(cached).users().reactivate(user));
        case 7 -> command = (random.nextBoolean() ? "revoke role " : "assign role ") + user + ": " + attempt(() -> random.nextBoolean()
            ? admin(cached).assignments().revokeRole(user, SCHOOL, DefaultCatalog.OBSERVABLE, "moved")
            : admin(cached).assignments().assignRole(user, SCHOOL, DefaultCatalog.OBSERVABLE));
        default -> {
          // Another instance writes to the same data: only the staleness bound can bring it here.
          boolean suspend = random.nextBoolean();
          command = "behind the cache " + (suspend ? "suspend " : "reactivate ") + user + ": " + attempt(() -> suspend
              ? admin(plain).users().suspend(user, "leave") : admin(plain).users().reactivate(user));
          lastWriteBehind = ticker.read();
        }
      }
      recent.addLast("#" + step + " " + command + " (clock " + clock.instant() + ")");
      if (recent.size() > 15) {
        recent.removeFirst();
      }
      boolean settled = ticker.read() - lastWriteBehind >= STALENESS.toNanos();
      for (UserId checked : USERS) {
        for (ProductId checkedProduct : PRODUCTS) {
          String first = cached.access().check(checked, checkedProduct).toString();
          String again = cached.access().check(checked, checkedProduct).toString();
          String uncached = plain.access().check(checked, checkedProduct).toString();
          if (settled && (!first.equals(uncached) || !again.equals(uncached))) {
            fail("Seed " + seed + " sequence " + index + " (wall-timed " + wall + ") after command #" + step + ": check(" + checked + ", "
                + checkedProduct + ")\n  cached: " + first + "\n  again:  " + again + "\n  uncached: " + uncached
                + "\nReplay: -Dlicensekit.seed=" + seed + "\nLast commands:\n  " + String.join("\n  ", recent));
          }
        }
      }
    }
  }

  private static ActorSession admin(TenantLicensing tenant) {
    return tenant.as(Actor.systemAdministrator("admin"));
  }

  /** Observation from a pool serving now; coaching from one whose term starts in a day: clock moves cross both terms' ends. */
  private static void install(ActorSession admin) {
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineProduct(Product.builder().id(COACHING).name("Coaching").type(ProductType.LEARNING_CONTENT).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION, COACHING)));
    admin.users().defineOrganization(Organization.root(SCHOOL, "School"));
    admin.pools().add(NewPool.builder().product(OBSERVATION).seats(3)
        .term(Term.of(START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(3)))).build());
    admin.pools().add(NewPool.builder().product(COACHING).seats(3)
        .term(Term.of(START.plus(Duration.ofDays(1)), START.plus(Duration.ofDays(6)))).build());
    for (UserId user : USERS) {
      admin.users().register(NewUser.builder().id(user).name("User " + user.value()).email(user.value() + "@example.org")
          .jobProfile(DefaultCatalog.TEACHER).addOrganizations(SCHOOL).invite(false).build());
      admin.users().activate(user);
    }
  }

  private static Object revoke(TenantLicensing tenant, UserId user, ProductId product) {
    return admin(tenant).claims().ofUser(user).stream().filter(claim -> claim.product().equals(product) && claim.live())
        .findFirst().map(LicenseClaim::id).map(claim -> admin(tenant).claims().revoke(claim, "left")).map(c -> "revoked")
        .orElse("no live claim");
  }

  private static String attempt(java.util.concurrent.Callable<Object> command) {
    try {
      return String.valueOf(command.call());
    } catch (LicensingException refused) {
      return "refused " + refused.code();
    } catch (Exception unexpected) {
      throw new AssertionError("threw " + unexpected, unexpected);
    }
  }

  /** A UTC clock the test moves forward and back. */
  private static final class SteppingClock extends Clock {
    private final AtomicReference<Instant> now;

    SteppingClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void move(Duration by) {
      now.updateAndGet(instant -> instant.plus(by));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("UTC only");
    }
  }
}
