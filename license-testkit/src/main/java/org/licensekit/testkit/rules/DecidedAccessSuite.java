package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.Licensing;
import org.licensekit.core.LicensingException;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.Access;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.cache.CacheSettings;
import org.licensekit.core.cache.CachingLicenseStore;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.testkit.LicensingTestSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decided-access cache of {@link CachingLicenseStore}: a kept access decision is decided
 * again after every kind of write that can change it, is never served past the instant at which
 * time alone changes it, is unchanged by a rolled-back write, and always equals the answer of the
 * same store without the cache. Extend it and return the store to wrap; the suite wraps it (with a
 * staleness long enough that only invalidation, never the staleness bound, can refresh an answer)
 * and checks the uncached answers on the store itself.
 */
public abstract class DecidedAccessSuite extends LicensingTestSupport {

  private static final Logger LOG = LoggerFactory.getLogger(DecidedAccessSuite.class);
  private static final TrainingId OBSERVER_TRAINING = TrainingId.of("observer-training");

  private LicenseStore underlying;

  /** The store the suite wraps in a {@link CachingLicenseStore}; fresh or shared, never cached itself. */
  protected abstract LicenseStore createUnderlyingStore();

  @Override
  protected final LicenseStore createStore() {
    underlying = createUnderlyingStore();
    return CachingLicenseStore.wrap(underlying, CacheSettings.custom().maximumStaleness(Duration.ofHours(1)).build());
  }

  /** The same tenant on the same data, with no cache in front. */
  private TenantLicensing uncached() {
    return Licensing.builder().store(underlying).clock(clock).build().tenant(tenantId);
  }

  /** An administrator (observer) at North High holding an active claim of observation, checked once. */
  private UserId allowedObserver() {
    pool(OBSERVATION, 5);
    UserId observer = activeUser("observer", DefaultCatalog.ADMINISTRATOR, NORTH);
    assertThat(asUser(observer).claims().claim(observer, OBSERVATION).refusals()).isEmpty();
    assertThat(tenant.access().check(observer, OBSERVATION).allowed()).isTrue();
    return observer;
  }

  private LicenseClaim liveClaim(UserId user, ProductId product) {
    return admin.claims().ofUser(user).stream().filter(c -> c.product().equals(product) && c.live()).findFirst().orElseThrow();
  }

  @Test
  void aRepeatedCheckIsAnsweredFromTheKeptDecisionNotTheRecords() {
    UserId observer = allowedObserver();
    LicenseClaim claim = liveClaim(observer, OBSERVATION);
    // Written behind the cache's back: only the kept decision can still say "allowed".
    underlying.claims().compareAndSet(tenantId, claim.status(), LicenseClaim.builder().from(claim)
        .status(org.licensekit.core.domain.ClaimStatus.REVOKED).endedAt(clock.instant()).build());

    assertThat(uncached().access().check(observer, OBSERVATION).reasonCodes()).containsExactly(DenialReason.CLAIM_REVOKED);
    assertThat(tenant.access().check(observer, OBSERVATION).allowed()).isTrue();
  }

