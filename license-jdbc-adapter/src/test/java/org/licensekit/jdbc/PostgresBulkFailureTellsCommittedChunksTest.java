package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkAction;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkMode;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserOutcome;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.Membership;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.UserQueryStore;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.MutableClock;
import org.licensekit.testkit.bulk.BulkTestSupport;

/**
 * A best-effort bulk run on PostgreSQL, whose chunks overlap (the next one begins while the one
 * before commits), fails after a chunk committed: reading the next page throws. Every chunk that
 * committed has been told to the listener — its outcomes and its progress, in chunk order, on the
 * caller's thread — before the exception reaches the caller, and nothing uncommitted was told.
 */
class PostgresBulkFailureTellsCommittedChunksTest {

  private static final int CHUNK = 4;
  private static final Term YEAR = Term.of(LicensingTestSupport.START.minusSeconds(86_400),
      LicensingTestSupport.START.plusSeconds(86_400 * 300L));

  private static DataSource pool;
  private static JdbcLicenseStore store;

  @BeforeAll
  static void startStore() {
    pool = SharedStores.pooled(PostgresTestDatabase.create(), 8);
    store = JdbcLicenseStore.builder(pool).build();
  }

  @AfterAll
  static void closePool() throws Exception {
    if (pool instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }

  @Test
  void aRunThatFailsReadingAPageHasToldEveryChunkItCommitted() {
    assertThat(store.transactions().overlapsBulkChunks()).as("chunks overlap on this store").isTrue();
    for (int failingRead = 2; failingRead <= 4; failingRead++) {
      TenantId tenant = TenantId.of("bulk-failure-" + failingRead);
      Thread caller = Thread.currentThread();
      AtomicInteger reads = new AtomicInteger();
      int failOn = failingRead;
      ActorSession admin = Licensing.builder().store(failingPageRead(caller, reads, failOn))
          .clock(new MutableClock(LicensingTestSupport.START)).build().tenant(tenant).as(Actor.systemAdministrator("admin-1"));
      LicensingTestSupport.defineStandardCatalog(admin);
      admin.pools().add(NewPool.builder().product(LicensingTestSupport.OBSERVATION).seats(100).term(YEAR).build());
      for (int i = 0; i < 5 * CHUNK; i++) {
        UserId user = UserId.of(String.format("u-%03d", i));
        admin.users().register(NewUser.builder().id(user).name("User " + i).email(user.value() + "@example.org")
            .addOrganizations(BulkTestSupport.NORTH).invite(false).build());
        admin.users().activate(user);
      }
      reads.set(0);
      Heard heard = new Heard(caller);

      assertThatThrownBy(() -> admin.bulk().run(BulkRequest.where(UserFilter.builder().organization(BulkTestSupport.NORTH).build())
          .action(BulkAction.grantRoles(BulkTestSupport.NORTH, Set.of(DefaultCatalog.OBSERVER))).mode(BulkMode.BEST_EFFORT)
          .reason("term start").chunkSize(CHUNK).build(), heard))
          .as("the page read %d fails the run", failOn).hasMessageContaining("page read failed");

      List<UserId> committed = new ArrayList<>();
      for (int i = 0; i < 5 * CHUNK; i++) {
        UserId user = UserId.of(String.format("u-%03d", i));
        if (store.directory().membershipsOf(tenant, user).stream().map(Membership::roles)
            .anyMatch(roles -> roles.contains(DefaultCatalog.OBSERVER))) {
          committed.add(user);
        }
      }
      assertThat(committed).as("the chunks read before page read %d committed", failOn).hasSize((failOn - 1) * CHUNK);
      assertThat(heard.users).as("told, in chunk order, before the failure reached the caller").isEqualTo(committed);
      assertThat(heard.progress).as("progress after each committed chunk").isEqualTo(
          java.util.stream.IntStream.range(1, failOn).mapToObj(chunk -> (long) chunk * CHUNK).toList());
      assertThat(heard.elsewhere).as("listener calls made on another thread than the caller's").isZero();
    }
  }

  /** The store, with the caller's {@code failOn}-th page read of a bulk run throwing. */
  private static LicenseStore failingPageRead(Thread caller, AtomicInteger reads, int failOn) {
    UserQueryStore queries = store.userQueries();
    UserQueryStore failing = (UserQueryStore) Proxy.newProxyInstance(UserQueryStore.class.getClassLoader(),
        new Class<?>[] {UserQueryStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("findUserIds") && Thread.currentThread() == caller && reads.incrementAndGet() == failOn) {
            throw new IllegalStateException("page read failed (the connection was lost)");
          }
          return invoke(queries, method, args);
        });
    return (LicenseStore) Proxy.newProxyInstance(LicenseStore.class.getClassLoader(), new Class<?>[] {LicenseStore.class},
        (proxy, method, args) -> method.getParameterCount() == 0 && method.getReturnType() == UserQueryStore.class
            ? failing : invoke(store, method, args));
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** What the listener heard, and whether it was called on another thread than the caller's. */
  private static final class Heard implements BulkListener {
    private final Thread caller;
    final List<UserId> users = new ArrayList<>();
    final List<Long> progress = new ArrayList<>();
    int elsewhere;

    Heard(Thread caller) {
      this.caller = caller;
    }

    @Override
    public void outcome(UserOutcome outcome) {
      elsewhere += Thread.currentThread() == caller ? 0 : 1;
      users.add(outcome.user());
    }

    @Override
    public void progress(long done, long total) {
      elsewhere += Thread.currentThread() == caller ? 0 : 1;
      progress.add(done);
    }
  }
}
