package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.DenialReason;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.cache.CacheSettings;
import org.licensekit.core.cache.CachingLicenseStore;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two {@code Licensing} instances on one database, each with its own {@link CachingLicenseStore}
 * whose staleness bound (one hour) is far beyond the test: a change committed through one is seen
 * by the other's access check through the change signals, and without signals it is not.
 *
 * <p>What proves the signal is the gap between the bound the test waits for a change to be seen
 * (a minute) and the cache's staleness bound (an hour), with the control test showing that without
 * signals nothing else makes the other instance see it. How soon it is seen (the poll interval plus
 * scheduling) is logged, never asserted: on a machine busy with other builds a poller thread may
 * wait seconds for a core, and a change-log id committed out of order is waited for up to ten
 * seconds before the instance forgets everything, so a timed limit failed without any defect.
 */
abstract class AbstractChangeSignalsTest {

  private static final Logger LOG = LoggerFactory.getLogger(AbstractChangeSignalsTest.class);
  private static final AtomicInteger TENANTS = new AtomicInteger();
  private static final ProductId OBSERVATION = ProductId.of("observation");
  /** The configured delay: the poll interval, and the PostgreSQL listener's wait. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(100);
  /**
   * How long a test waits for the other instance to see a change: generous, so a loaded machine
   * never fails it, and still sixty times below the staleness bound, so only a signal can meet it.
   */
  private static final Duration PATIENCE = Duration.ofMinutes(1);
  /** The staleness bound of both instances' caches. */
  private static final Duration STALENESS = Duration.ofHours(1);

  private CachingLicenseStore first;
  private CachingLicenseStore second;

  /** The database both instances share. */
  protected abstract DataSource dataSource();

  /** The mode both instances are built with. */
  protected abstract ChangeSignalMode mode();

  private CachingLicenseStore instance(ChangeSignalMode mode) {
    return CachingLicenseStore.wrap(JdbcLicenseStore.builder(dataSource()).changeSignals(mode).changePollInterval(POLL_INTERVAL).build(),
        CacheSettings.custom().maximumStaleness(STALENESS).build());
  }

  @AfterEach
  void close() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  private static TenantLicensing tenant(CachingLicenseStore store, TenantId tenant) {
    return Licensing.builder().store(store).build().tenant(tenant);
  }

  /** A tenant with one active teacher who holds an active claim of observation; returns the teacher. */
  private static UserId allowedTeacher(TenantLicensing district) {
    ActorSession admin = district.as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION)));
    OrganizationId school = OrganizationId.of("school");
    admin.users().defineOrganization(Organization.root(school, "School"));
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().product(OBSERVATION).seats(5)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    UserId teacher = UserId.of("teacher");
    admin.users().register(NewUser.builder().id(teacher).name("Tea Cher").email("teacher@example.org")
        .jobProfile(DefaultCatalog.TEACHER).addOrganizations(school).invite(false).build());
    admin.users().activate(teacher);
    assertThat(district.as(Actor.user(teacher)).claims().claim(teacher, OBSERVATION).refusals()).isEmpty();
    return teacher;
  }

  private static LicenseClaim liveClaim(TenantLicensing district, UserId user) {
    return district.as(Actor.systemAdministrator("admin")).claims().ofUser(user).stream()
        .filter(LicenseClaim::live).findFirst().orElseThrow();
  }

  @Test
  void aRevocationInOneInstanceIsDeniedByTheOtherWithinTheDelay() throws InterruptedException {
    first = instance(mode());
    second = instance(mode());
    TenantId tenant = TenantId.of("signals-" + TENANTS.incrementAndGet());
    TenantLicensing writer = tenant(first, tenant);
    TenantLicensing reader = tenant(second, tenant);
    UserId teacher = allowedTeacher(writer);
    assertThat(reader.access().check(teacher, OBSERVATION).allowed()).isTrue();

    writer.as(Actor.systemAdministrator("admin")).claims().revoke(liveClaim(writer, teacher).id(), "left the school");

    awaitDenied(reader, teacher, "the revoked claim");
    assertThat(reader.access().check(teacher, OBSERVATION).reasonCodes()).contains(DenialReason.CLAIM_REVOKED);
  }

  @Test
  void aSuspensionAndACatalogChangeInOneInstanceAreSeenByTheOther() throws InterruptedException {
    first = instance(mode());
    second = instance(mode());
    TenantId tenant = TenantId.of("signals-" + TENANTS.incrementAndGet());
    TenantLicensing writer = tenant(first, tenant);
    TenantLicensing reader = tenant(second, tenant);
    UserId teacher = allowedTeacher(writer);
    assertThat(reader.access().check(teacher, OBSERVATION).allowed()).isTrue();

    writer.as(Actor.systemAdministrator("admin")).users().suspend(teacher, "leave of absence");
    awaitDenied(reader, teacher, "the suspended user");

    writer.as(Actor.systemAdministrator("admin")).users().reactivate(teacher);
    awaitAllowed(reader, teacher, "the reactivated user");
  }

  @Test
  void withoutSignalsTheOtherInstanceKeepsItsAnswerUntilItsStalenessBound() throws InterruptedException {
    first = instance(ChangeSignalMode.NONE);
    second = instance(ChangeSignalMode.NONE);
    TenantId tenant = TenantId.of("signals-" + TENANTS.incrementAndGet());
    TenantLicensing writer = tenant(first, tenant);
    TenantLicensing reader = tenant(second, tenant);
    UserId teacher = allowedTeacher(writer);
    assertThat(reader.access().check(teacher, OBSERVATION).allowed()).isTrue();

    writer.as(Actor.systemAdministrator("admin")).claims().revoke(liveClaim(writer, teacher).id(), "left the school");
    Thread.sleep(POLL_INTERVAL.multipliedBy(10).toMillis());

    assertThat(reader.access().check(teacher, OBSERVATION).allowed()).as("served from the kept decision").isTrue();
  }

  private void awaitDenied(TenantLicensing reader, UserId user, String what) throws InterruptedException {
    await(reader, user, false, what);
  }

  private void awaitAllowed(TenantLicensing reader, UserId user, String what) throws InterruptedException {
    await(reader, user, true, what);
  }

  /** Waits until the reader's check answers {@code allowed}, for at most {@link #PATIENCE}; logs how long it took. */
  private void await(TenantLicensing reader, UserId user, boolean allowed, String what) throws InterruptedException {
    assertThat(PATIENCE).isLessThan(STALENESS);
    long start = System.nanoTime();
    boolean seen;
    while (!(seen = reader.access().check(user, OBSERVATION).allowed() == allowed)
        && System.nanoTime() - start < PATIENCE.toNanos()) {
      Thread.sleep(5);
    }
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    assertThat(seen).as("%s: the other instance %s %s within %s (its cache keeps answers for %s)",
        mode(), allowed ? "allowed" : "denied", what, PATIENCE, STALENESS).isTrue();
    LOG.info("{}: the other instance {} {} {} ms after the change committed", mode(), allowed ? "allowed" : "denied", what, millis);
  }
}
