package org.licensekit.testkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.licensekit.testkit.fixtures.Fixtures.pool;
import static org.licensekit.testkit.fixtures.Fixtures.term;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ConflictException;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.spi.PoolStore;

/**
 * The contract of {@link PoolStore}: pools with their seats in use, where a seat is taken only while
 * one is free and seats never shrink below the seats in use. Racing threads are {@link ConcurrencyContract}'s.
 */
public abstract class PoolStoreContract extends StoreContractSupport {

  private static final PoolId P1 = PoolId.of("p-1");

  private PoolStore pools() {
    return store.pools();
  }

  private int seatsInUse(PoolId pool) {
    return pools().find(tenant, pool).orElseThrow().seatsInUse();
  }

  private int seats(PoolId pool) {
    return pools().find(tenant, pool).orElseThrow().pool().seats();
  }

  private void takeSeats(PoolId pool, int count) {
    for (int i = 0; i < count; i++) {
      assertThat(pools().tryTakeSeat(tenant, pool)).as("seat %d", i + 1).isTrue();
    }
  }

  @Test
  void poolKeepsEveryFieldAndStartsWithNoSeatInUse() {
    LicensePool pool = pool("p-1", "observation")
        .seats(500)
        .term(term(0, 365))
        .renewalDate(LocalDate.of(2027, 7, 1))
        .reference("PO-2026-0042")
        .scope(OrganizationId.of("lincoln-high"))
        .build();

    pools().insert(tenant, pool);

    assertThat(pools().find(tenant, P1)).contains(new PoolUsage(pool, 0));
  }

  @Test
  void poolWithoutRenewalReferenceOrScopeRoundTrips() {
    LicensePool pool = pool("p-1", "observation").build();

    pools().insert(tenant, pool);

    LicensePool found = pools().find(tenant, P1).orElseThrow().pool();
    assertThat(found).isEqualTo(pool);
    assertThat(found.renewalDate()).isEmpty();
    assertThat(found.reference()).isEmpty();
    assertThat(found.scope()).isEmpty();
  }

  @Test
  void unknownPoolIsEmpty() {
    assertThat(pools().find(tenant, PoolId.of("nothing"))).isEmpty();
    assertThat(pools().list(tenant)).isEmpty();
    assertThat(pools().listForProduct(tenant, ProductId.of("observation"))).isEmpty();
  }

  @Test
  void insertingATakenPoolIdIsAConflictAndKeepsTheStoredPool() {
    LicensePool original = pool("p-1", "observation").seats(5).build();
    pools().insert(tenant, original);
    pools().tryTakeSeat(tenant, P1);

    assertThatThrownBy(() -> pools().insert(tenant, pool("p-1", "evaluation").seats(99).build()))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_POOL"));

    assertThat(pools().find(tenant, P1)).contains(new PoolUsage(original, 1));
  }

  @Test
  void updatingTheDefinitionReplacesTermRenewalReferenceAndScopeButNeverSeatsOrProduct() {
    pools().insert(tenant, pool("p-1", "observation").seats(5).reference("PO-1").build());
    takeSeats(P1, 2);
    LicensePool renewed = pool("p-1", "evaluation")
        .seats(999)
        .term(term(0, 730))
        .renewalDate(LocalDate.of(2028, 7, 1))
        .reference("PO-2")
        .scope(OrganizationId.of("district"))
        .build();

    assertThat(pools().updateDefinition(tenant, renewed)).isTrue();

    PoolUsage found = pools().find(tenant, P1).orElseThrow();
    assertThat(found.seatsInUse()).isEqualTo(2);
    assertThat(found.pool().seats()).isEqualTo(5);
    assertThat(found.pool().product()).isEqualTo(ProductId.of("observation"));
    assertThat(found.pool().term()).isEqualTo(term(0, 730));
    assertThat(found.pool().renewalDate()).contains(LocalDate.of(2028, 7, 1));
    assertThat(found.pool().reference()).contains("PO-2");
    assertThat(found.pool().scope()).contains(OrganizationId.of("district"));
  }

