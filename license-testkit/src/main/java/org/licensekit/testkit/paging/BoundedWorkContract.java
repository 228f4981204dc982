package org.licensekit.testkit.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.JobRun;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.report.Discrepancy;
import org.licensekit.core.api.report.DiscrepancyKind;
import org.licensekit.core.api.report.Page;
import org.licensekit.core.api.report.PageRequest;
import org.licensekit.core.api.report.ReconciliationResult;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.reports.ReportsTestSupport;

/**
 * Bounded work through the public API: the paged directory listing, and the commands that walk a
 * pool in keyset pages (a roll-over, a term change, reconciliation of an over-allocated pool), each
 * run with a page of {@value #PAGE} records over data several pages large, so every page boundary
 * is crossed.
 */
public abstract class BoundedWorkContract extends ReportsTestSupport {

  /** The page size the commands walk with here: small, so a few records make several pages. */
  static final int PAGE = 3;

  @Override
  protected Licensing.Builder configure(Licensing.Builder builder) {
    return builder.pageSize(PAGE);
  }

  @Test
  void theDirectoryListingWalksEveryUserOnceInIdOrderAcrossPages() {
    List<UserId> registered = IntStream.rangeClosed(1, 11).mapToObj(i -> register(String.format("user-%02d", i),
        DefaultCatalog.TEACHER, i % 2 == 0 ? NORTH : SOUTH)).toList();
    TenantId otherTenant = TenantId.of(tenantId.value() + "-other");
    licensing.tenant(otherTenant).as(Actor.systemAdministrator("other-admin")).users()
        .defineOrganization(org.licensekit.core.domain.Organization.root(NORTH, "Other North"));

    List<Page<UserAccount>> pages = walk(admin, UserFilter.all(), 4, page -> { });

    assertThat(pages).hasSize(3);
    assertThat(pages.get(2).hasNext()).isFalse();
    assertThat(pages.stream().flatMap(p -> p.items().stream()).map(UserAccount::id).toList()).isEqualTo(registered);
    @SuppressWarnings("deprecation")
    List<UserAccount> everything = admin.users().list();
    assertThat(pages.stream().flatMap(p -> p.items().stream()).toList()).isEqualTo(everything);
  }

  @Test
  void aPageHoldsTheFilteredAccountsWhole() {
    for (int i = 1; i <= 7; i++) {
      activeUser("active-" + i, DefaultCatalog.TEACHER, NORTH);
      register("invited-" + i, DefaultCatalog.TEACHER, NORTH);
    }

    List<UserAccount> seen = items(walk(admin, UserFilter.builder().status(AccountStatus.ACTIVE).build(), 2, page -> { }));

    assertThat(seen).extracting(UserAccount::id).containsExactlyElementsOf(
        IntStream.rangeClosed(1, 7).mapToObj(i -> UserId.of("active-" + i)).sorted().toList());
    assertThat(seen).allSatisfy(user -> {
      assertThat(user.status()).isEqualTo(AccountStatus.ACTIVE);
      assertThat(user).isEqualTo(admin.users().find(user.id()).orElseThrow());
    });
  }

  @Test
  void anOrganizationAdministratorPagesOnlyThroughItsOwnMembers() {
    for (int i = 1; i <= 7; i++) {
      register("north-" + i, DefaultCatalog.TEACHER, NORTH);
      register("south-" + i, DefaultCatalog.TEACHER, SOUTH);
    }
    ActorSession northAdmin = tenant.as(Actor.organizationAdministrator("north-admin", Set.of(NORTH)));

    List<UserAccount> seen = items(walk(northAdmin, UserFilter.all(), 2, page -> { }));

    assertThat(seen).extracting(user -> user.id().value()).containsExactly(
        "north-1", "north-2", "north-3", "north-4", "north-5", "north-6", "north-7");
  }

  @Test
  void usersAddedOrLeavingTheSelectionBetweenPagesAreSeenOnlyWhenPastTheCursor() {
    for (int i = 1; i <= 9; i++) {
      register("u-" + i, DefaultCatalog.TEACHER, NORTH);
    }
    UserFilter notArchived = UserFilter.builder().status(AccountStatus.INVITED, AccountStatus.ACTIVE).build();
    int[] pageNumber = {0};

    List<UserAccount> seen = items(walk(admin, notArchived, 3, page -> {
      if (pageNumber[0]++ == 0) {
        register("u-0", DefaultCatalog.TEACHER, NORTH);   // before the cursor: not seen
        register("u-99", DefaultCatalog.TEACHER, NORTH);  // after it: seen
        admin.users().archive(UserId.of("u-5"), "left");  // leaves the selection before its page
      }
    }));

    assertThat(seen).extracting(user -> user.id().value())
        .containsExactly("u-1", "u-2", "u-3", "u-4", "u-6", "u-7", "u-8", "u-9", "u-99");
  }

  @Test
  void aCursorNotMadeByTheListingIsRefusedNamingTheCursor() {
    register("ana", DefaultCatalog.TEACHER, NORTH);

    assertThatThrownBy(() -> admin.users().list(UserFilter.all(), PageRequest.after("not-a-cursor", 5)))
        .isInstanceOfSatisfying(InvalidInputException.class,
            e -> assertThat(e.errors()).extracting(org.licensekit.core.FieldError::field).containsExactly("cursor"));
    String auditCursor = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("a1|7".getBytes());
    assertThatThrownBy(() -> admin.users().list(UserFilter.all(), PageRequest.after(auditCursor, 5)))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("cursor");
  }

