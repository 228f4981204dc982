package org.licensekit.jdbc;

import static org.licensekit.testkit.fixtures.Fixtures.T0;
import static org.licensekit.testkit.fixtures.Fixtures.day;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.report.UsageDay;
import org.licensekit.testkit.fixtures.Fixtures;

/**
 * The same rows for any store, written through the SPI with fixed ids so two stores can be compared
 * row for row. The text is chosen where orders part: a full-width letter (U+FF21) sorts before an
 * emoji (U+1F600) by code point but after it by UTF-16 unit; accents and case differ; e-mail
 * addresses repeat ignoring case. Claims share instants (ties go by id), miss users, memberships,
 * claim dates; counters disagree with the claims; usage spans the periods' edges.
 */
final class ReportAgreementSeed {

  static final ProductId OBS = ProductId.of("p-obs");
  static final ProductId COURSE = ProductId.of("p-course");
  static final Instant HOUR_1 = T0.plus(Duration.ofHours(1));

  private final LicenseStore store;
  private final TenantId tenant;

  private ReportAgreementSeed(LicenseStore store, TenantId tenant) {
    this.store = store;
    this.tenant = tenant;
  }

  static void seed(LicenseStore store, TenantId tenant) {
    ReportAgreementSeed seed = new ReportAgreementSeed(store, tenant);
    store.transactions().inTransaction(() -> {
      seed.catalogAndDirectory();
      seed.pools();
      seed.claims();
      seed.usage();
      return null;
    });
  }

  private void catalogAndDirectory() {
    store.catalog().saveProduct(tenant, Fixtures.product("p-obs").build());
    store.catalog().saveProduct(tenant, Fixtures.product("p-course").type(ProductType.LEARNING_CONTENT).build());
    store.catalog().saveRole(tenant, Fixtures.role("OBSERVER", "p-obs").build());
    store.catalog().saveRole(tenant, Fixtures.role("LEARNER", "p-course").build());
    store.directory().saveOrganization(tenant, Fixtures.organization("north"));
    store.directory().saveOrganization(tenant, Fixtures.organization("north-a", "north"));
    store.directory().saveOrganization(tenant, Fixtures.organization("south"));
    user("u1", "\uFF21lpha", "A1@Example.org", AccountStatus.ACTIVE);
    user("u2", "\uD83D\uDE00 smile", "a1@example.org", AccountStatus.ACTIVE);
    user("u3", "Émile", "emile@example.org", AccountStatus.ARCHIVED);
    user("u4", "émile", "Emile@example.org", AccountStatus.SUSPENDED);
    user("u5", "zed", "zed@example.org", AccountStatus.ACTIVE);
    user("u6", "bob", "bob@example.org", AccountStatus.ACTIVE);
    store.directory().saveMembership(tenant, Fixtures.membership("u1", "north", "OBSERVER"));
    store.directory().saveMembership(tenant, Fixtures.membership("u2", "south", "LEARNER"));
    store.directory().saveMembership(tenant, Fixtures.membership("u3", "north-a", "OBSERVER", "LEARNER"));
    store.directory().saveMembership(tenant, Fixtures.membership("u5", "south"));
    store.directory().saveMembership(tenant, Fixtures.membership("u5", "north"));
    store.directory().saveMembership(tenant, Fixtures.membership("u6", "south", "OBSERVER"));
  }

  private void user(String id, String name, String email, AccountStatus status) {
    store.directory().insertUser(tenant, Fixtures.user(id).name(name).email(email).status(status).build());
  }

  private void pools() {
    store.pools().insert(tenant, Fixtures.pool("pool-obs", "p-obs").build());
    store.pools().insert(tenant, Fixtures.pool("pool-obs-north", "p-obs").seats(2).term(Fixtures.term(0, 30))
        .scope(OrganizationId.of("north")).build());
    store.pools().insert(tenant, Fixtures.pool("pool-course", "p-course").seats(3).build());
    takeSeats("pool-obs", 5);
    takeSeats("pool-obs-north", 2);
    takeSeats("pool-course", 3);
  }

  private void takeSeats(String pool, int seats) {
    for (int i = 0; i < seats; i++) {
      store.pools().tryTakeSeat(tenant, PoolId.of(pool));
    }
  }

  private void claims() {
    insert(Fixtures.claim("c01", "u1", "p-obs", "pool-obs").build());
    insert(Fixtures.activated(Fixtures.claim("c02", "u2", "p-obs", "pool-obs").build(), HOUR_1.plusNanos(500_000), day(365)));
    insert(Fixtures.activated(Fixtures.claim("c03", "u3", "p-obs", "pool-obs-north").assignedAt(HOUR_1).build(), day(2), day(30)));
    insert(Fixtures.claim("c04", "u4", "p-obs", "pool-obs-north").assignedAt(HOUR_1).build());
    LicenseClaim revoked = Fixtures.activated(Fixtures.claim("c05", "u5", "p-obs", "pool-obs").build(), day(1), day(365));
    insert(Fixtures.revoked(revoked, day(5), Fixtures.ADMIN, "left"));
    insert(Fixtures.claim("c06", "u5", "p-obs", "pool-obs").assignedAt(day(6)).build());
    insert(Fixtures.activated(Fixtures.claim("c07", "u1", "p-course", "pool-course").assignedAt(day(1)).build(),
        day(1).plus(Duration.ofHours(3)), day(20)));
    LicenseClaim course = Fixtures.activated(Fixtures.claim("c08", "u2", "p-course", "pool-course").assignedAt(day(1)).build(),
        day(3).plusSeconds(7), day(10));
    insert(Fixtures.expired(course, day(10)));
    insert(Fixtures.claim("c09", "u6", "p-course", "pool-course").assignedAt(day(2)).direct(true).build());
    insert(Fixtures.claim("c10", "ghost", "p-obs", "pool-obs").build());
    insert(Fixtures.claim("c11", "u3", "p-course", "pool-course").assignedAt(day(2)).build());
    insert(Fixtures.activated(Fixtures.claim("c12", "u6", "p-obs", "pool-obs").assignedAt(day(1)).build(),
        day(1).plus(Duration.ofMinutes(30)), day(1).plus(Duration.ofHours(2))));
    insert(Fixtures.claim("c13", "u2", "p-course", "pool-course").assignedAt(day(12)).assignedBy(Actor.system("import")).build());
  }

  private void insert(LicenseClaim claim) {
    if (!store.claims().insertIfNoLiveClaim(tenant, claim)) {
      throw new AssertionError("the store refused claim " + claim.id());
    }
  }

  private void usage() {
    record("u1", OBS, 0, 3, 0);
    record("u1", OBS, 4, 12, 0);
    record("u1", OBS, 25, 1, 0);
    record("u2", OBS, 28, 4, 0);
    record("u2", OBS, 29, 0, 0);
    record("u5", OBS, 2, 2, 0);
    record("u6", OBS, 1, 7, 0);
    record("u1", COURSE, 2, 1, 40);
    record("u1", COURSE, 9, 2, 100);
    record("u2", COURSE, 4, 5, 60);
    record("u3", COURSE, 3, 0, 30);
    record("ghost", OBS, 3, 9, 0);
  }

  private void record(String user, ProductId product, int day, int launches, int progress) {
    LocalDate date = LocalDate.ofInstant(T0, ZoneOffset.UTC).plusDays(day);
    store.usage().record(tenant, new UsageDay(UserId.of(user), product, date, launches, progress));
  }
}