  @Test
  void updatingTheDefinitionCanClearOptionalFields() {
    pools().insert(tenant, pool("p-1", "observation")
        .renewalDate(LocalDate.of(2027, 7, 1)).reference("PO-1").scope(OrganizationId.of("district")).build());
    LicensePool plain = pool("p-1", "observation").build();

    assertThat(pools().updateDefinition(tenant, plain)).isTrue();

    assertThat(pools().find(tenant, P1).orElseThrow().pool()).isEqualTo(plain);
  }

  @Test
  void updatingAnUnknownPoolReturnsFalseAndCreatesNothing() {
    assertThat(pools().updateDefinition(tenant, pool("p-1", "observation").build())).isFalse();

    assertThat(pools().find(tenant, P1)).isEmpty();
  }

  @Test
  void aProductsPoolsAreListedByTermEndThenId() {
    pools().insert(tenant, pool("p-c", "observation").term(term(0, 365)).build());
    pools().insert(tenant, pool("p-a", "observation").term(term(0, 730)).build());
    pools().insert(tenant, pool("p-b", "observation").term(term(30, 365)).build());
    pools().insert(tenant, pool("p-d", "observation").term(term(0, 180)).build());
    pools().insert(tenant, pool("p-0", "evaluation").term(term(0, 90)).build());

    assertThat(pools().listForProduct(tenant, ProductId.of("observation"))).extracting(u -> u.pool().id().value())
        .containsExactly("p-d", "p-b", "p-c", "p-a");
  }

  @Test
  void everyPoolIsListedByProductThenTermEndThenId() {
    pools().insert(tenant, pool("p-3", "observation").term(term(0, 365)).build());
    pools().insert(tenant, pool("p-1", "proctoring").term(term(0, 90)).build());
    pools().insert(tenant, pool("p-2", "observation").term(term(0, 180)).build());
    pools().insert(tenant, pool("p-4", "evaluation").term(term(0, 730)).build());
    pools().insert(tenant, pool("p-0", "observation").term(term(0, 365)).build());

    assertThat(pools().list(tenant)).extracting(u -> u.pool().id().value())
        .containsExactly("p-4", "p-2", "p-0", "p-3", "p-1");
  }

  @Test
  void listedPoolsCarryTheirSeatsInUse() {
    pools().insert(tenant, pool("p-1", "observation").seats(3).build());
    takeSeats(P1, 2);

    assertThat(pools().list(tenant)).extracting(PoolUsage::seatsInUse).containsExactly(2);
    assertThat(pools().listForProduct(tenant, ProductId.of("observation"))).extracting(PoolUsage::free)
        .containsExactly(1);
  }

  @Test
  void seatsAreTakenUpToTheLimitAndRefusedBeyond() {
    pools().insert(tenant, pool("p-1", "observation").seats(3).build());

    takeSeats(P1, 3);

    assertThat(pools().tryTakeSeat(tenant, P1)).isFalse();
    assertThat(seatsInUse(P1)).isEqualTo(3);
  }

  @Test
  void takingASeatOfAnUnknownPoolIsRefused() {
    assertThat(pools().tryTakeSeat(tenant, PoolId.of("nothing"))).isFalse();
    assertThat(pools().find(tenant, PoolId.of("nothing"))).isEmpty();
  }

  @Test
  void aReleasedSeatCanBeTakenAgain() {
    pools().insert(tenant, pool("p-1", "observation").seats(2).build());
    takeSeats(P1, 2);

    pools().releaseSeat(tenant, P1);

    assertThat(seatsInUse(P1)).isEqualTo(1);
    assertThat(pools().tryTakeSeat(tenant, P1)).isTrue();
    assertThat(seatsInUse(P1)).isEqualTo(2);
  }

  @Test
  void releasingNeverGoesBelowZero() {
    pools().insert(tenant, pool("p-1", "observation").seats(2).build());
    takeSeats(P1, 1);

    assertThat(pools().releaseSeat(tenant, P1)).as("a seat was in use").isTrue();
    assertThat(pools().releaseSeat(tenant, P1)).as("the counter was at zero").isFalse();
    assertThat(pools().releaseSeat(tenant, P1)).as("the counter was at zero").isFalse();

    assertThat(seatsInUse(P1)).isZero();
    takeSeats(P1, 2);
    assertThat(pools().tryTakeSeat(tenant, P1)).isFalse();
  }

