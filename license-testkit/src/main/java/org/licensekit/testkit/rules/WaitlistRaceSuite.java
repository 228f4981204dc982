package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.WaitingUser;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * The seat waitlist under real concurrency, each racer a thread of its own (on a connection of its
 * own for a database store): no seat is given twice, and no waiting user is passed over for a seat
 * that could serve them. Each race runs {@code -Dlicensekit.race.rounds} times (default 10), each
 * round on a product and pool of its own.
 */
public abstract class WaitlistRaceSuite extends LicensingTestSupport {

  private static final int SEATS = 6;
  private static final int WAITING = 14;
  private static final int JOINERS = 12;

  private List<UserId> users;

  @BeforeEach
  void registerUsers() {
    users = IntStream.range(0, SEATS + WAITING + JOINERS).mapToObj(i -> UserId.of(String.format("w%02d", i))).collect(Collectors.toList());
    users.forEach(user -> admin.users().register(NewUser.builder()
        .id(user).name("Waiter " + user).email(user + "@example.org").invite(false).build()));
  }

  @Test
  void seatsFreedAtOnceGoToTheHeadOfTheQueueInOrderEachToOneUser() throws InterruptedException {
    for (int round = 0; round < rounds(); round++) {
      ProductId product = productWithPool("freed-" + round, SEATS);
      List<UserId> holders = users.subList(0, SEATS);
      List<UserId> waiting = users.subList(SEATS, SEATS + WAITING);
      List<LicenseClaim> held = holders.stream()
          .map(u -> admin.assignments().assignProduct(u, product, "first").assigned().get(0)).collect(Collectors.toList());
      waiting.forEach(u -> admin.assignments().assignProduct(u, product, "later"));
      assertThat(queue(product)).as("round %d: queued in order", round).containsExactlyElementsOf(waiting);

      List<Race.Outcome<LicenseClaim>> outcomes = Race.run(SEATS, i -> () -> admin.claims().revoke(held.get(i).id(), "race"));

      assertThat(outcomes).as("round %d: no revoker may fail", round).noneMatch(Race.Outcome::failed);
      assertThat(liveHolders(product)).as("round %d: the first %d in line hold the freed seats", round, SEATS)
          .containsExactlyInAnyOrderElementsOf(waiting.subList(0, SEATS));
      assertThat(queue(product)).as("round %d: the rest still wait in order", round)
          .containsExactlyElementsOf(waiting.subList(SEATS, WAITING));
      assertThat(usage(product).seatsInUse()).as("round %d: seats in use", round).isEqualTo(SEATS);
    }
  }

  @Test
  void usersJoiningWhileSeatsAreFreedAndAddedAreNeverPassedOverNorGivenASeatTwice() throws InterruptedException {
    for (int round = 0; round < rounds(); round++) {
      ProductId product = productWithPool("mixed-" + round, SEATS);
      List<UserId> holders = users.subList(0, SEATS);
      List<UserId> joiners = users.subList(SEATS + WAITING, SEATS + WAITING + JOINERS);
      List<LicenseClaim> held = holders.stream()
          .map(u -> admin.assignments().assignProduct(u, product, "first").assigned().get(0)).collect(Collectors.toList());
      PoolId pool = PoolId.of(product.value());

      // half the holders give their seat back, the joiners ask for one, and the pool grows by two
      int revokers = SEATS / 2;
      List<Race.Outcome<Object>> outcomes = Race.run(revokers + JOINERS + 1, i -> {
        if (i < revokers) {
          return () -> admin.claims().revoke(held.get(i).id(), "race");
        }
        if (i < revokers + JOINERS) {
          return () -> admin.assignments().assignProduct(joiners.get(i - revokers), product, "race");
        }
        return () -> admin.pools().changeSeats(pool, SEATS + 2, "race");
      });

      assertThat(outcomes).as("round %d: no racer failed", round).noneMatch(Race.Outcome::failed);
      PoolUsage after = usage(product);
      List<UserId> live = liveHolders(product);
      List<UserId> queued = queue(product);
      assertThat(after.pool().seats()).as("round %d: seats", round).isEqualTo(SEATS + 2);
      assertThat(live).as("round %d: one live claim per user", round).doesNotHaveDuplicates();
      assertThat(after.seatsInUse()).as("round %d: the counter is the live claims", round).isEqualTo(live.size());
      assertThat(live.size()).as("round %d: live claims within seats", round).isLessThanOrEqualTo(SEATS + 2);
      assertThat(queued).as("round %d: nobody both holds and waits", round).doesNotContainAnyElementsOf(live);
      assertThat(queued.isEmpty() || after.free() == 0)
          .as("round %d: a free seat while users wait (free %d, waiting %s)", round, after.free(), queued).isTrue();
      List<UserId> everyone = new ArrayList<>(live);
      everyone.addAll(queued);
      assertThat(everyone).as("round %d: every joiner holds a seat or waits", round).containsAll(joiners);
      assertThat(live.size()).as("round %d: every seat is used while anyone waits", round)
          .isEqualTo(Math.min(SEATS + 2, SEATS - revokers + JOINERS));
    }
  }

