package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Role;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.policy.OrganizationTree;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.LicenseStore;

/**
 * An organization moving under another parent while assignments run on real threads against a real
 * database: the move holds only its subtree's members and the subtree itself (on PostgreSQL), so an
 * assignment elsewhere goes on while the move is paused holding them, and whatever the
 * interleaving inside the subtree, every seat ends inside its pool's organization scope with the
 * rules of the design (seats never over-allocated, one live claim per user and product, every member
 * granted the product holding a seat from a pool that serves them).
 */
abstract class AbstractOrganizationMoveRaceTest {

  private static final TenantId TENANT = TenantId.of("organization-move-race");
  private static final ProductId PRODUCT = ProductId.of("observation");
  private static final RoleId ROLE = RoleId.of("observer");
  private static final OrganizationId NORTH = OrganizationId.of("north");
  private static final OrganizationId SOUTH = OrganizationId.of("south");
  private static final OrganizationId SCHOOL = OrganizationId.of("north-school");
  private static final OrganizationId CLASS = OrganizationId.of("north-school-class");
  private static final OrganizationId ELSEWHERE = OrganizationId.of("south-elsewhere");
  /** Enough seats in each district's pool for every user a test registers. */
  private static final int SEATS = 60;
  private static final long WAIT_SECONDS = 30;

  /** What a thread does inside a store call: by thread, before or after the named method. */
  private final Map<String, Consumer<String>> hooks = new ConcurrentHashMap<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private TestDatabase database;
  private JdbcLicenseStore store;
  private ActorSession admin;

  /** A fresh, empty database. */
  abstract TestDatabase newDatabase();

  /** Whether a move holds only its subtree (PostgreSQL); H2 holds every account of the tenant. */
  abstract boolean holdsOnlyTheSubtree();

