package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.AuditStore;
import org.licensekit.core.spi.DirectoryStore;
import org.licensekit.core.spi.LicenseStore;

/**
 * A settings change to "suspended users give up their seats" racing the suspension of an account
 * registered after the change had locked every account it could see (so its lock does not reach
 * it), on PostgreSQL, with latches around the store calls fixing the interleaving: the suspension
 * decides what to release while the change is in flight, and then waits for the change to commit
 * before it appends its audit entries and commits. Whatever the outcome, the suspended user may keep the seat only when the suspension comes
 * before the change in the audit trail (the commit order): the change must not commit while a
 * command that read the old settings is in flight.
 */
class PostgresSettingsRaceTest {

  private static final TenantId TENANT = TenantId.of("settings-race");
  private static final ProductId PRODUCT = ProductId.of("observation");
  private static final UserId LATE = UserId.of("registered-late");
  /** How long the suspension waits for the change to commit; with the fix the change waits for it instead. */
  private static final long SUSPENSION_WAITS_MILLIS = 2_000;

  private final CountDownLatch changeLockedTheAccounts = new CountDownLatch(1);
  private final CountDownLatch changeMayGoOn = new CountDownLatch(1);
  private final CountDownLatch suspensionDecided = new CountDownLatch(1);
  private final CountDownLatch changeCommitted = new CountDownLatch(1);
  private volatile Thread changer;
  private volatile Thread suspender;

  @Test
  void aSuspensionThatReadTheOldSettingNeverCommitsAfterTheChange() throws Exception {
    PostgresTestDatabase database = PostgresTestDatabase.create();
    JdbcLicenseStore unlatched = JdbcLicenseStore.builder(database.dataSource()).build();
    LicenseStore store = latched(unlatched);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    ActorSession admin = Licensing.builder().store(store).build().tenant(TENANT).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(PRODUCT).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().product(PRODUCT).seats(10)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    register(admin, UserId.of("registered-early"));

    CompletableFuture<TenantSettings> change = CompletableFuture.supplyAsync(() -> {
      changer = Thread.currentThread();
      try {
        return admin.settings().update(TenantSettings.builder().suspendedUsersKeepSeats(false).build());
      } finally {
        changeCommitted.countDown();
      }
    }, threads);
    assertThat(changeLockedTheAccounts.await(30, TimeUnit.SECONDS)).as("the change locked every account it saw").isTrue();
    // registered and given a seat after the change's lock of every account: out of its reach
    register(admin, LATE);
    admin.assignments().assignProduct(LATE, PRODUCT, "before the suspension");

    CompletableFuture<Void> suspension = CompletableFuture.runAsync(() -> {
      suspender = Thread.currentThread();
      admin.users().suspend(LATE, "racing the settings change");
    }, threads);
    assertThat(suspensionDecided.await(30, TimeUnit.SECONDS)).as("the suspension decided what to release").isTrue();
    changeMayGoOn.countDown();
    suspension.get(60, TimeUnit.SECONDS);
    change.get(60, TimeUnit.SECONDS);
    threads.shutdown();

    // the chain's order is the commit order: each append waits for the chain head the one before held
    List<ChangeType> chainOrder = unlatched.audit().chain(TENANT, 0, 1_000).stream().map(link -> link.entry().action())
        .filter(action -> action == ChangeType.SETTINGS_CHANGED || action == ChangeType.USER_SUSPENDED).toList();
    int suspended = chainOrder.indexOf(ChangeType.USER_SUSPENDED);
    int changed = chainOrder.indexOf(ChangeType.SETTINGS_CHANGED);
    assertThat(List.of(suspended, changed)).as("both in the trail: %s", chainOrder).doesNotContain(-1);
    boolean suspendedAfterTheChange = suspended > changed;
    boolean keepsASeat = unlatched.claims().listForUser(TENANT, LATE).stream().anyMatch(LicenseClaim::live);
    assertThat(suspendedAfterTheChange && keepsASeat)
        .as("suspended after the change (trail order %s), yet keeps a seat", chainOrder)
        .isFalse();
  }

  private static void register(ActorSession admin, UserId user) {
    admin.users().register(NewUser.builder().id(user).name("User " + user.value()).email(user.value() + "@example.org")
        .invite(false).build());
    admin.users().activate(user);
  }

  /**
   * {@code store} with latches: the settings change pauses once it has locked every account, and
   * the suspension, once it has decided what to release (when its audit entries are appended, just
   * before its commit), signals and then waits, for a bounded time, for the change to commit.
   */
  private LicenseStore latched(LicenseStore store) {
    DirectoryStore directory = forwarding(DirectoryStore.class, store.directory(), method -> {
      if (method.getName().equals("lockAllUsers") && Thread.currentThread() == changer) {
        changeLockedTheAccounts.countDown();
        awaitUninterruptibly(changeMayGoOn, 30_000);
      }
    });
    AuditStore audit = forwarding(AuditStore.class, store.audit(), method -> {});
    AuditStore auditLatched = forwardingBefore(AuditStore.class, audit, method -> {
      if (method.getName().equals("append") && Thread.currentThread() == suspender && suspensionDecided.getCount() > 0) {
        suspensionDecided.countDown();
        awaitUninterruptibly(changeCommitted, SUSPENSION_WAITS_MILLIS);
      }
    });
    return forwarding(LicenseStore.class, store, method -> {}, directory, auditLatched);
  }

  private static void awaitUninterruptibly(CountDownLatch latch, long millis) {
    try {
      latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private interface Hook {
    void called(Method method);
  }

  /** A proxy of {@code port} calling {@code after} after each call; zero-argument accessors answered by {@code swapped} when they fit. */
  private static <T> T forwarding(Class<T> port, T delegate, Hook after, Object... swapped) {
    return proxy(port, delegate, method -> {}, after, swapped);
  }

  /** A proxy of {@code port} calling {@code before} before each call. */
  private static <T> T forwardingBefore(Class<T> port, T delegate, Hook before) {
    return proxy(port, delegate, before, method -> {});
  }

  private static <T> T proxy(Class<T> port, T delegate, Hook before, Hook after, Object... swapped) {
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
      for (Object replacement : swapped) {
        if (method.getParameterCount() == 0 && method.getReturnType().isInstance(replacement)) {
          return replacement;
        }
      }
      before.called(method);
      Object result;
      try {
        result = method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      after.called(method);
      return result;
    }));
  }
}
