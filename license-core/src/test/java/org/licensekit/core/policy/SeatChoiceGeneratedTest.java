package org.licensekit.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.instancio.Select.field;
import static org.licensekit.core.policy.PolicyFixtures.LINCOLN_HIGH;
import static org.licensekit.core.policy.PolicyFixtures.NOW;
import static org.licensekit.core.policy.PolicyFixtures.OBSERVATION;
import static org.licensekit.core.policy.PolicyFixtures.PROCTORING;
import static org.licensekit.core.policy.PolicyFixtures.days;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.api.SoftAssertions;
import org.instancio.Instancio;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.Term;

/**
 * Seat choice over many generated tenants' pools. Each scenario is generated from its own seed,
 * shown in every failure message; replay a whole run with {@code -Dlicensekit.seed=<base seed>}.
 */
class SeatChoiceGeneratedTest {

  private static final long BASE_SEED = Long.getLong("licensekit.seed", ThreadLocalRandom.current().nextLong());
  private static final int SCENARIOS = 200;

  private static final OrganizationId DISTRICT = OrganizationId.of("district");
  private static final OrganizationId EAST_SIDE = OrganizationId.of("east-side");
  /** Ana is a member of Lincoln High, a school of the district. */
  private static final Set<OrganizationId> ANAS_ORGANIZATIONS = Set.of(LINCOLN_HIGH, DISTRICT);
  private static final List<Optional<OrganizationId>> SCOPES =
      List.of(Optional.empty(), Optional.of(DISTRICT), Optional.of(LINCOLN_HIGH), Optional.of(EAST_SIDE));
  private static final List<ProductId> PRODUCTS = List.of(OBSERVATION, PROCTORING);

  /** The generated shape of one pool: days relative to now, seat counts and indexes into the lists above. */
  record PoolSpec(String suffix, int startDay, int lengthDays, int seats, int seatsInUse, int product, int scope) {}

  @Test
  void candidatesAreExactlyTheInTermInScopeNonFullPoolsOfTheProductEarliestEndingFirst() {
    Random seeds = new Random(BASE_SEED);
    SoftAssertions softly = new SoftAssertions();
    for (int i = 0; i < SCENARIOS; i++) {
      long seed = seeds.nextLong();
      List<PoolUsage> pools = generatePools(seed);

      List<LicensePool> candidates = SeatChoice.candidates(OBSERVATION, pools, ANAS_ORGANIZATIONS, NOW);

      String scenario = "scenario seed " + seed + " (base seed " + BASE_SEED + "), pools " + pools;
      softly.assertThat(candidates).as(scenario).allSatisfy(pool -> {
        assertThat(pool.product()).isEqualTo(OBSERVATION);
        assertThat(pool.term().start()).isBeforeOrEqualTo(NOW);
        assertThat(pool.term().end()).isAfter(NOW);
        assertThat(pool.scope()).satisfiesAnyOf(
            scope -> assertThat(scope).isEmpty(),
            scope -> assertThat(ANAS_ORGANIZATIONS).contains(scope.orElseThrow()));
        assertThat(usageOf(pool, pools).free()).isPositive();
      });
      softly.assertThat(candidates).as(scenario)
          .isSortedAccordingTo(Comparator.comparing((LicensePool p) -> p.term().end()).thenComparing(LicensePool::id));
      softly.assertThat(candidates).as(scenario)
          .containsExactlyInAnyOrderElementsOf(eligible(pools));
    }
    softly.assertAll();
  }

  /** What the guide's rule picks, written out by hand: every condition checked on its own. */
  private static List<LicensePool> eligible(List<PoolUsage> pools) {
    List<LicensePool> result = new ArrayList<>();
    for (PoolUsage usage : pools) {
      LicensePool pool = usage.pool();
      boolean ofProduct = pool.product().equals(OBSERVATION);
      boolean inTerm = !NOW.isBefore(pool.term().start()) && NOW.isBefore(pool.term().end());
      boolean inScope = pool.scope().isEmpty() || pool.scope().get().equals(LINCOLN_HIGH)
          || pool.scope().get().equals(DISTRICT);
      boolean seatLeft = usage.seatsInUse() < pool.seats();
      if (ofProduct && inTerm && inScope && seatLeft) {
        result.add(pool);
      }
    }
    return result;
  }

  private static List<PoolUsage> generatePools(long seed) {
    int count = 1 + new Random(seed).nextInt(12);
    List<PoolSpec> specs = Instancio.ofList(PoolSpec.class)
        .size(count)
        .withSeed(seed)
        .generate(field(PoolSpec.class, "suffix"), gen -> gen.string().lowerCase().length(1, 3))
        // a narrow range of days makes pools that start, end or tie on the same instant common
        .generate(field(PoolSpec.class, "startDay"), gen -> gen.ints().range(-5, 2))
        .generate(field(PoolSpec.class, "lengthDays"), gen -> gen.ints().range(1, 8))
        .generate(field(PoolSpec.class, "seats"), gen -> gen.ints().range(1, 3))
        .generate(field(PoolSpec.class, "seatsInUse"), gen -> gen.ints().range(0, 4))
        .generate(field(PoolSpec.class, "product"), gen -> gen.ints().range(0, PRODUCTS.size() - 1))
        .generate(field(PoolSpec.class, "scope"), gen -> gen.ints().range(0, SCOPES.size() - 1))
        .create();
    List<PoolUsage> pools = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      PoolSpec spec = specs.get(i);
      LicensePool pool = LicensePool.builder()
          .id(PoolId.of(spec.suffix() + "-" + i))
          .product(PRODUCTS.get(spec.product()))
          .seats(spec.seats())
          .term(Term.of(days(spec.startDay()), days(spec.startDay() + spec.lengthDays())))
          .scope(SCOPES.get(spec.scope()))
          .build();
      pools.add(new PoolUsage(pool, spec.seatsInUse()));
    }
    return pools;
  }

  private static PoolUsage usageOf(LicensePool pool, List<PoolUsage> pools) {
    return pools.stream().filter(u -> u.pool().equals(pool)).findFirst().orElseThrow();
  }
}
