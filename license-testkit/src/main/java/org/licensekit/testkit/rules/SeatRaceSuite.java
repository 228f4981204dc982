package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;

/**
 * Rule 1 and 2 under real concurrency: threads released together by a start gate race for seats,
 * for the same user × product, and to activate claims an administrator is revoking. Each race runs
 * {@code -Dlicensekit.race.rounds} times (default 10), each round on a product and pool of its own.
 */
public abstract class SeatRaceSuite extends LicensingTestSupport {

  private static final int SEATS = 10;
  private static final int RACERS = 32;
  private static final int SAME_USER_RACERS = 16;
  private static final int CLAIMERS = 16;

  private List<UserId> users;

  @BeforeEach
  void registerRacers() {
    users = IntStream.range(0, RACERS).mapToObj(i -> UserId.of("racer-" + i)).collect(Collectors.toList());
    users.forEach(user -> admin.users().register(NewUser.builder()
        .id(user).name("Racer " + user).email(user + "@example.org").invite(false).build()));
  }

  @Test
  void thirtyTwoAssignmentsRacingForTenSeatsLeaveExactlyTenLiveClaims() throws InterruptedException {
    for (int round = 0; round < rounds(); round++) {
      ProductId product = productWithPool("seats-" + round, SEATS);
      List<Race.Outcome<AssignmentResult>> outcomes = Race.run(RACERS,
          i -> () -> admin.assignments().assignProduct(users.get(i), product, "race"));

      assertThat(outcomes).as("round %d: no racer may fail", round).noneMatch(Race.Outcome::failed);
      assertThat(outcomes).as("round %d: assigned", round)
          .filteredOn(o -> o.result().assigned().size() == 1).hasSize(SEATS);
      assertThat(outcomes).as("round %d: refused for want of a seat", round)
          .filteredOn(o -> o.result().assigned().isEmpty())
          .hasSize(RACERS - SEATS)
          .allSatisfy(o -> assertThat(o.result().refused()).extracting(AssignmentRefusal::code)
              .containsExactly(AssignmentRefusal.NO_SEAT_AVAILABLE));
      assertThat(liveClaims(product)).as("round %d: live claims", round).hasSize(SEATS);
      assertThat(seatsInUse(product)).as("round %d: seats in use", round).isEqualTo(SEATS);
    }
  }

  @Test
  void sixteenAssignmentsOfTheSameProductToOneUserLeaveOneLiveClaim() throws InterruptedException {
    UserId user = users.get(0);
    for (int round = 0; round < rounds(); round++) {
      ProductId product = productWithPool("same-" + round, SEATS);
      List<Race.Outcome<AssignmentResult>> outcomes = Race.run(SAME_USER_RACERS,
          i -> () -> admin.assignments().assignProduct(user, product, "race"));

      assertThat(outcomes).as("round %d: no racer may fail", round).noneMatch(Race.Outcome::failed);
      List<LicenseClaim> live = liveClaims(product);
      assertThat(live).as("round %d: live claims", round).singleElement()
          .satisfies(claim -> assertThat(claim.user()).isEqualTo(user));
      assertThat(outcomes).as("round %d: exactly one racer made the claim", round)
          .filteredOn(o -> !o.result().assigned().isEmpty()).hasSize(1);
      assertThat(outcomes).as("round %d: every racer reports that one claim", round)
          .allSatisfy(o -> assertThat(o.result().assigned().isEmpty() ? o.result().alreadyHeld() : o.result().assigned())
              .extracting(LicenseClaim::id).containsExactly(live.get(0).id()));
      assertThat(seatsInUse(product)).as("round %d: seats in use", round).isEqualTo(1);
    }
  }

  @Test
  void usersActivatingWhileAnAdministratorRevokesLeakNoSeat() throws InterruptedException {
    List<UserId> claimers = users.subList(0, CLAIMERS);
    claimers.forEach(admin.users()::activate);
    for (int round = 0; round < rounds(); round++) {
      ProductId product = productWithPool("revoke-" + round, CLAIMERS);
      Map<UserId, LicenseClaim> pending = claimers.stream().collect(Collectors.toMap(u -> u,
          u -> admin.assignments().assignProduct(u, product, "race").assigned().get(0)));
      List<Race.Outcome<Object>> outcomes = Race.run(2 * CLAIMERS, i -> activateOrRevoke(claimers, pending, product, i));

      assertThat(outcomes).as("round %d: racers fail only with a conflict", round)
          .filteredOn(Race.Outcome::failed)
          .allSatisfy(o -> assertThat(o.error()).isInstanceOf(ConflictException.class));
      List<LicenseClaim> claims = claimsOf(product);
      assertThat(claims).as("round %d: each claim ends activated or revoked, never still pending", round)
          .hasSize(CLAIMERS)
          .allSatisfy(c -> assertThat(c.status()).isIn(ClaimStatus.ACTIVE, ClaimStatus.REVOKED));
      assertThat(seatsInUse(product)).as("round %d: seats in use equal live claims", round)
          .isEqualTo(liveClaims(product).size());
      liveClaims(product).forEach(c -> admin.claims().revoke(c.id(), "cleanup"));
      assertThat(seatsInUse(product)).as("round %d: every seat back once all claims are revoked", round).isZero();
    }
  }

  /** Even racers claim for their user; odd racers are the administrator revoking that user's claim. */
  private Callable<Object> activateOrRevoke(List<UserId> claimers, Map<UserId, LicenseClaim> pending, ProductId product, int racer) {
    UserId user = claimers.get(racer / 2);
    return racer % 2 == 0
        ? () -> asUser(user).claims().claim(user, product)
        : () -> admin.claims().revoke(pending.get(user).id(), "race");
  }

  private ProductId productWithPool(String name, int seats) {
    ProductId product = ProductId.of(name);
    admin.catalog().defineProduct(Product.builder().id(product).name(name).type(ProductType.LEARNING_CONTENT).build());
    admin.pools().add(NewPool.builder().id(PoolId.of(name)).product(product).seats(seats).term(schoolYear()).build());
    return product;
  }

  private int seatsInUse(ProductId product) {
    return admin.pools().find(PoolId.of(product.value())).orElseThrow().seatsInUse();
  }

  private List<LicenseClaim> claimsOf(ProductId product) {
    return users.stream()
        .flatMap(u -> admin.claims().ofUser(u).stream())
        .filter(c -> c.product().equals(product))
        .collect(Collectors.toList());
  }

  private List<LicenseClaim> liveClaims(ProductId product) {
    return claimsOf(product).stream().filter(LicenseClaim::live).collect(Collectors.toList());
  }

  private static int rounds() {
    return SuiteSettings.size(SuiteSettings.RACE_ROUNDS, 10);
  }
}
