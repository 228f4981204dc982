package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.testkit.fixtures.Fixtures.activated;
import static org.licensekit.testkit.fixtures.Fixtures.auditEntry;
import static org.licensekit.testkit.fixtures.Fixtures.claim;
import static org.licensekit.testkit.fixtures.Fixtures.day;
import static org.licensekit.testkit.fixtures.Fixtures.jobProfile;
import static org.licensekit.testkit.fixtures.Fixtures.membership;
import static org.licensekit.testkit.fixtures.Fixtures.organization;
import static org.licensekit.testkit.fixtures.Fixtures.pool;
import static org.licensekit.testkit.fixtures.Fixtures.product;
import static org.licensekit.testkit.fixtures.Fixtures.role;
import static org.licensekit.testkit.fixtures.Fixtures.term;
import static org.licensekit.testkit.fixtures.Fixtures.training;
import static org.licensekit.testkit.fixtures.Fixtures.user;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Transactions;

/**
 * The contract of {@link Transactions}: a unit of work happens whole or not at all, across every
 * sub-store; nested calls join the running transaction; other threads never see uncommitted writes.
 * Whole commands racing each other are {@link ConcurrencyContract}'s.
 */
public abstract class TransactionsContract extends StoreContractSupport {

  private static final UserId ANA = UserId.of("ana");
  private static final UserId BO = UserId.of("bo");
  private static final PoolId P1 = PoolId.of("p-1");
  private static final ProductId OBSERVATION = ProductId.of("observation");

