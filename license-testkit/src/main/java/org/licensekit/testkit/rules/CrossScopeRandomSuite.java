package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.licensekit.core.ActorSession;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.api.report.ClaimRow;
import org.licensekit.core.api.report.ClaimsQuery;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ActorKind;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded random reads and writes over three tenants, each a district with two schools and a
 * department below one of them, by organization administrators and reporters of random subtrees,
 * users and whole-tenant administrators, naming random users, claims and pools of any tenant. The
 * model of who reaches what is written here from the tenants' shapes, not asked of the code under
 * test: a call naming something outside the actor's reach must be refused as not found or not
 * authorized (and change nothing), a read must return only records inside the reach — and, for a
 * whole read (a list, a report, a count), every record inside it. Any other outcome fails the run
 * with the seed ({@code -Dlicensekit.seed}) and the operation number;
 * {@code -Dlicensekit.scope.operations} sets the run's length (default 400).
 */
public abstract class CrossScopeRandomSuite extends LicensingTestSupport {

  private static final Logger LOG = LoggerFactory.getLogger(CrossScopeRandomSuite.class);

  /** How many random operations one run makes. */
  public static final String OPERATIONS = "licensekit.scope.operations";

  private static final OrganizationId ANNEX = OrganizationId.of("north-annex");
  private static final List<OrganizationId> ORGANIZATIONS = List.of(DISTRICT, NORTH, SOUTH, ANNEX);

  /** One tenant's records as the model knows them. */
  private record World(TenantId id, TenantLicensing tenant, ActorSession admin, Map<UserId, OrganizationId> homes,
      Map<ClaimId, UserId> claims, Map<PoolId, Optional<OrganizationId>> pools) {}

  private final List<World> worlds = new ArrayList<>();
  private final Map<String, Integer> outcomes = new TreeMap<>();

  @Test
  void nothingOutsideAnActorsReachIsEverReadOrWritten() {
    long seed = SuiteSettings.seed();
    int operations = SuiteSettings.size(OPERATIONS, 400);
    LOG.info("cross-scope random run: {} operations over 3 tenants, seed {} (replay with -D{}={})",
        operations, seed, SuiteSettings.SEED, seed);
    Random random = new Random(seed);
    for (int t = 0; t < 3; t++) {
      worlds.add(build(t, random));
    }
    for (int i = 0; i < operations; i++) {
      String where = "operation #" + i + " of seed " + seed + " [-D" + SuiteSettings.SEED + "=" + seed + "]";
      try {
        step(random, i);
      } catch (AssertionError e) {
        throw new AssertionError(where + ": " + e.getMessage(), e);
      }
    }
    LOG.info("cross-scope random run, seed {}: {}", seed, outcomes);
    for (World world : worlds) {
      assertThat(world.admin().audit().verify().intact()).as("the audit chain of %s, seed %s", world.id(), seed).isTrue();
    }
    assertThat(outcomes.keySet()).as("outcomes of the run, seed %s", seed).contains("refused", "allowed");
  }