  /**
   * A pool whose term has just started, and nothing has served its seats yet: sweeps on several
   * instances race each other and newcomers asking for the product. The seats go to the head of
   * the queue in order, each once; no newcomer takes one ahead of a waiting user.
   */
  @Test
  void sweepsAndNewcomersAfterATermStartsGiveEachNewSeatOnceToTheHeadOfTheQueue() throws InterruptedException {
    int sweepers = 3;
    for (int round = 0; round < rounds(); round++) {
      ProductId product = productWithPool("started-" + round, SEATS);
      List<UserId> holders = users.subList(0, SEATS);
      List<UserId> waiting = users.subList(SEATS, SEATS + WAITING);
      List<UserId> joiners = users.subList(SEATS + WAITING, SEATS + WAITING + JOINERS);
      holders.forEach(u -> admin.assignments().assignProduct(u, product, "first"));
      waiting.forEach(u -> admin.assignments().assignProduct(u, product, "later"));
      PoolId next = PoolId.of(product.value() + "-next");
      admin.pools().add(NewPool.builder().id(next).product(product).seats(SEATS)
          .term(org.licensekit.core.domain.Term.of(clock.instant().plus(java.time.Duration.ofHours(1)), schoolYear().end())).build());
      clock.advance(java.time.Duration.ofHours(2));

      List<Race.Outcome<Object>> outcomes = Race.run(sweepers + JOINERS, i -> i < sweepers
          ? () -> admin.lifecycle().serveWaitlists()
          : () -> admin.assignments().assignProduct(joiners.get(i - sweepers), product, "race"));

      assertThat(outcomes).as("round %d: no racer failed", round).noneMatch(Race.Outcome::failed);
      List<UserId> live = liveHolders(product);
      List<UserId> queued = queue(product);
      assertThat(live).as("round %d: the holders and the first %d in line hold seats", round, SEATS)
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(com.google.common.collect.ImmutableList.<UserId>builder()
              .addAll(holders).addAll(waiting.subList(0, SEATS)).build());
      assertThat(admin.pools().find(next).orElseThrow().seatsInUse()).as("round %d: the new pool's seats", round).isEqualTo(SEATS);
      assertThat(usage(product).seatsInUse()).as("round %d: the first pool's seats", round).isEqualTo(SEATS);
      assertThat(queued.subList(0, WAITING - SEATS)).as("round %d: the rest wait in their order, ahead of the newcomers", round)
          .containsExactlyElementsOf(waiting.subList(SEATS, WAITING));
      assertThat(queued.subList(WAITING - SEATS, queued.size())).as("round %d: every newcomer waits", round)
          .containsExactlyInAnyOrderElementsOf(joiners);
    }
  }

  private ProductId productWithPool(String name, int seats) {
    ProductId product = ProductId.of(name);
    admin.catalog().defineProduct(Product.builder().id(product).name(name).type(ProductType.LEARNING_CONTENT).build());
    admin.pools().add(NewPool.builder().id(PoolId.of(name)).product(product).seats(seats).term(schoolYear()).build());
    return product;
  }

  private PoolUsage usage(ProductId product) {
    return admin.pools().find(PoolId.of(product.value())).orElseThrow();
  }

  private List<UserId> queue(ProductId product) {
    return admin.waitlist().of(product).stream().map(WaitingUser::user).collect(Collectors.toList());
  }

  private List<UserId> liveHolders(ProductId product) {
    return users.stream()
        .flatMap(u -> admin.claims().ofUser(u).stream())
        .filter(c -> c.product().equals(product) && c.live())
        .map(LicenseClaim::user)
        .collect(Collectors.toList());
  }

  private static int rounds() {
    return SuiteSettings.size(SuiteSettings.RACE_ROUNDS, 10);
  }
}