  @Test
  void aRollOverMovesEveryLiveClaimOfAPoolSeveralPagesLarge() {
    LicensePool from = pool(OBSERVATION, 20);
    List<UserId> users = IntStream.rangeClosed(1, 10).mapToObj(i -> register("r-" + i, DefaultCatalog.TEACHER, NORTH)).toList();
    LicenseClaim ended = liveClaim(users.get(0), OBSERVATION);
    admin.claims().revoke(ended.id(), "left the pilot");
    LicensePool to = pool(OBSERVATION, 9);

    JobRun run = admin.lifecycle().rollOver(from.id(), to.id(), "renewal");

    assertThat(run.changed()).isEqualTo(9);
    assertThat(seatsInUse(from.id())).isZero();
    assertThat(seatsInUse(to.id())).isEqualTo(9);
    assertThat(users.subList(1, users.size())).allSatisfy(user -> assertThat(liveClaim(user, OBSERVATION).pool()).isEqualTo(to.id()));
    assertThat(statusOf(ended.id())).isEqualTo(ClaimStatus.REVOKED);
    assertThat(store.claims().find(tenantId, ended.id()).orElseThrow().pool()).isEqualTo(from.id());
  }

  @Test
  void aRollOverThePoolCannotHoldMovesNothing() {
    LicensePool from = pool(OBSERVATION, 20);
    List<UserId> users = IntStream.rangeClosed(1, 10).mapToObj(i -> register("r-" + i, DefaultCatalog.TEACHER, NORTH)).toList();
    LicensePool to = pool(OBSERVATION, 9);

    assertThatThrownBy(() -> admin.lifecycle().rollOver(from.id(), to.id(), "renewal"))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_ENOUGH_SEATS.name()))
        .hasMessageContaining("needs 10");

    assertThat(seatsInUse(from.id())).isEqualTo(10);
    assertThat(seatsInUse(to.id())).isZero();
    assertThat(users).allSatisfy(user -> assertThat(liveClaim(user, OBSERVATION).pool()).isEqualTo(from.id()));
  }

  @Test
  void aTermChangeReschedulesEveryActiveClaimOfAPoolSeveralPagesLarge() {
    LicensePool pool = pool(OBSERVATION, 20);
    List<UserId> users = IntStream.rangeClosed(1, 8).mapToObj(i -> activeUser("t-" + i, DefaultCatalog.TEACHER, NORTH)).toList();
    users.forEach(user -> claimNow(user, OBSERVATION));
    Term longer = Term.of(pool.term().start(), pool.term().end().plus(30, ChronoUnit.DAYS));

    admin.pools().renew(pool.id(), longer, Optional.empty(), "extended");

    assertThat(users).allSatisfy(user -> assertThat(liveClaim(user, OBSERVATION).expiresAt()).contains(longer.end()));
  }

  @Test
  void reconcilingAnOverAllocatedPoolSeveralPagesLargeRevokesItsNewestPendingClaims() {
    LicensePool small = pool("small", ANALYTICS, 4, schoolYear(), Optional.empty());
    List<LicenseClaim> claims = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      UserId user = importedUser(String.format("imp-%02d", i), "imp-" + i + "@example.org", AccountStatus.ACTIVE).id();
      // ids out of assignment order, so the claim-id pages are not the age order
      claims.add(importedClaim(String.format("c-%02d", (i * 7) % 11), user, ANALYTICS, small.id(), true, START.plusSeconds(60L * i)));
    }
    for (int i = 0; i < 4; i++) {
      store.transactions().inTransaction(() -> store.pools().tryTakeSeat(tenantId, small.id()));
    }
    for (LicenseClaim active : claims.subList(0, 3)) {
      store.transactions().inTransaction(() -> store.claims().compareAndSet(tenantId, ClaimStatus.PENDING,
          LicenseClaim.builder().from(active).status(ClaimStatus.ACTIVE).claimedAt(START).build()));
    }
    List<ClaimId> newestPendingSix = IntStream.iterate(9, i -> i >= 4, i -> i - 1).mapToObj(i -> claims.get(i).id()).toList();

    ReconciliationResult dry = admin.reports().reconcile(true);

    assertThat(dry.found(DiscrepancyKind.POOL_OVER_ALLOCATED)).singleElement().satisfies(d -> {
      assertThat(d.fix().claims()).containsExactlyElementsOf(newestPendingSix);
      assertThat(d.description()).contains("holds 10 live claims for 4 seats");
    });

    ReconciliationResult fixed = admin.reports().reconcile(false);

    assertThat(fixed.found(DiscrepancyKind.POOL_OVER_ALLOCATED)).extracting(Discrepancy::pool).containsExactly(small.id());
    assertThat(newestPendingSix).allSatisfy(id -> assertThat(statusOf(id)).isEqualTo(ClaimStatus.REVOKED));
    assertThat(claims.subList(0, 4)).allSatisfy(claim -> assertThat(statusOf(claim.id())).isIn(ClaimStatus.ACTIVE, ClaimStatus.PENDING));
    assertThat(seatsInUse(small.id())).isEqualTo(4);
    assertThat(admin.reports().reconcile(true).found()).isEmpty();
  }

  /** Walks the listing page by page, calling {@code between} after each page but the last. */
  private static List<Page<UserAccount>> walk(ActorSession session, UserFilter filter, int limit, Consumer<Page<UserAccount>> between) {
    List<Page<UserAccount>> pages = new ArrayList<>();
    PageRequest request = PageRequest.first(limit);
    while (true) {
      Page<UserAccount> page = session.users().list(filter, request);
      pages.add(page);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      if (!page.hasNext()) {
        return pages;
      }
      assertThat(page.items()).hasSize(limit);
      between.accept(page);
      request = PageRequest.after(page.nextCursor().orElseThrow(), limit);
    }
  }

  private static List<UserAccount> items(List<Page<UserAccount>> pages) {
    return pages.stream().flatMap(page -> page.items().stream()).toList();
  }
}