  /** Thrown by test work to force a rollback. */
  private static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Boom() {
      super("forced by the contract test");
    }
  }

  private TenantSnapshot snapshot(TenantId of) {
    return TenantSnapshot.take(store, of, List.of(ANA, BO, UserId.of("carla")));
  }

  @Test
  void theWorksResultIsReturnedAndItsWritesAreKept() {
    String result = inTransaction(() -> {
      store.directory().insertUser(tenant, user("ana").build());
      store.pools().insert(tenant, pool("p-1", "observation").build());
      return "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(store.directory().findUser(tenant, ANA)).isPresent();
    assertThat(store.pools().find(tenant, P1)).isPresent();
  }

  @Test
  void readsInsideATransactionSeeItsOwnWrites() {
    Optional<UserAccount> seen = inTransaction(() -> {
      store.directory().insertUser(tenant, user("ana").build());
      store.pools().insert(tenant, pool("p-1", "observation").seats(1).build());
      store.pools().tryTakeSeat(tenant, P1);
      assertThat(store.pools().find(tenant, P1).orElseThrow().seatsInUse()).isEqualTo(1);
      assertThat(store.pools().tryTakeSeat(tenant, P1)).isFalse();
      return store.directory().findUser(tenant, ANA);
    });

    assertThat(seen).isPresent();
  }

  @Test
  void aFailedTransactionLeavesNoTraceInAnySubStore() {
    commitBaseline(tenant);
    commitBaseline(otherTenant);
    TenantSnapshot before = snapshot(tenant);
    TenantSnapshot otherBefore = snapshot(otherTenant);
    Boom failure = new Boom();

    assertThatThrownBy(() -> inTransaction(() -> {
      writeToEverySubStore(tenant);
      throw failure;
    })).isSameAs(failure);

    assertThat(snapshot(tenant)).isEqualTo(before);
    assertThat(snapshot(otherTenant)).isEqualTo(otherBefore);
  }

  @Test
  void theSameWritesAreKeptWhenTheTransactionSucceeds() {
    commitBaseline(tenant);
    TenantSnapshot before = snapshot(tenant);

    inTransaction(() -> {
      writeToEverySubStore(tenant);
      return null;
    });

    // Proves the rollback test above rolled back real writes, not writes that never happened.
    TenantSnapshot after = snapshot(tenant);
    assertThat(after.products()).hasSize(before.products().size() + 1);
    assertThat(after.users()).hasSize(before.users().size() + 1);
    assertThat(after.pools()).hasSize(before.pools().size() + 1);
    assertThat(after.audit()).hasSize(before.audit().size() + 1);
    assertThat(after.settings()).isNotEqualTo(before.settings());
    assertThat(after.claims().get(BO)).hasSize(1);
    assertThat(after.memberships().get(ANA)).containsExactly(membership("ana", "washington-elementary", "OBSERVABLE"));
  }

  @Test
  void aNestedTransactionJoinsTheOuterOneAndIsUndoneWithIt() {
    Boom failure = new Boom();

    assertThatThrownBy(() -> inTransaction(() -> {
      String inner = inTransaction(() -> {
        store.directory().insertUser(tenant, user("ana").build());
        return "inner";
      });
      assertThat(inner).isEqualTo("inner");
      store.pools().insert(tenant, pool("p-1", "observation").build());
      throw failure;
    })).isSameAs(failure);

    assertThat(store.directory().findUser(tenant, ANA)).isEmpty();
    assertThat(store.pools().find(tenant, P1)).isEmpty();
  }

  @Test
  void aFailureInANestedTransactionUndoesTheOuterWritesToo() {
    Boom failure = new Boom();

    assertThatThrownBy(() -> inTransaction(() -> {
      store.pools().insert(tenant, pool("p-1", "observation").build());
      return inTransaction(() -> {
        store.directory().insertUser(tenant, user("ana").build());
        throw failure;
      });
    })).isSameAs(failure);

    assertThat(store.pools().find(tenant, P1)).isEmpty();
    assertThat(store.directory().findUser(tenant, ANA)).isEmpty();
  }

  @Test
  void aCaughtFailureInANestedTransactionUndoesOnlyItsOwnWrites() {
    Boom failure = new Boom();

    inTransaction(() -> {
      store.pools().insert(tenant, pool("p-1", "observation").build());
      assertThatThrownBy(() -> inTransaction(() -> {
        store.directory().insertUser(tenant, user("ana").build());
        throw failure;
      })).isSameAs(failure);
      store.directory().insertUser(tenant, user("bo").build());
      return null;
    });

    assertThat(store.pools().find(tenant, P1)).isPresent();
    assertThat(store.directory().findUser(tenant, ANA)).isEmpty();
    assertThat(store.directory().findUser(tenant, BO)).isPresent();
  }

  @Test
  void nestedTransactionsCommitTogether() {
    inTransaction(() -> {
      store.pools().insert(tenant, pool("p-1", "observation").build());
      return inTransaction(() -> inTransaction(() -> {
        store.directory().insertUser(tenant, user("ana").build());
        return null;
      }));
    });

    assertThat(store.pools().find(tenant, P1)).isPresent();
    assertThat(store.directory().findUser(tenant, ANA)).isPresent();
  }

  @Test
  void aWriteOutsideATransactionIsCommittedOnItsOwn() throws Exception {
    store.directory().insertUser(tenant, user("ana").build());

    List<Optional<UserAccount>> seen = race(List.of(() -> store.directory().findUser(tenant, ANA)));

    assertThat(seen.get(0)).isPresent();
  }

  @Test
  void otherThreadsNeverSeeWritesThatAreRolledBack() throws Exception {
    CountDownLatch written = new CountDownLatch(1);
    ExecutorService reader = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<UserAccount>> seen = reader.submit(() -> {
        if (!written.await(60, TimeUnit.SECONDS)) {
          throw new AssertionError("the writer never wrote");
        }
        return store.directory().findUser(tenant, ANA);
      });
      Boom failure = new Boom();

      assertThatThrownBy(() -> inTransaction(() -> {
        store.directory().insertUser(tenant, user("ana").build());
        written.countDown();
        pause(Duration.ofMillis(300)); // the reader looks now, or waits for the outcome
        throw failure;
      })).isSameAs(failure);

      assertThat(seen.get(60, TimeUnit.SECONDS)).isEmpty();
    } finally {
      reader.shutdownNow();
    }
  }

  @Test
  void theStoreServesOtherThreadsAfterAFailedTransaction() throws Exception {
    assertThatThrownBy(() -> inTransaction(() -> {
      store.directory().insertUser(tenant, user("ana").build());
      throw new Boom();
    })).isInstanceOf(Boom.class);

    List<Boolean> done = race(List.<Callable<Boolean>>of(() -> inTransaction(() -> {
      store.directory().insertUser(tenant, user("bo").build());
      return true;
    })));

    assertThat(done).containsExactly(true);
    assertThat(store.directory().listUsers(tenant)).extracting(UserAccount::id).containsExactly(BO);
  }

  /** Committed state every sub-store holds before a test writes over it. */
  private void commitBaseline(TenantId in) {
    LicenseStore s = store;
    s.catalog().saveProduct(in, product("observation").build());
    s.catalog().saveRole(in, role("OBSERVER", "observation").build());
    s.catalog().saveJobProfile(in, jobProfile("ADMINISTRATOR", "OBSERVER"));
    s.directory().saveOrganization(in, organization("district"));
    s.directory().insertUser(in, user("ana").build());
    s.directory().saveMembership(in, membership("ana", "district", "OBSERVER"));
    s.pools().insert(in, pool("p-1", "observation").seats(5).build());
    s.pools().tryTakeSeat(in, P1);
    s.pools().tryTakeSeat(in, P1);
    s.claims().insertIfNoLiveClaim(in, claim("c-1", "ana", "observation", "p-1").build());
    s.training().save(in, training("ana", "observer-basics").build());
    s.audit().append(in, List.of(auditEntry("e-1").build()));
    s.settings().put(in, TenantSettings.builder().claimOnFirstAccess(true).build());
  }

  /** One write of every kind, inserting new records and replacing baseline ones. */
  private void writeToEverySubStore(TenantId in) {
    LicenseStore s = store;
    s.catalog().saveProduct(in, product("evaluation").build());
    s.catalog().saveProduct(in, product("observation").name("Renamed").build());
    s.catalog().saveRole(in, role("OBSERVER", "observation", "evaluation").build());
    s.catalog().saveRole(in, role("EVALUATOR", "evaluation").build());
    s.catalog().saveJobProfile(in, jobProfile("ADMINISTRATOR", "OBSERVER", "EVALUATOR"));
    s.catalog().saveJobProfile(in, jobProfile("TEACHER", "OBSERVABLE"));
    s.directory().saveOrganization(in, Organization.root(OrganizationId.of("district"), "Renamed district"));
    s.directory().saveOrganization(in, organization("washington-elementary", "district"));
    s.directory().insertUser(in, user("bo").build());
    s.directory().updateUser(in, user("ana").status(AccountStatus.SUSPENDED).build());
    s.directory().saveMembership(in, membership("ana", "washington-elementary", "OBSERVABLE"));
    s.directory().deleteMembership(in, ANA, OrganizationId.of("district"));
    s.pools().insert(in, pool("p-2", "evaluation").build());
    s.pools().tryTakeSeat(in, P1);
    s.pools().releaseSeat(in, P1);
    s.pools().releaseSeat(in, P1);
    s.pools().trySetSeats(in, P1, 50);
    s.pools().updateDefinition(in, pool("p-1", "observation").term(term(0, 730)).reference("PO-2").build());
    LicenseClaim anasClaim = s.claims().find(in, ClaimId.of("c-1")).orElseThrow();
    s.claims().compareAndSet(in, ClaimStatus.PENDING, activated(anasClaim, day(1), day(365)));
    s.claims().insertIfNoLiveClaim(in, claim("c-2", "bo", "evaluation", "p-2").build());
    s.training().save(in, training("ana", "observer-basics").completedAt(day(2)).build());
    s.training().save(in, training("bo", "safety").build());
    s.audit().append(in, List.of(auditEntry("e-2").user(BO).build()));
    s.settings().put(in, TenantSettings.builder().suspendedUsersKeepSeats(false).build());
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