  @BeforeEach
  void seed() {
    database = newDatabase();
    store = JdbcLicenseStore.builder(database.dataSource()).build();
    admin = Licensing.builder().store(hooked(store)).build().tenant(TENANT).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(PRODUCT).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineRole(Role.builder().id(ROLE).name("Observer").grants(Set.of(PRODUCT)).build());
    admin.users().defineOrganization(Organization.root(NORTH, "North district"));
    admin.users().defineOrganization(Organization.root(SOUTH, "South district"));
    admin.users().defineOrganization(Organization.child(SCHOOL, "North school", NORTH));
    admin.users().defineOrganization(Organization.child(CLASS, "A class of the school", SCHOOL));
    admin.users().defineOrganization(Organization.child(ELSEWHERE, "Another south school", SOUTH));
    Instant now = Instant.now();
    Term term = Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
    admin.pools().add(NewPool.builder().product(PRODUCT).seats(SEATS).term(term).scope(NORTH).build());
    admin.pools().add(NewPool.builder().product(PRODUCT).seats(SEATS).term(term).scope(SOUTH).build());
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void anAssignmentOutsideTheMovedSubtreeGoesOnWhileTheMoveHoldsIt() throws Exception {
    assumeTrue(holdsOnlyTheSubtree(), "this store holds every account of the tenant while an organization moves");
    List<UserId> pupils = List.of(member(1, SCHOOL), member(2, CLASS));
    UserId elsewhere = registered("elsewhere-1");
    UserId northern = registered("north-1");
    CountDownLatch moveHolds = new CountDownLatch(1);
    CountDownLatch moveMayGoOn = new CountDownLatch(1);
    CompletableFuture<Void> move = CompletableFuture.runAsync(() -> {
      hookAfter("holdMembers", () -> {
        moveHolds.countDown();
        await(moveMayGoOn);
      });
      admin.users().defineOrganization(Organization.child(SCHOOL, "North school", SOUTH));
    }, threads);
    try {
      assertThat(moveHolds.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the move holds its subtree").isTrue();
      // while the move holds its subtree's members and organizations, assignments elsewhere commit
      CompletableFuture.runAsync(() -> {
        admin.assignments().assignRole(elsewhere, ELSEWHERE, ROLE);
        admin.assignments().assignRole(northern, NORTH, ROLE);
      }, threads).get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(livePoolScope(elsewhere)).contains(SOUTH);
      assertThat(livePoolScope(northern)).contains(NORTH);
    } finally {
      moveMayGoOn.countDown();
    }
    move.get(WAIT_SECONDS, TimeUnit.SECONDS);
    pupils.forEach(pupil -> assertThat(livePoolScope(pupil)).as("%s moved south with the school", pupil).contains(SOUTH));
    assertRulesHold();
  }

  @Test
  void aNewMemberAddedWhileTheMoveHoldsTheSubtreeWaitsAndTakesASeatThatServesTheNewTree() throws Exception {
    member(1, SCHOOL);
    UserId newcomer = registered("newcomer");
    CountDownLatch moveHolds = new CountDownLatch(1);
    CountDownLatch moveMayGoOn = new CountDownLatch(1);
    CompletableFuture<Void> move = CompletableFuture.runAsync(() -> {
      hookAfter("holdMembers", () -> {
        moveHolds.countDown();
        await(moveMayGoOn);
      });
      admin.users().defineOrganization(Organization.child(SCHOOL, "North school", SOUTH));
    }, threads);
    CompletableFuture<Void> assignment;
    try {
      assertThat(moveHolds.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the move holds its subtree").isTrue();
      assignment = CompletableFuture.runAsync(() -> admin.assignments().assignRole(newcomer, CLASS, ROLE), threads);
      awaitABlockedStatement(assignment);
    } finally {
      moveMayGoOn.countDown();
    }
    move.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assignment.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(livePoolScope(newcomer)).as("the newcomer read the new tree").contains(SOUTH);
    assertRulesHold();
  }

  @Test
  void aMoveStartedWhileANewMembersAssignmentIsInFlightReleasesTheSeatItTook() throws Exception {
    member(1, SCHOOL);
    UserId newcomer = registered("newcomer");
    CountDownLatch assignmentWrote = new CountDownLatch(1);
    CountDownLatch assignmentMayCommit = new CountDownLatch(1);
    CompletableFuture<Void> assignment = CompletableFuture.runAsync(() -> {
      // paused once its membership is written and its seat taken: just before its audit entries and commit
      hooks.put(Thread.currentThread().getName() + "#append", method -> {
        if (assignmentWrote.getCount() > 0) {
          assignmentWrote.countDown();
          await(assignmentMayCommit);
        }
      });
      admin.assignments().assignRole(newcomer, CLASS, ROLE);
    }, threads);
    CompletableFuture<Void> move;
    try {
      assertThat(assignmentWrote.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the assignment wrote its seat").isTrue();
      move = CompletableFuture.runAsync(() -> admin.users().defineOrganization(Organization.child(SCHOOL, "North school", SOUTH)),
          threads);
      awaitABlockedStatement(move);
    } finally {
      assignmentMayCommit.countDown();
    }
    assignment.get(WAIT_SECONDS, TimeUnit.SECONDS);
    move.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(livePoolScope(newcomer)).as("the move released the northern seat the newcomer took before it").contains(SOUTH);
    assertRulesHold();
  }

  @Test
  void movesRacingAssignmentsInTheMovedSubtreeLeaveEverySeatInsideItsPoolsScope() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    List<UserId> members = new ArrayList<>(List.of(member(1, SCHOOL), member(2, CLASS), member(3, ELSEWHERE)));
    OrganizationId parent = NORTH;
    for (int round = 0; round < 5; round++) {
      List<UserId> newcomers = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        newcomers.add(registered("round-" + round + "-" + i));
      }
      OrganizationId to = parent.equals(NORTH) ? SOUTH : NORTH;
      CyclicBarrier start = new CyclicBarrier(newcomers.size() + 2);
      List<CompletableFuture<Void>> work = new ArrayList<>();
      work.add(CompletableFuture.runAsync(() -> {
        awaitBarrier(start);
        admin.users().defineOrganization(Organization.child(SCHOOL, "North school", to));
      }, threads));
      for (UserId newcomer : newcomers) {
        OrganizationId into = List.of(SCHOOL, CLASS, ELSEWHERE).get(random.nextInt(3));
        work.add(CompletableFuture.runAsync(() -> {
          awaitBarrier(start);
          admin.assignments().assignRole(newcomer, into, ROLE);
        }, threads));
      }
      UserId existing = members.get(random.nextInt(members.size()));
      OrganizationId second = random.nextBoolean() ? CLASS : SCHOOL;
      work.add(CompletableFuture.runAsync(() -> {
        awaitBarrier(start);
        admin.assignments().assignRole(existing, second, ROLE);
      }, threads));
      for (CompletableFuture<Void> done : work) {
        done.get(WAIT_SECONDS * 2, TimeUnit.SECONDS);
      }
      members.addAll(newcomers);
      parent = to;
      assertRulesHold("seed " + seed + ", round " + round);
    }
  }

  private void assertRulesHold() {
    assertRulesHold("");
  }

  /**
   * The design's rules after the race: live claims never exceed a pool's seats, one live claim per
   * user and product, every seat inside its pool's scope, and every member the role grants the
   * product to holding one (the pools have room for all).
   */
  private void assertRulesHold(String context) {
    OrganizationTree tree = OrganizationTree.of(store.directory().listOrganizations(TENANT));
    Map<PoolId, LicensePool> pools = store.pools().list(TENANT).stream().map(PoolUsage::pool)
        .collect(Collectors.toMap(LicensePool::id, pool -> pool));
    for (LicensePool pool : pools.values()) {
      assertThat(store.claims().listLiveForPool(TENANT, pool.id())).as("%s: seats of %s", context, pool.id()).hasSizeLessThanOrEqualTo(pool.seats());
    }
    for (var user : store.directory().listUsers(TENANT)) {
      List<Membership> memberships = store.directory().membershipsOf(TENANT, user.id());
      Set<OrganizationId> reach = tree.withAncestors(memberships.stream().map(Membership::organization).toList());
      List<LicenseClaim> live = store.claims().listForUser(TENANT, user.id()).stream().filter(LicenseClaim::live).toList();
      assertThat(live).as("%s: live claims of %s", context, user.id()).hasSizeLessThanOrEqualTo(1);
      for (LicenseClaim claim : live) {
        assertThat(pools.get(claim.pool()).scope().map(reach::contains).orElse(true))
            .as("%s: %s holds a seat of %s, scoped outside %s", context, user.id(), claim.pool(), reach).isTrue();
      }
      boolean granted = memberships.stream().anyMatch(membership -> membership.roles().contains(ROLE));
      assertThat(live).as("%s: %s is granted the product", context, user.id()).hasSize(granted ? 1 : 0);
    }
  }

  /** The scope of the pool the user's live claim takes a seat from. */
  private Optional<OrganizationId> livePoolScope(UserId user) {
    Map<PoolId, LicensePool> pools = store.pools().list(TENANT).stream().map(PoolUsage::pool)
        .collect(Collectors.toMap(LicensePool::id, pool -> pool));
    return store.claims().listForUser(TENANT, user).stream().filter(LicenseClaim::live).findFirst()
        .flatMap(claim -> pools.get(claim.pool()).scope());
  }

  private UserId member(int number, OrganizationId organization) {
    UserId user = registered("member-" + number);
    admin.assignments().assignRole(user, organization, ROLE);
    return user;
  }

  private UserId registered(String id) {
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder().id(user).name("User " + id).email(id + "@example.org").invite(false).build());
    admin.users().activate(user);
    return user;
  }

  /**
   * Returns once {@code work} waits for a row lock (PostgreSQL's activity view shows a session
   * waiting on a lock), or has failed; on H2, which shows no such view, once it has had a moment to
   * reach its lock — the outcome is checked either way, the pause only makes the race likelier.
   */
  private void awaitABlockedStatement(CompletableFuture<Void> work) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (System.nanoTime() < deadline && !work.isDone()) {
      if (!holdsOnlyTheSubtree()) {
        Thread.sleep(200);
        return;
      }
      try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
          ResultSet row = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
        row.next();
        if (row.getInt(1) > 0) {
          return;
        }
      }
      Thread.sleep(10);
    }
    assertThat(work).as("the racing command waits for the other to end").isNotDone();
  }

  private void hookAfter(String method, Runnable action) {
    hooks.put(Thread.currentThread().getName() + "#" + method + "@after", name -> action.run());
  }

  /** {@code store} with its directory and audit calls open to the hooks of the calling thread. */
  private LicenseStore hooked(JdbcLicenseStore delegate) {
    DirectoryStore directory = proxy(DirectoryStore.class, delegate.directory());
    org.licensekit.core.spi.AuditStore audit = proxy(org.licensekit.core.spi.AuditStore.class, delegate.audit());
    return LicenseStore.class.cast(Proxy.newProxyInstance(LicenseStore.class.getClassLoader(), new Class<?>[] {LicenseStore.class},
        (proxy, method, args) -> {
          if (method.getParameterCount() == 0 && method.getReturnType() == DirectoryStore.class) {
            return directory;
          }
          if (method.getParameterCount() == 0 && method.getReturnType() == org.licensekit.core.spi.AuditStore.class) {
            return audit;
          }
          return invoke(delegate, method, args);
        }));
  }

  private <T> T proxy(Class<T> port, T delegate) {
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
      String thread = Thread.currentThread().getName();
      Optional.ofNullable(hooks.get(thread + "#" + method.getName())).ifPresent(hook -> hook.accept(method.getName()));
      Object result = invoke(delegate, method, args);
      Optional.ofNullable(hooks.get(thread + "#" + method.getName() + "@after")).ifPresent(hook -> hook.accept(method.getName()));
      return result;
    }));
  }

  private static Object invoke(Object delegate, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released within " + WAIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitBarrier(CyclicBarrier barrier) {
    try {
      barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
