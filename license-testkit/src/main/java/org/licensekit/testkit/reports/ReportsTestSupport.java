package org.licensekit.testkit.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.licensekit.core.ActorSession;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * Base of the report suites: {@link LicensingTestSupport}'s tenant and catalog, a reporter session,
 * and helpers that seed through the public API or, for data the API refuses (imported data),
 * straight through the store SPI.
 */
public abstract class ReportsTestSupport extends LicensingTestSupport {

  /** A reporter of the tenant. */
  protected ActorSession reporter() {
    return tenant.as(Actor.reporter("reporter-1"));
  }

  /** A pool of the product with the given seats and term, scoped to the organization when given. */
  protected LicensePool pool(String id, ProductId product, int seats, Term term, Optional<OrganizationId> scope) {
    return admin.pools().add(NewPool.builder().id(PoolId.of(id)).product(product).seats(seats).term(term).scope(scope).build());
  }

  /** Registers an invited user with an explicit name and e-mail address. */
  protected UserId person(String id, String name, String email, JobProfileId profile, OrganizationId organization) {
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder().id(user).name(name).email(email).jobProfile(profile).addOrganizations(organization).build());
    return user;
  }

  /** The user activates the account and claims the product now. */
  protected LicenseClaim claimNow(UserId user, ProductId product) {
    if (admin.users().find(user).map(UserAccount::status).orElseThrow() == AccountStatus.INVITED) {
      admin.users().activate(user);
    }
    return asUser(user).claims().claim(user, product).claim()
        .orElseThrow(() -> new AssertionError(user + " could not claim " + product));
  }

  /** The user's live claim for the product. */
  protected LicenseClaim liveClaim(UserId user, ProductId product) {
    return store.claims().findLive(tenantId, user, product)
        .orElseThrow(() -> new AssertionError(user + " holds no live claim for " + product));
  }

  protected ClaimStatus statusOf(ClaimId claim) {
    return store.claims().find(tenantId, claim).orElseThrow().status();
  }

  /** Every row of the query, following cursors page by page. */
  protected List<ClaimRow> allPages(ClaimsQuery query) {
    java.util.ArrayList<ClaimRow> rows = new java.util.ArrayList<>();
    Page<ClaimRow> page = admin.reports().claims(query);
    rows.addAll(page.items());
    int guard = 0;
    while (page.hasNext()) {
      if (++guard > 10_000) {
        throw new AssertionError("paging does not end");
      }
      page = admin.reports().claims(query.toBuilder().cursor(page.nextCursor().orElseThrow()).build());
      rows.addAll(page.items());
    }
    return rows;
  }

  /** The UTC day the clock is on. */
  protected LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  /** {@link #START} plus {@code days} days. */
  protected static Instant startPlusDays(long days) {
    return START.plus(Duration.ofDays(days));
  }

  /** A term from {@code startDays} to {@code endDays} after {@link #START}. */
  protected static Term termDays(long startDays, long endDays) {
    return Term.of(startPlusDays(startDays), startPlusDays(endDays));
  }

  /** A user account written straight to the store (as an import would), with no memberships. */
  protected UserAccount importedUser(String id, String email, AccountStatus status) {
    UserAccount user = UserAccount.builder().id(UserId.of(id)).name("Imported " + id).email(email).status(status).createdAt(START).build();
    store.transactions().inTransaction(() -> {
      store.directory().insertUser(tenantId, user);
      return null;
    });
    return user;
  }

  /** A live claim written straight to the store, without taking a seat (imported data). */
  protected LicenseClaim importedClaim(String id, UserId user, ProductId product, PoolId pool, boolean direct, Instant assignedAt) {
    LicenseClaim claim = LicenseClaim.builder()
        .id(ClaimId.of(id)).user(user).product(product).pool(pool).status(ClaimStatus.PENDING)
        .direct(direct).assignedAt(assignedAt).assignedBy(Actor.system("import")).build();
    boolean inserted = store.transactions().inTransaction(() -> store.claims().insertIfNoLiveClaim(tenantId, claim));
    if (!inserted) {
      throw new AssertionError("the store refused the imported claim " + id);
    }
    return claim;
  }

  /** Replaces the user's account status straight in the store, skipping what the API would do. */
  protected void forceStatus(UserId user, AccountStatus status) {
    store.transactions().inTransaction(() -> store.directory().updateUser(tenantId,
        UserAccount.builder().from(store.directory().findUser(tenantId, user).orElseThrow()).status(status).build()));
  }

  /** The pool's stored seats-in-use counter. */
  protected int seatsInUse(PoolId pool) {
    return store.pools().find(tenantId, pool).orElseThrow().seatsInUse();
  }
}