  private World build(int index, Random random) {
    TenantId id = index == 0 ? tenantId : TenantId.of(tenantId.value() + "-" + index);
    TenantLicensing tenant = index == 0 ? this.tenant : licensing.tenant(id);
    ActorSession admin = tenant.as(Actor.systemAdministrator("admin-" + index));
    if (index > 0) {
      admin.catalog().defineProduct(org.licensekit.core.domain.Product.builder().id(OBSERVATION).name("Observation")
          .type(org.licensekit.core.domain.ProductType.OBSERVATION_TOOL).build());
      admin.catalog().defineProduct(org.licensekit.core.domain.Product.builder().id(COACHING).name("Coaching")
          .type(org.licensekit.core.domain.ProductType.LEARNING_CONTENT).build());
      admin.catalog().installDefaults(Map.of(DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION, COACHING)));
      admin.users().defineOrganization(Organization.root(DISTRICT, "District " + index));
      admin.users().defineOrganization(Organization.child(NORTH, "North " + index, DISTRICT));
      admin.users().defineOrganization(Organization.child(SOUTH, "South " + index, DISTRICT));
    }
    admin.users().defineOrganization(Organization.child(ANNEX, "Annex " + index, NORTH));
    Map<PoolId, Optional<OrganizationId>> pools = new LinkedHashMap<>();
    int p = 0;
    for (Optional<OrganizationId> scope : List.of(Optional.<OrganizationId>empty(), Optional.of(DISTRICT), Optional.of(NORTH),
        Optional.of(SOUTH), Optional.of(ANNEX))) {
      for (var product : List.of(OBSERVATION, COACHING)) {
        PoolId pool = PoolId.of("t" + index + "-pool-" + p++);
        admin.pools().add(NewPool.builder().id(pool).product(product).seats(50)
            .term(Term.of(START.minus(7, ChronoUnit.DAYS), START.plus(300 + random.nextInt(200), ChronoUnit.DAYS)))
            .scope(scope).build());
        pools.put(pool, scope);
      }
    }
    Map<UserId, OrganizationId> homes = new LinkedHashMap<>();
    for (int u = 0; u < 8; u++) {
      OrganizationId home = ORGANIZATIONS.get(random.nextInt(ORGANIZATIONS.size()));
      UserId user = UserId.of("t" + index + "-user-" + u);
      admin.users().register(NewUser.builder().id(user).name("User " + index + "." + u).email(user.value() + "@example.org")
          .jobProfile(DefaultCatalog.TEACHER).addOrganizations(home).build());
      admin.users().activate(user);
      homes.put(user, home);
    }
    Map<ClaimId, UserId> claims = new LinkedHashMap<>();
    homes.keySet().forEach(user -> admin.claims().ofUser(user).forEach(claim -> claims.put(claim.id(), user)));
    return new World(id, tenant, admin, homes, claims, pools);
  }

  /** Who acts: where, and how far it reaches there. */
  private record Who(World world, Actor actor) {

    boolean scoped() {
      return actor.kind().organizationScoped();
    }

    Set<OrganizationId> subtree() {
      Set<OrganizationId> result = new HashSet<>();
      for (OrganizationId root : actor.organizations()) {
        result.add(root);
        if (root.equals(DISTRICT)) {
          result.addAll(ORGANIZATIONS);
        } else if (root.equals(NORTH)) {
          result.add(ANNEX);
        }
      }
      return result;
    }

    Set<OrganizationId> aboveOrInside() {
      Set<OrganizationId> result = new HashSet<>(subtree());
      if (!actor.organizations().isEmpty() && !actor.organizations().equals(Set.of(DISTRICT))) {
        result.add(DISTRICT);
      }
      if (actor.organizations().contains(ANNEX)) {
        result.add(NORTH);
      }
      return result;
    }

    boolean reaches(World target, UserId user) {
      if (target != world || !target.homes().containsKey(user)) {
        return false;
      }
      return switch (actor.kind()) {
        case SYSTEM_ADMINISTRATOR, SYSTEM, REPORTER -> true;
        case USER -> actor.userId().orElseThrow().equals(user);
        default -> subtree().contains(target.homes().get(user));
      };
    }

    boolean mayRead(World target, PoolId pool) {
      if (target != world) {
        return false;
      }
      return !scoped() || world.pools().get(pool).map(aboveOrInside()::contains).orElse(true);
    }

    boolean mayChange(World target, PoolId pool) {
      return target == world && (!scoped() || world.pools().get(pool).map(subtree()::contains).orElse(false));
    }

    boolean administers() {
      return actor.kind() == org.licensekit.core.domain.ActorKind.ORGANIZATION_ADMINISTRATOR
          || actor.kind() == org.licensekit.core.domain.ActorKind.SYSTEM_ADMINISTRATOR;
    }
  }

  private Who randomActor(Random random) {
    World world = worlds.get(random.nextInt(worlds.size()));
    int kind = random.nextInt(10);
    if (kind == 0) {
      return new Who(world, Actor.systemAdministrator("root"));
    }
    if (kind == 1) {
      List<UserId> users = new ArrayList<>(world.homes().keySet());
      return new Who(world, Actor.user(users.get(random.nextInt(users.size()))));
    }
    Set<OrganizationId> roots = new HashSet<>();
    roots.add(ORGANIZATIONS.get(random.nextInt(ORGANIZATIONS.size())));
    if (random.nextInt(4) == 0) {
      roots.add(ORGANIZATIONS.get(random.nextInt(ORGANIZATIONS.size())));
    }
    return new Who(world, kind < 6 ? Actor.organizationAdministrator("school-admin", roots)
        : Actor.organizationReporter("school-analyst", roots));
  }

  private <T> T any(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private void step(Random random, int number) {
    Who who = randomActor(random);
    ActorSession session = who.world().tenant().as(who.actor());
    World target = any(random, worlds);
    UserId user = random.nextInt(12) == 0 ? UserId.of("nobody") : any(random, new ArrayList<>(target.homes().keySet()));
    ClaimId claim = any(random, new ArrayList<>(target.claims().keySet()));
    PoolId pool = any(random, new ArrayList<>(target.pools().keySet()));
    ActorKind kind = who.actor().kind();
    boolean reader = kind != ActorKind.USER;
    boolean userReach = who.reaches(target, user);
    boolean claimReach = who.reaches(target, target.claims().get(claim));
    String call;
    boolean allowed;
    Runnable run;
    Runnable unchanged = () -> { };
    switch (random.nextInt(12)) {
      case 0 -> {
        call = "users.find";
        allowed = reader;
        run = () -> assertThat(session.users().find(user).isPresent()).as("found").isEqualTo(userReach);
      }
      case 1 -> {
        call = "users.list";
        allowed = reader;
        run = () -> assertThat(session.users().list().stream().map(UserAccount::id).collect(Collectors.toSet()))
            .isEqualTo(inReach(who));
      }
      case 2 -> {
        call = "claims.ofUser";
        allowed = kind == ActorKind.SYSTEM_ADMINISTRATOR || userReach && kind != ActorKind.ORGANIZATION_REPORTER;
        run = () -> assertThat(session.claims().ofUser(user)).allSatisfy(c -> {
          assertThat(userReach).as("claims listed of a user out of reach").isTrue();
          assertThat(c.user()).isEqualTo(user);
        });
      }
      case 3 -> {
        call = "claims.find";
        allowed = kind != ActorKind.ORGANIZATION_REPORTER;
        run = () -> assertThat(session.claims().find(claim).isPresent()).as("found").isEqualTo(claimReach);
      }
      case 4 -> {
        call = "pools.find";
        allowed = reader;
        run = () -> assertThat(session.pools().find(pool).isPresent()).as("found").isEqualTo(who.mayRead(target, pool));
      }
      case 5 -> {
        call = "pools.changeSeats";
        allowed = who.administers() && who.mayChange(target, pool);
        run = () -> {
          session.pools().changeSeats(pool, 51, "random run");
          target.admin().pools().changeSeats(pool, 50, "random run reset");
        };
        unchanged = () -> assertThat(target.admin().pools().find(pool).orElseThrow().pool().seats()).isEqualTo(50);
      }
      case 6 -> {
        call = "users.update";
        allowed = who.administers() && userReach;
        String name = "Renamed by operation " + number;
        run = () -> session.users().update(UserUpdate.builder().id(user).name(name).build());
        unchanged = () -> assertThat(target.admin().users().find(user).map(UserAccount::name)).isNotEqualTo(Optional.of(name));
      }
      case 7 -> {
        call = "reports.claims";
        allowed = reader;
        run = () -> assertThat(session.reports().claims(ClaimsQuery.builder().limit(500).build()).items().stream()
            .map(ClaimRow::user).collect(Collectors.toSet())).isEqualTo(holders(who));
      }
      case 8 -> {
        call = "bulk.count";
        allowed = reader;
        run = () -> assertThat(session.bulk().count(UserFilter.all())).isEqualTo(inReach(who).size());
      }
      case 9 -> {
        call = "access.check";
        allowed = kind == ActorKind.SYSTEM_ADMINISTRATOR && target == who.world() || userReach && kind != ActorKind.ORGANIZATION_REPORTER;
        run = () -> session.access().check(user, OBSERVATION);
        if (kind == ActorKind.SYSTEM_ADMINISTRATOR && !userReach) {
          // an administrator asking about an id its tenant does not have: a denial or "not found", either reveals nothing
          run = () -> {
            try {
              assertThat(session.access().check(user, OBSERVATION).allowed()).isFalse();
            } catch (NotFoundException unknown) {
              count("unknown");
            }
          };
          allowed = true;
        }
      }
      case 10 -> {
        call = "audit.page";
        allowed = reader && (!who.scoped() || userReach);
        // refused attempts are recorded in the tenant they were made in, naming the id the caller gave
        run = () -> assertThat(session.audit().page(AuditQuery.builder().user(user).limit(50).build()).items())
            .filteredOn(entry -> entry.action() != org.licensekit.core.domain.ChangeType.ACCESS_REFUSED)
            .allSatisfy(entry -> {
              assertThat(entry.user()).contains(user);
              assertThat(userReach).as("entries read of a user out of reach").isTrue();
            });
      }
      default -> {
        call = "claims.revoke";
        allowed = who.administers() && claimReach;
        run = () -> {
          try {
            session.claims().revoke(claim, "random run");
          } catch (org.licensekit.core.ConflictException alreadyEnded) {
            count("conflict");
          }
        };
        Optional<org.licensekit.core.domain.ClaimStatus> before = target.admin().claims().find(claim).map(LicenseClaim::status);
        unchanged = () -> assertThat(target.admin().claims().find(claim).map(LicenseClaim::status)).isEqualTo(before);
      }
    }
    String what = who.actor() + " (" + who.actor().organizations() + ") of " + who.world().id().value() + ": " + call
        + " naming records of " + target.id().value() + " (user " + user + ", claim " + claim + ", pool " + pool + ")";
    try {
      run.run();
    } catch (NotFoundException | NotAuthorizedException refused) {
      assertThat(allowed).as("refused (%s) %s", refused.getMessage(), what).isFalse();
      unchanged.run();
      count("refused");
      return;
    } catch (AssertionError wrong) {
      throw new AssertionError(what + ": " + wrong.getMessage(), wrong);
    }
    assertThat(allowed).as("allowed %s", what).isTrue();
    count("allowed");
  }

  private Set<UserId> inReach(Who who) {
    return who.world().homes().keySet().stream().filter(u -> who.reaches(who.world(), u)).collect(Collectors.toSet());
  }

  private Set<UserId> holders(Who who) {
    return who.world().admin().reports().claims(ClaimsQuery.builder().limit(500).build()).items().stream()
        .map(ClaimRow::user).filter(u -> who.reaches(who.world(), u)).collect(Collectors.toSet());
  }

  private void count(String outcome) {
    outcomes.merge(outcome, 1, Integer::sum);
  }
}