  /**
   * A warm check builds nothing: no session, service, list, optional, instant or key. Measured as
   * the bytes this thread allocated over many warm checks (HotSpot's per-thread counter), which
   * would be at least 16 per check for any object built on the path.
   */
  @Test
  void aWarmCheckAllocatesNothing() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    assumeTrue(threads instanceof com.sun.management.ThreadMXBean,
        "needs HotSpot's per-thread allocation counter");
    com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
    assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled());
    UserId observer = allowedObserver();
    clock.advance(Duration.ofMinutes(1));
    Access access = tenant.access();
    int checks = 20_000;
    boolean allowed = true;
    for (int i = 0; i < checks; i++) {
      allowed &= access.check(observer, OBSERVATION).allowed();
    }
    long thread = Thread.currentThread().getId();
    long before = counter.getThreadAllocatedBytes(thread);
    for (int i = 0; i < checks; i++) {
      allowed &= access.check(observer, OBSERVATION).allowed();
    }
    long allocated = counter.getThreadAllocatedBytes(thread) - before;

    assertThat(allowed).isTrue();
    assertThat(allocated).as("bytes allocated by %d warm checks", checks).isLessThan(checks);
  }

  @Test
  void revokingTheClaimIsSeenByTheNextCheck() {
    UserId observer = allowedObserver();

    admin.claims().revoke(liveClaim(observer, OBSERVATION).id(), "left the program");

    assertThat(tenant.access().check(observer, OBSERVATION).reasonCodes()).contains(DenialReason.CLAIM_REVOKED);
  }

  @Test
  void revokingTheRoleIsSeenByTheNextCheck() {
    UserId observer = allowedObserver();

    admin.assignments().revokeRole(observer, NORTH, DefaultCatalog.OBSERVER, "no longer observes");

    assertThat(tenant.access().check(observer, OBSERVATION).allowed()).isFalse();
    assertThat(tenant.access().check(observer, OBSERVATION)).isEqualTo(uncached().access().check(observer, OBSERVATION));
  }

  @Test
  void suspendingTheAccountIsSeenByTheNextCheck() {
    UserId observer = allowedObserver();

    admin.users().suspend(observer, "leave of absence");

    assertThat(tenant.access().check(observer, OBSERVATION).reasonCodes()).contains(DenialReason.ACCOUNT_NOT_ACTIVE);
  }

  @Test
  void aNewPrerequisiteOfTheProductAndItsCompletionAreSeenByTheNextCheck() {
    UserId observer = allowedObserver();

    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL)
        .addPrerequisites(Prerequisite.training(OBSERVER_TRAINING)).build());
    assertThat(tenant.access().check(observer, OBSERVATION).reasonCodes()).singleElement()
        .isIn(DenialReason.TRAINING_NOT_ASSIGNED, DenialReason.TRAINING_NOT_COMPLETED);

    admin.training().recordCompletion(observer, OBSERVER_TRAINING, clock.instant().minus(1, ChronoUnit.HOURS));
    assertThat(tenant.access().check(observer, OBSERVATION).allowed()).isTrue();
  }

  @Test
  void changingThePoolTermIsSeenByTheNextCheck() {
    UserId observer = allowedObserver();
    LicensePool pool = admin.pools().list().get(0).pool();
    clock.set(pool.term().end());
    assertThat(tenant.access().check(observer, OBSERVATION).reasonCodes()).containsExactly(DenialReason.POOL_TERM_ENDED);

    admin.pools().extendTerm(pool.id(), pool.term().end().plus(30, ChronoUnit.DAYS), "late renewal");

    assertThat(tenant.access().check(observer, OBSERVATION).allowed()).isTrue();
    admin.pools().renew(pool.id(), Term.of(clock.instant().plus(1, ChronoUnit.DAYS), clock.instant().plus(400, ChronoUnit.DAYS)),
        Optional.empty(), "next contract");
    assertThat(tenant.access().check(observer, OBSERVATION).reasonCodes()).containsExactly(DenialReason.POOL_TERM_NOT_STARTED);
  }

  @Test
  void aKeptDecisionIsNeverServedPastTheClaimExpiry() {
    pool(COACHING, 5);
    UserId teacher = activeUser("teacher", DefaultCatalog.TEACHER, NORTH);
    LicenseClaim claim = asUser(teacher).claims().claim(teacher, COACHING).claim().orElseThrow();
    Instant expiry = claim.expiresAt().orElseThrow();
    clock.set(expiry.minusNanos(1_000));
    assertThat(tenant.access().check(teacher, COACHING).allowed()).isTrue();

    clock.set(expiry);

    assertThat(tenant.access().check(teacher, COACHING).reasonCodes()).containsExactly(DenialReason.CLAIM_EXPIRED);
  }

  @Test
  void aKeptDecisionIsNeverServedPastTheCertificationExpiryNorWhenTheClockGoesBack() {
    pool(EVALUATION, 5);
    UserId evaluator = activeUser("evaluator", DefaultCatalog.ADMINISTRATOR, NORTH);
    Instant earned = clock.instant().minus(1, ChronoUnit.DAYS);
    Instant expires = clock.instant().plus(30, ChronoUnit.DAYS);
    admin.training().recordCertification(evaluator, EVALUATOR_CERTIFICATION, earned, expires);
    assertThat(asUser(evaluator).claims().claim(evaluator, EVALUATION).refusals()).isEmpty();
    clock.set(expires.minusNanos(1_000));
    assertThat(tenant.access().check(evaluator, EVALUATION).allowed()).isTrue();

    clock.set(expires);
    assertThat(tenant.access().check(evaluator, EVALUATION).reasonCodes()).containsExactly(DenialReason.CERTIFICATION_EXPIRED);

    clock.set(earned.minusSeconds(1));
    AccessDecision beforeEarned = tenant.access().check(evaluator, EVALUATION);
    assertThat(beforeEarned.allowed()).isFalse();
    assertThat(beforeEarned).isEqualTo(uncached().access().check(evaluator, EVALUATION));
  }

  @Test
  void aKeptDecisionIsNeverServedPastThePoolTermStartOrEnd() {
    UserId observer = allowedObserver();
    LicensePool pool = admin.pools().list().get(0).pool();
    clock.set(pool.term().start().minusNanos(1_000));
    AccessDecision before = tenant.access().check(observer, OBSERVATION);
    assertThat(before.reasonCodes()).containsExactly(DenialReason.POOL_TERM_NOT_STARTED);
    assertThat(tenant.access().check(observer, OBSERVATION)).isEqualTo(before);

    clock.set(pool.term().start());
    assertThat(tenant.access().check(observer, OBSERVATION).allowed()).isTrue();

    clock.set(pool.term().end().minusNanos(1_000));
    assertThat(tenant.access().check(observer, OBSERVATION).allowed()).isTrue();
    clock.set(pool.term().end());
    assertThat(tenant.access().check(observer, OBSERVATION).reasonCodes()).containsExactly(DenialReason.POOL_TERM_ENDED);
  }

  @Test
  void aRolledBackWriteLeavesTheAnswerAsItWas() {
    UserId observer = allowedObserver();
    LicenseClaim claim = liveClaim(observer, OBSERVATION);

    assertThatThrownBy(() -> store.transactions().inTransaction(() -> {
      store.claims().compareAndSet(tenantId, claim.status(), LicenseClaim.builder().from(claim)
          .status(org.licensekit.core.domain.ClaimStatus.REVOKED).endedAt(clock.instant()).build());
      store.directory().deleteMembership(tenantId, observer, NORTH);
      assertThat(tenant.access().check(observer, OBSERVATION).allowed()).as("inside the transaction").isFalse();
      throw new IllegalStateException("roll back");
    })).hasMessage("roll back");

    assertThat(tenant.access().check(observer, OBSERVATION).allowed()).isTrue();
    assertThat(uncached().access().check(observer, OBSERVATION).allowed()).isTrue();
  }

  static Stream<Arguments> sequences() {
    long seed = SuiteSettings.seed();
    return IntStream.range(0, SuiteSettings.size(SuiteSettings.RUNS, 10)).mapToObj(index -> Arguments.of(index, seed));
  }

  /**
   * Random commands (the property runs' generator, clock moves included); after each, every user ×
   * product is checked through the cache (twice, the second from the kept decision) and without
   * it, and the answers must be equal.
   */
  @ParameterizedTest(name = "sequence {0} of seed {1}")
  @MethodSource("sequences")
  void keptDecisionsAlwaysEqualTheUncachedAnswer(int index, long seed) {
    long sequenceSeed = SuiteSettings.sequenceSeed(seed, index);
    LOG.info("decided-access sequence {} of seed {} (replay with -D{}={})", index, seed, SuiteSettings.SEED, seed);
    PropertyWorld.install(admin);
    CommandGenerator generator = new CommandGenerator(new SplittableRandom(sequenceSeed), clock);
    TenantLicensing uncached = uncached();
    Deque<String> recent = new ArrayDeque<>();
    int commands = SuiteSettings.size(SuiteSettings.COMMANDS, 150);
    java.util.List<Command> opening = generator.prologue();
    for (int step = 0; step < commands; step++) {
      Command command = step < opening.size() ? opening.get(step) : generator.next();
      String outcome = outcome(() -> {
        command.action().run(tenant);
        return "ok";
      });
      recent.addLast("#" + step + " " + command + " -> " + outcome);
      if (recent.size() > 20) {
        recent.removeFirst();
      }
      for (UserId user : PropertyWorld.USERS) {
        for (ProductId product : PropertyWorld.PRODUCTS) {
          String cached = outcome(() -> tenant.access().check(user, product).toString());
          String again = outcome(() -> tenant.access().check(user, product).toString());
          String plain = outcome(() -> uncached.access().check(user, product).toString());
          if (!cached.equals(plain) || !again.equals(plain)) {
            fail("Seed " + seed + " sequence " + index + " after command #" + step + " (" + command + ") at " + clock.instant()
                + ": check(" + user + ", " + product + ")\n  cached: " + cached + "\n  again:  " + again + "\n  uncached: " + plain
                + "\nReplay: -D" + SuiteSettings.SEED + "=" + seed + "\nLast commands:\n  " + String.join("\n  ", recent));
          }
        }
      }
    }
  }

  private static String outcome(java.util.concurrent.Callable<String> call) {
    try {
      return call.call();
    } catch (LicensingException refused) {
      return "refused " + refused.code();
    } catch (Exception unexpected) {
      throw new AssertionError("threw " + unexpected, unexpected);
    }
  }
}
