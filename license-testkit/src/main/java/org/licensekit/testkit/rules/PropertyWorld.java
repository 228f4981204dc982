package org.licensekit.testkit.rules;

import static org.licensekit.testkit.LicensingTestSupport.ANALYTICS;
import static org.licensekit.testkit.LicensingTestSupport.COACHING;
import static org.licensekit.testkit.LicensingTestSupport.DISTRICT;
import static org.licensekit.testkit.LicensingTestSupport.EVALUATION;
import static org.licensekit.testkit.LicensingTestSupport.NORTH;
import static org.licensekit.testkit.LicensingTestSupport.OBSERVATION;
import static org.licensekit.testkit.LicensingTestSupport.PROCTORING;
import static org.licensekit.testkit.LicensingTestSupport.SOUTH;
import static org.licensekit.testkit.LicensingTestSupport.START;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.licensekit.core.ActorSession;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;

/**
 * The small world random sequences play in: a few user ids (registered or not), the standard
 * organizations, roles, job profiles and products, and a few small pools, so that seats run out,
 * users collide on products and every command meets every state often.
 */
final class PropertyWorld {

  static final List<UserId> USERS = IntStream.range(0, 8)
      .mapToObj(i -> UserId.of("u" + i))
      .collect(Collectors.toUnmodifiableList());
  static final List<OrganizationId> ORGANIZATIONS = List.of(DISTRICT, NORTH, SOUTH);
  static final List<RoleId> ROLES = List.of(
      DefaultCatalog.PROCTOR, DefaultCatalog.OBSERVABLE, DefaultCatalog.OBSERVER, DefaultCatalog.EVALUATOR, DefaultCatalog.REPORTER);
  static final List<JobProfileId> PROFILES = List.of(
      DefaultCatalog.TEACHER, DefaultCatalog.ADMINISTRATOR, DefaultCatalog.SPECIALIZED_STAFF);
  static final List<ProductId> PRODUCTS = List.of(OBSERVATION, EVALUATION, PROCTORING, COACHING, ANALYTICS);

  static final PoolId OBSERVATION_WIDE = PoolId.of("observation-wide");
  static final PoolId OBSERVATION_NORTH = PoolId.of("observation-north");
  static final PoolId COACHING_POOL = PoolId.of("coaching");
  static final PoolId EVALUATION_POOL = PoolId.of("evaluation");
  static final PoolId PROCTORING_POOL = PoolId.of("proctoring");
  static final PoolId ANALYTICS_POOL = PoolId.of("analytics");
  static final List<PoolId> POOLS = List.of(
      OBSERVATION_WIDE, OBSERVATION_NORTH, COACHING_POOL, EVALUATION_POOL, PROCTORING_POOL, ANALYTICS_POOL);

  /** The administrator every admin command of a sequence acts as. */
  static final Actor ADMIN = Actor.systemAdministrator("property-admin");

  private PropertyWorld() {}

  /** Adds the pools: two of observation (one scoped to North, ending early), one of each other product. */
  static void install(ActorSession admin) {
    Term year = Term.of(START.minus(Duration.ofDays(7)), START.plus(Duration.ofDays(365)));
    Term semester = Term.of(START.minus(Duration.ofDays(7)), START.plus(Duration.ofDays(120)));
    add(admin, OBSERVATION_WIDE, OBSERVATION, 3, year, Optional.empty());
    add(admin, OBSERVATION_NORTH, OBSERVATION, 2, semester, Optional.of(NORTH));
    add(admin, COACHING_POOL, COACHING, 2, year, Optional.empty());
    add(admin, EVALUATION_POOL, EVALUATION, 2, year, Optional.empty());
    add(admin, PROCTORING_POOL, PROCTORING, 2, semester, Optional.empty());
    add(admin, ANALYTICS_POOL, ANALYTICS, 1, year, Optional.empty());
  }

  private static void add(ActorSession admin, PoolId id, ProductId product, int seats, Term term, Optional<OrganizationId> scope) {
    admin.pools().add(NewPool.builder().id(id).product(product).seats(seats).term(term).scope(scope).build());
  }
}