  @Test
  void releasingASeatOfAnUnknownPoolChangesNothing() {
    pools().insert(tenant, pool("p-1", "observation").seats(2).build());
    takeSeats(P1, 1);

    assertThat(pools().releaseSeat(tenant, PoolId.of("nothing"))).isFalse();

    assertThat(pools().find(tenant, PoolId.of("nothing"))).isEmpty();
    assertThat(seatsInUse(P1)).isEqualTo(1);
  }

  @Test
  void seatsCanGrowAndTheNewSeatsCanBeTaken() {
    pools().insert(tenant, pool("p-1", "observation").seats(1).build());
    takeSeats(P1, 1);

    assertThat(pools().trySetSeats(tenant, P1, 3)).isTrue();

    assertThat(seats(P1)).isEqualTo(3);
    takeSeats(P1, 2);
    assertThat(pools().tryTakeSeat(tenant, P1)).isFalse();
  }

  @Test
  void seatsCanShrinkDownToTheSeatsInUse() {
    pools().insert(tenant, pool("p-1", "observation").seats(10).build());
    takeSeats(P1, 4);

    assertThat(pools().trySetSeats(tenant, P1, 4)).isTrue();

    assertThat(pools().find(tenant, P1).orElseThrow().free()).isZero();
    assertThat(pools().tryTakeSeat(tenant, P1)).isFalse();
  }

  @Test
  void seatsBelowTheSeatsInUseAreRefusedAndChangeNothing() {
    LicensePool original = pool("p-1", "observation").seats(10).build();
    pools().insert(tenant, original);
    takeSeats(P1, 4);

    assertThat(pools().trySetSeats(tenant, P1, 3)).isFalse();

    assertThat(pools().find(tenant, P1)).contains(new PoolUsage(original, 4));
  }

  @Test
  void anUnusedPoolCanBeSetToZeroSeats() {
    pools().insert(tenant, pool("p-1", "observation").seats(10).build());

    assertThat(pools().trySetSeats(tenant, P1, 0)).isTrue();

    assertThat(seats(P1)).isZero();
    assertThat(pools().tryTakeSeat(tenant, P1)).isFalse();
  }

  @Test
  void settingSeatsOfAnUnknownPoolIsRefused() {
    assertThat(pools().trySetSeats(tenant, PoolId.of("nothing"), 5)).isFalse();
    assertThat(pools().find(tenant, PoolId.of("nothing"))).isEmpty();
  }

  @Test
  void tenantsNeverSeeOrUseEachOthersPools() {
    LicensePool ours = pool("p-1", "observation").seats(1).reference("ours").build();
    LicensePool theirs = pool("p-1", "observation").seats(1).reference("theirs").build();
    pools().insert(tenant, ours);
    pools().insert(otherTenant, theirs); // the same id in another tenant is no conflict

    assertThat(pools().tryTakeSeat(tenant, P1)).isTrue();

    assertThat(pools().find(tenant, P1)).contains(new PoolUsage(ours, 1));
    assertThat(pools().find(otherTenant, P1)).contains(new PoolUsage(theirs, 0));
    assertThat(pools().tryTakeSeat(otherTenant, P1)).isTrue();
    pools().releaseSeat(otherTenant, P1);
    assertThat(pools().trySetSeats(otherTenant, P1, 0)).isTrue();
    assertThat(pools().find(tenant, P1)).contains(new PoolUsage(ours, 1));
    assertThat(pools().list(otherTenant)).extracting(u -> u.pool().reference().orElseThrow()).containsExactly("theirs");
  }

  @Test
  void aPoolUnknownToATenantCannotBeUsedThroughIt() {
    pools().insert(tenant, pool("p-1", "observation").seats(5).build());

    assertThat(pools().tryTakeSeat(otherTenant, P1)).isFalse();
    assertThat(pools().trySetSeats(otherTenant, P1, 1)).isFalse();
    assertThat(pools().updateDefinition(otherTenant, pool("p-1", "observation").build())).isFalse();
    pools().releaseSeat(otherTenant, P1);

    assertThat(pools().find(otherTenant, P1)).isEmpty();
    assertThat(pools().listForProduct(otherTenant, ProductId.of("observation"))).isEmpty();
    assertThat(seats(P1)).isEqualTo(5);
  }

}
