package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.licensekit.testkit.fixtures.Fixtures.ADMIN;
import static org.licensekit.testkit.fixtures.Fixtures.claim;
import static org.licensekit.testkit.fixtures.Fixtures.day;
import static org.licensekit.testkit.fixtures.Fixtures.membership;
import static org.licensekit.testkit.fixtures.Fixtures.organization;
import static org.licensekit.testkit.fixtures.Fixtures.revoked;
import static org.licensekit.testkit.fixtures.Fixtures.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.OutboxMessage;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.UserCriteria;

/**
 * The bounded reads and deletes of the store ports — {@code UserQueryStore.findUsers} and
 * {@code ClaimStore.liveForPool} walked with a small page over data several pages large, and
 * {@code OutboxStore.purge} deleting in batches: every boundary is crossed, rows added or removed
 * between pages are seen exactly when the contract says, concurrent purges delete each row once, and
 * a tenant's pages never hold another tenant's rows.
 */
public abstract class PagingStoreContract extends StoreContractSupport {

  private static final PoolId P1 = PoolId.of("p-1");
  private static final int PAGE = 4;

  private static UserCriteria everyone() {
    return new UserCriteria(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  private static UserCriteria withStatus(AccountStatus... statuses) {
    return new UserCriteria(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(statuses), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  private static String id(int i) {
    return String.format("user-%02d", i);
  }

  private UserAccount addUser(TenantId in, String id) {
    UserAccount account = user(id).build();
    store.directory().insertUser(in, account);
    return account;
  }

  @Test
  void usersArePagedWholeInIdOrderAcrossEveryBoundaryAndOnlyTheTenantsOwn() {
    List<UserAccount> ours = IntStream.rangeClosed(1, 17).map(i -> 18 - i).mapToObj(i -> addUser(tenant, id(i)))
        .sorted(java.util.Comparator.comparing(UserAccount::id)).toList();
    IntStream.rangeClosed(1, 9).forEach(i -> addUser(otherTenant, id(i * 2)));

    List<List<UserAccount>> pages = walkUsers(tenant, everyone(), page -> { });

    assertThat(pages).extracting(List::size).containsExactly(4, 4, 4, 4, 1);
    assertThat(pages.stream().flatMap(List::stream).toList()).isEqualTo(ours);
    assertThat(walkUsers(otherTenant, everyone(), page -> { }).stream().flatMap(List::stream).map(u -> u.id().value()))
        .containsExactly("user-02", "user-04", "user-06", "user-08", "user-10", "user-12", "user-14", "user-16", "user-18");
  }

  @Test
  void aPageOfUsersEndingExactlyAtTheLastUserIsFollowedByAnEmptyOne() {
    IntStream.rangeClosed(1, 8).forEach(i -> addUser(tenant, id(i)));

    List<List<UserAccount>> pages = walkUsers(tenant, everyone(), page -> { });

    assertThat(pages).extracting(List::size).containsExactly(4, 4, 0);
    assertThat(store.userQueries().findUsers(tenant, everyone(), Optional.of(UserId.of("user-08")), PAGE)).isEmpty();
  }

  @Test
  void usersAddedOrLeavingTheCriteriaBetweenPagesAreSeenExactlyWhenPastTheCursor() {
    IntStream.rangeClosed(1, 12).forEach(i -> addUser(tenant, id(i)));
    int[] pageNumber = {0};

    List<UserAccount> seen = walkUsers(tenant, withStatus(AccountStatus.ACTIVE), page -> {
      if (pageNumber[0]++ == 0) {
        addUser(tenant, "user-00");                 // before the cursor: never seen
        addUser(tenant, "user-99");                 // after it: seen on the last page
        UserAccount leaving = store.directory().findUser(tenant, UserId.of(id(6))).orElseThrow();
        store.directory().updateUser(tenant, UserAccount.builder().from(leaving).status(AccountStatus.SUSPENDED).build());
      }
    }).stream().flatMap(List::stream).toList();

    assertThat(seen).extracting(u -> u.id().value()).containsExactly("user-01", "user-02", "user-03", "user-04",
        "user-05", "user-07", "user-08", "user-09", "user-10", "user-11", "user-12", "user-99");
  }

  @Test
  void usersPagesApplyTheCriteriaOfTheIdQuery() {
    store.directory().saveOrganization(tenant, organization("north"));
    store.directory().saveOrganization(tenant, organization("south"));
    IntStream.rangeClosed(1, 11).forEach(i -> {
      addUser(tenant, id(i));
      store.directory().saveMembership(tenant, membership(id(i), i % 3 == 0 ? "north" : "south", "OBSERVER"));
    });
    UserCriteria north = everyone().withOrganizations(Optional.of(Set.of(OrganizationId.of("north"))));

    List<UserAccount> seen = walkUsers(tenant, north, page -> { }).stream().flatMap(List::stream).toList();

    assertThat(seen).extracting(UserAccount::id)
        .containsExactlyElementsOf(store.userQueries().findUserIds(tenant, north, Optional.empty(), 100))
        .extracting(UserId::value).containsExactly("user-03", "user-06", "user-09");
  }

  @Test
  void aPoolsLiveClaimsArePagedInIdOrderWithoutEndedOtherPoolsOrOtherTenantsClaims() {
    for (int i = 17; i >= 1; i--) {
      insert(tenant, claim(String.format("c-%02d", i), "u-" + i, "observation", "p-1").assignedAt(day(30 - i)).build());
    }
    LicenseClaim ended = insert(tenant, claim("c-05x", "ended", "observation", "p-1").build());
    inTransaction(() -> store.claims().compareAndSet(tenant, ClaimStatus.PENDING, revoked(ended, day(2), ADMIN, "left")));
    insert(tenant, claim("c-08x", "elsewhere", "observation", "p-2").build());
    insert(otherTenant, claim("c-03x", "theirs", "observation", "p-1").build());

    List<List<LicenseClaim>> pages = walkClaims(tenant, page -> { });

    assertThat(pages).extracting(List::size).containsExactly(4, 4, 4, 4, 1);
    assertThat(pages.stream().flatMap(List::stream).map(c -> c.id().value()).toList())
        .isEqualTo(IntStream.rangeClosed(1, 17).mapToObj(i -> String.format("c-%02d", i)).toList());
    assertThat(walkClaims(otherTenant, page -> { }).stream().flatMap(List::stream).map(c -> c.id().value()))
        .containsExactly("c-03x");
  }

  @Test
  void aWalkerMovingOrEndingEachPagesClaimsStillSeesEveryClaimOnce() {
    IntStream.rangeClosed(1, 14).forEach(i -> insert(tenant, claim(String.format("c-%02d", i), "u-" + i, "observation", "p-1").build()));
    List<ClaimId> seen = new ArrayList<>();
    int[] pageNumber = {0};

    walkClaims(tenant, page -> {
      for (LicenseClaim claim : page) {
        seen.add(claim.id());
        LicenseClaim changed = Integer.parseInt(claim.id().value().substring(2)) % 2 == 0
            ? LicenseClaim.builder().from(claim).pool(PoolId.of("p-2")).build()
            : revoked(claim, day(3), ADMIN, "ended by the walker");
        assertThat(inTransaction(() -> store.claims().compareAndSet(tenant, ClaimStatus.PENDING, changed))).isTrue();
      }
      if (pageNumber[0]++ == 0) {
        insert(tenant, claim("c-00", "early", "observation", "p-1").build());   // before the cursor
        insert(tenant, claim("c-99", "late", "observation", "p-1").build());    // after it
      }
    });

    List<String> expected = new ArrayList<>(IntStream.rangeClosed(1, 14).mapToObj(i -> String.format("c-%02d", i)).toList());
    expected.add("c-99");
    assertThat(seen).extracting(ClaimId::value).containsExactlyElementsOf(expected);
    assertThat(store.claims().liveForPool(tenant, P1, Optional.empty(), 100)).extracting(c -> c.id().value())
        .containsExactly("c-00");
  }

  @Test
  void theOutboxPurgeDeletesSettledMessagesOlderThanTheCutOffInOldestFirstBatches() {
    java.time.Instant cutOff = day(20);
    List<OutboxMessage> messages = new ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      messages.add(message(tenant, String.format("d-%02d", i), OutboxMessage.Status.DELIVERED, day(1), Optional.of(day(i))));
    }
    messages.add(message(tenant, "d-young", OutboxMessage.Status.DELIVERED, day(1), Optional.of(day(25))));
    messages.add(message(tenant, "pending-old", OutboxMessage.Status.PENDING, day(1), Optional.empty()));
    messages.add(message(tenant, "dead-old", OutboxMessage.Status.DEAD, day(2), Optional.empty()));
    messages.add(message(tenant, "dead-young", OutboxMessage.Status.DEAD, day(21), Optional.empty()));
    messages.add(message(tenant, "discarded-old", OutboxMessage.Status.DISCARDED, day(3), Optional.empty()));
    inTransaction(() -> {
      store.outbox().append(messages);
      store.outbox().append(List.of(message(otherTenant, "d-01", OutboxMessage.Status.DELIVERED, day(1), Optional.of(day(1)))));
      return null;
    });

    List<Integer> batches = new ArrayList<>();
    int deleted;
    do {
      deleted = inTransaction(() -> store.outbox().purge(tenant, OutboxMessage.Status.DELIVERED, cutOff, PAGE));
      batches.add(deleted);
      assertThat(store.outbox().find(tenant, String.format("d-%02d", batches.stream().mapToInt(Integer::intValue).sum())))
          .as("the oldest go first").isEmpty();
    } while (deleted == PAGE);

    assertThat(batches).containsExactly(4, 4, 3);
    assertThat(store.outbox().count(tenant)).containsEntry(OutboxMessage.Status.DELIVERED, 1L)
        .containsEntry(OutboxMessage.Status.PENDING, 1L).containsEntry(OutboxMessage.Status.DEAD, 2L)
        .containsEntry(OutboxMessage.Status.DISCARDED, 1L);
    assertThat(store.outbox().find(otherTenant, "d-01")).isPresent();

    assertThat(inTransaction(() -> store.outbox().purge(tenant, OutboxMessage.Status.DEAD, cutOff, PAGE))).isEqualTo(1);
    assertThat(inTransaction(() -> store.outbox().purge(tenant, OutboxMessage.Status.DISCARDED, cutOff, PAGE))).isEqualTo(1);
    assertThat(store.outbox().find(tenant, "dead-young")).isPresent();
    assertThat(store.outbox().find(tenant, "pending-old")).isPresent();
    assertThat(org.assertj.core.api.Assertions.catchThrowable(
        () -> store.outbox().purge(tenant, OutboxMessage.Status.PENDING, cutOff, PAGE))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void purgesOnSeveralThreadsDeleteEveryOldMessageOnce() throws Exception {
    List<OutboxMessage> messages = IntStream.rangeClosed(1, 40)
        .mapToObj(i -> message(tenant, String.format("d-%02d", i), OutboxMessage.Status.DELIVERED, day(1), Optional.of(day(2))))
        .toList();
    inTransaction(() -> {
      store.outbox().append(messages);
      return null;
    });
    List<java.util.concurrent.Callable<Integer>> purgers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      purgers.add(() -> {
        int total = 0;
        int deleted;
        do {
          deleted = inTransaction(() -> store.outbox().purge(tenant, OutboxMessage.Status.DELIVERED, day(10), 3));
          total += deleted;
        } while (deleted > 0);
        return total;
      });
    }

    List<Integer> totals = race(purgers);

    assertThat(totals.stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
    assertThat(store.outbox().count(tenant)).containsEntry(OutboxMessage.Status.DELIVERED, 0L);
  }

  private static OutboxMessage message(TenantId in, String id, OutboxMessage.Status status, java.time.Instant createdAt,
      Optional<java.time.Instant> deliveredAt) {
    return OutboxMessage.builder().tenant(in).id(id).topic(OutboxMessage.Topic.NOTIFICATION).payload("{}")
        .createdAt(createdAt).status(status).attempts(status == OutboxMessage.Status.PENDING ? 0 : 1)
        .nextAttemptAt(createdAt).deliveredAt(deliveredAt).build();
  }

  private LicenseClaim insert(TenantId in, LicenseClaim claim) {
    assertThat(inTransaction(() -> store.claims().insertIfNoLiveClaim(in, claim))).isTrue();
    return claim;
  }

  /** Walks the user pages, calling {@code between} after each full page. */
  private List<List<UserAccount>> walkUsers(TenantId in, UserCriteria criteria, Consumer<List<UserAccount>> between) {
    List<List<UserAccount>> pages = new ArrayList<>();
    Optional<UserId> after = Optional.empty();
    while (true) {
      List<UserAccount> page = store.userQueries().findUsers(in, criteria, after, PAGE);
      pages.add(page);
      assertThat(page).hasSizeLessThanOrEqualTo(PAGE);
      if (page.size() < PAGE) {
        return pages;
      }
      between.accept(page);
      after = Optional.of(page.get(page.size() - 1).id());
    }
  }

  /** Walks the pool's live-claim pages, handing each to {@code each} before the next is read. */
  private List<List<LicenseClaim>> walkClaims(TenantId in, Consumer<List<LicenseClaim>> each) {
    List<List<LicenseClaim>> pages = new ArrayList<>();
    Optional<ClaimId> after = Optional.empty();
    while (true) {
      List<LicenseClaim> page = store.claims().liveForPool(in, P1, after, PAGE);
      pages.add(page);
      assertThat(page).allSatisfy(c -> assertThat(c.live()).isTrue());
      if (page.isEmpty()) {
        return pages;
      }
      each.accept(page);
      if (page.size() < PAGE) {
        return pages;
      }
      after = Optional.of(page.get(page.size() - 1).id());
    }
  }
}
