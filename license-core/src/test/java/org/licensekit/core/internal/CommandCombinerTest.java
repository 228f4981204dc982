package org.licensekit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.InputValidator;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.OutboxPolicy;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.licensekit.core.internal.directory.AssignmentService;
import org.licensekit.core.spi.EventPublisher;
import org.licensekit.core.spi.LicenseStore;
import org.licensekit.core.spi.Notifier;

/**
 * The combiner on the in-memory store (whose transactions nest behind savepoints like the JDBC
 * store's), with combining turned on: real threads, each caller its own answer, the
 * seat rule kept, the audit chain whole; and the builder's bound checked.
 */
class CommandCombinerTest {

  private static final ProductId PRODUCT = ProductId.of("observation");

  @Test
  void theBoundIsCheckedNamingTheField() {
    assertThatThrownBy(() -> Licensing.builder().combinedAssignments(0)).isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("combinedAssignments");
    assertThatThrownBy(() -> Licensing.builder().combinedAssignments(Licensing.MAX_COMBINED_ASSIGNMENTS + 1))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("combinedAssignments");
  }

  @Test
  void aStoreThatSaysNothingIsNotCombined() {
    LicenseStore store = InMemoryLicenseStore.create();
    assertThat(store.transactions().combinedAssignmentsByDefault()).isEqualTo(1);
    assertThat(store.transactions().detached()).isTrue();
    assertThat(store.transactions().inTransaction(() -> store.transactions().detached())).isFalse();
  }

  @Test
  void sixteenThreadsOnTenSeatsEachGetTheirOwnAnswerAndNoSeatTooMany() throws Exception {
    LicenseStore store = InMemoryLicenseStore.create();
    ActorSession admin = Licensing.builder().store(store).combinedAssignments(8).build()
        .tenant(TenantId.of("t")).as(Actor.systemAdministrator("admin"));
    admin.catalog().defineProduct(Product.builder().id(PRODUCT).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    Instant now = Instant.now();
    admin.pools().add(NewPool.builder().id(PoolId.of("pool")).product(PRODUCT).seats(10)
        .term(Term.of(now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS))).build());
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      UserId user = UserId.of("u-" + i);
      admin.users().register(NewUser.builder().id(user).name("User " + i).email("u" + i + "@example.org").build());
      users.add(user);
    }
    // the same tenant and actor through a Context whose combiner the test can read
    CommandCombiner combiner = CommandCombiner.of(8);
    Ports ports = new Ports(store, Clock.systemUTC(), Notifier.logging(), EventPublisher.none(), InputValidator.create(),
        OutboxPolicy.defaults(), Ports.DEFAULT_PAGE_SIZE, combiner);
    AssignmentService assignments = new AssignmentService(new Context(ports, TenantId.of("t"), Actor.systemAdministrator("admin")));
    ExecutorService threads = Executors.newFixedThreadPool(16);
    // an in-memory assignment takes microseconds: the store is held meanwhile so that callers queue
    List<Future<AssignmentResult>> results = new ArrayList<>();
    whileTheStoreIsHeld(store, () -> {
      for (UserId user : users) {
        results.add(threads.submit(() -> assignments.assignProduct(user, PRODUCT, "race")));
      }
    });
    int assigned = 0;
    for (int i = 0; i < users.size(); i++) {
      AssignmentResult result = results.get(i).get(60, TimeUnit.SECONDS);
      for (LicenseClaim claim : result.assigned()) {
        assertThat(claim.user()).isEqualTo(users.get(i));
        assigned++;
      }
      if (result.assigned().isEmpty()) {
        assertThat(result.refused()).hasSize(1);
      }
    }
    threads.shutdown();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

    assertThat(assigned).isEqualTo(10);
    long live = users.stream().flatMap(user -> store.claims().listForUser(TenantId.of("t"), user).stream())
        .filter(claim -> claim.status() == ClaimStatus.PENDING || claim.status() == ClaimStatus.ACTIVE).count();
    assertThat(live).isEqualTo(10);
    assertThat(store.pools().find(TenantId.of("t"), PoolId.of("pool")).orElseThrow().seatsInUse()).isEqualTo(10);
    assertThat(admin.audit().verify().intact()).isTrue();
    CommandCombiner.Counts counts = combiner.counts();
    assertThat(counts.transactions()).as("%s", counts).isPositive();
    assertThat(counts.commands()).as("%s", counts).isGreaterThan(counts.transactions());
    assertThat(counts.setBased()).as("assignments the batches' set-based plan decided: %s", counts).isPositive();
  }

  /**
   * The lane's check (for assignments: does anyone wait for the product) is the first read of the
   * batch's own transaction, not a transaction of its own; when it says no, each command still runs
   * alone and gets its own answer.
   */
  @Test
  void theCombinableCheckRunsInsideTheBatchsTransactionAndANoRunsEachAlone() throws Exception {
    for (boolean combinable : new boolean[] {true, false}) {
      LicenseStore store = InMemoryLicenseStore.create();
      CommandCombiner combiner = CommandCombiner.of(8);
      Ports ports = new Ports(store, Clock.systemUTC(), Notifier.logging(), EventPublisher.none(), InputValidator.create(),
          OutboxPolicy.defaults(), Ports.DEFAULT_PAGE_SIZE, combiner);
      Context context = new Context(ports, TenantId.of("t"), Actor.systemAdministrator("admin"));
      List<Boolean> checkedInsideATransaction = java.util.Collections.synchronizedList(new ArrayList<>());
      java.util.function.BooleanSupplier check = () -> {
        checkedInsideATransaction.add(!store.transactions().detached());
        return combinable;
      };
      ExecutorService threads = Executors.newFixedThreadPool(6);
      // the store is held while the callers queue, so that they form one batch
      List<Future<String>> results = new ArrayList<>();
      whileTheStoreIsHeld(store, () -> {
        for (int i = 0; i < 6; i++) {
          String answer = "answer-" + i;
          results.add(threads.submit(() -> combiner.run(context, "lane", java.util.Optional.<UserId>empty(), check,
              changes -> answer + (store.transactions().detached() ? " outside" : " inside"))));
        }
      });
      for (int i = 0; i < 6; i++) {
        assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo("answer-" + i + " inside");
      }
      threads.shutdown();
      assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

      CommandCombiner.Counts counts = combiner.counts();
      assertThat(checkedInsideATransaction).as("combinable %s: %s", combinable, counts).isNotEmpty().containsOnly(true);
      if (combinable) {
        assertThat(counts.transactions()).as("%s", counts).isPositive();
        assertThat(counts.notCombined()).as("%s", counts).isZero();
      } else {
        assertThat(counts.transactions()).as("%s", counts).isZero();
        assertThat(counts.notCombined()).as("%s", counts).isPositive();
      }
    }
  }

  /**
   * Runs {@code queue} while another thread holds the store in a transaction, and lets the store go
   * half a second later: the callers it started meanwhile queue up in their lane.
   */
  private static void whileTheStoreIsHeld(LicenseStore store, Runnable queue) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder = new Thread(() -> store.transactions().inTransaction(() -> {
      held.countDown();
      try {
        return release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }));
    holder.start();
    assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
    queue.run();
    Thread.sleep(500);
    release.countDown();
    holder.join(30_000);
  }
}
