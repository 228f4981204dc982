package org.licensekit.testkit.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.ActorSession;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.NewPool;
import java.time.Duration;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.UserId;
import org.licensekit.testkit.LicensingTestSupport;
import org.licensekit.testkit.store.TenantSnapshot;

/**
 * Every public command and query × every kind of actor, against a table that states who may do
 * what — written from the admin guide and DESIGN.md, not derived from the policy under test:
 * administrators and the host's system jobs may do everything; a reporter may read the catalog,
 * the directory, pools, the audit trail and settings, but not one user's licenses or training; a
 * user acting for themself may claim, check and read only their own licenses and training; a user
 * acting for another user may do nothing. An organization administrator (reporter) may do what an
 * administrator (reporter) may inside its school — except what reaches the whole tenant (catalog,
 * settings, tenant-wide jobs, verifying the whole trail, the trail of every user at once) — and
 * nothing about a user, claim or pool of another school. A denied call throws
 * {@link NotAuthorizedException} (or, for a record out of the actor's reach, the
 * {@link NotFoundException} an unknown id gives), leaves the tenant exactly as it was, and is
 * audited as {@code ACCESS_REFUSED}; an allowed call succeeds.
 */
public abstract class AuthorizationMatrixSuite extends LicensingTestSupport {

  /**
   * The kinds of actor, as the table's columns: the organization administrator and reporter once
   * bound to the subject's school ({@code oadmin}, {@code orep}) and once to the other school
   * ({@code -out}), where the subject, its claims and its school's pools are out of reach.
   */
  enum Who { ADMIN, SYSTEM, REPORTER, SELF, OTHER, ORG_ADMIN, ORG_ADMIN_OUT, ORG_REPORTER, ORG_REPORTER_OUT;

    boolean outside() {
      return this == ORG_ADMIN_OUT || this == ORG_REPORTER_OUT;
    }
  }

  private static final String TABLE = """
      call                                admin  system  reporter  self  other  oadmin     oadmin-out orep       orep-out
      catalog.defineProduct               yes    yes     no        no    no     no         no         no         no
      catalog.defineRole                  yes    yes     no        no    no     no         no         no         no
      catalog.defineJobProfile            yes    yes     no        no    no     no         no         no         no
      catalog.installDefaults             yes    yes     no        no    no     no         no         no         no
      catalog.product                     yes    yes     yes       no    no     yes        yes        yes        yes
      catalog.products                    yes    yes     yes       no    no     yes        yes        yes        yes
      catalog.roles                       yes    yes     yes       no    no     yes        yes        yes        yes
      catalog.jobProfiles                 yes    yes     yes       no    no     yes        yes        yes        yes
      users.defineOrganization            yes    yes     no        no    no     yes        no         no         no
      users.organizations                 yes    yes     yes       no    no     yes        yes        yes        yes
      users.register                      yes    yes     no        no    no     yes        no         no         no
      users.update                        yes    yes     no        no    no     yes        no         no         no
      users.activate                      yes    yes     no        no    no     yes        no         no         no
      users.suspend                       yes    yes     no        no    no     yes        no         no         no
      users.reactivate                    yes    yes     no        no    no     yes        no         no         no
      users.archive                       yes    yes     no        no    no     yes        no         no         no
      users.find                          yes    yes     yes       no    no     yes        yes        yes        yes
      users.list/0                        yes    yes     yes       no    no     yes        yes        yes        yes
      users.list/2                        yes    yes     yes       no    no     yes        yes        yes        yes
      users.profile                       yes    yes     no        yes   no     yes        no         no         no
      privacy.erase                       yes    yes     no        no    no     yes        no         no         no
      pools.add                           yes    yes     no        no    no     yes        no         no         no
      pools.extendTerm                    yes    yes     no        no    no     yes        no         no         no
      pools.renew                         yes    yes     no        no    no     yes        no         no         no
      pools.changeSeats                   yes    yes     no        no    no     yes        no         no         no
      pools.find                          yes    yes     yes       no    no     yes        yes        yes        yes
      pools.list                          yes    yes     yes       no    no     yes        yes        yes        yes
      assignments.addToOrganization       yes    yes     no        no    no     yes        no         no         no
      assignments.removeFromOrganization  yes    yes     no        no    no     yes        no         no         no
      assignments.assignRole              yes    yes     no        no    no     yes        no         no         no
      assignments.revokeRole              yes    yes     no        no    no     yes        no         no         no
      assignments.assignProduct           yes    yes     no        no    no     yes        no         no         no
      assignments.revokeProduct           yes    yes     no        no    no     yes        no         no         no
      claims.claim                        yes    yes     no        yes   no     yes        no         no         no
      claims.revoke                       yes    yes     no        no    no     yes        no         no         no
      claims.find                         yes    yes     no        yes   yes     yes        yes        no         no
      claims.ofUser                       yes    yes     no        yes   no     yes        no         no         no
      training.recordCompletion           yes    yes     no        no    no     yes        no         no         no
      training.recordCertification        yes    yes     no        no    no     yes        no         no         no
      training.of                         yes    yes     no        yes   no     yes        no         no         no
      training.assign                     yes    yes     no        no    no     yes        no         no         no
      training.assignments                yes    yes     no        yes   no     yes        no         no         no
      waitlist.of                         yes    yes     yes       no    no     yes        yes        yes        yes
      waitlist.ofUser                     yes    yes     yes       no    no     yes        no         yes        no
      waitlist.counts                     yes    yes     yes       no    no     yes        yes        yes        yes
      waitlist.move                       yes    yes     no        no    no     yes        no         no         no
      waitlist.remove                     yes    yes     no        no    no     yes        no         no         no
      access.check                        yes    yes     no        yes   no     yes        no         no         no
      access.explain                      yes    yes     no        yes   no     yes        no         no         no
      access.troubleshoot                 yes    yes     no        yes   no     yes        no         no         no
      audit.query                         yes    yes     yes       no    no     yes        no         yes        no
      audit.page                          yes    yes     yes       no    no     yes        no         yes        no
      audit.count                         yes    yes     yes       no    no     yes        no         yes        no
      audit.verify                        yes    yes     yes       no    no     no         no         no         no
      settings.get                        yes    yes     yes       no    no     yes        yes        yes        yes
      settings.update                     yes    yes     no        no    no     no         no         no         no
      bulk.count                          yes    yes     yes       no    no     yes        yes        yes        yes
      bulk.select                         yes    yes     yes       no    no     yes        yes        yes        yes
      bulk.run/1                          yes    yes     no        no    no     yes        yes        no         no
      bulk.run/2                          yes    yes     no        no    no     yes        yes        no         no
      bulk.preview/1                      yes    yes     no        no    no     yes        yes        no         no
      bulk.preview/2                      yes    yes     no        no    no     yes        yes        no         no
      lifecycle.followUp                  yes    yes     no        no    no     no         no         no         no
      lifecycle.expireDue                 yes    yes     no        no    no     no         no         no         no
      lifecycle.serveWaitlists            yes    yes     no        no    no     no         no         no         no
      lifecycle.alertExpirations          yes    yes     no        no    no     no         no         no         no
      lifecycle.sendMonthlyReview         yes    yes     no        no    no     no         no         no         no
      lifecycle.rollOver                  yes    yes     no        no    no     yes        no         no         no
      lifecycle.offboard                  yes    yes     no        no    no     yes        no         no         no
      lifecycle.archiveEndedTemporaryStaff yes   yes     no        no    no     no         no         no         no
      lifecycle.transferSeat              yes    yes     no        no    no     yes        no         no         no
      lifecycle.reassign                  yes    yes     no        no    no     yes        no         no         no
      """;

  private static final UserId BEN = UserId.of("ben");

  /**
   * Session methods without a table here: the session's own identity, the reports and usage
   * areas, whose matrix is {@code org.licensekit.testkit.reports.ReportsAuthorizationContract}'s, and
   * the outbox, whose calls need dead letters ({@code org.licensekit.testkit.outbox.OutboxContract}).
   */
  private static final Set<String> NOT_IN_THIS_TABLE = Set.of("tenant", "actor", "reports", "usage", "outbox");

  private AuthorizationCalls.World world;

  /** A department below North High, where the calls add Ana. */
  static final OrganizationId NORTH_ANNEX = OrganizationId.of("north-annex");

  @BeforeEach
  void setUpWorld() {
    admin.users().defineOrganization(Organization.child(NORTH_ANNEX, "North Annex", NORTH));
    pool(OBSERVATION, 5);
    pool(COACHING, 5);
    pool(EVALUATION, 5);
    pool(OBSERVATION, 5);
    // North High's own pools, ending after the tenant's: seat choice keeps Ana's claims in those.
    PoolId northPool = northPool("north-observation-1");
    PoolId nextNorthPool = northPool("north-observation-2");
    UserId ana = activeUser("ana", DefaultCatalog.TEACHER, NORTH);
    admin.assignments().assignProduct(ana, EVALUATION, "pilot");
    UserId ivy = register("ivy", DefaultCatalog.TEACHER, SOUTH);
    UserId sam = activeUser("sam", DefaultCatalog.TEACHER, SOUTH);
    admin.users().suspend(sam, "leave");
    UserId zoe = activeUser("zoe", DefaultCatalog.TEACHER, SOUTH);
    admin.users().archive(zoe, "left the district");
    activeUser(BEN.value(), DefaultCatalog.TEACHER, NORTH);
    // ana waits for the one analytics seat, which ben holds
    pool(ANALYTICS, 1);
    admin.assignments().assignProduct(BEN, ANALYTICS, "pilot");
    admin.assignments().assignProduct(ana, ANALYTICS, "pilot");
    LicenseClaim claim = admin.claims().ofUser(ana).stream()
        .filter(c -> c.product().equals(OBSERVATION)).findFirst().orElseThrow();
    world = new AuthorizationCalls.World(ana, ivy, sam, zoe, BEN, northPool, nextNorthPool, claim.id());
  }

  private PoolId northPool(String id) {
    return admin.pools().add(NewPool.builder().id(PoolId.of(id)).product(OBSERVATION).seats(5)
        .term(Term.of(START.minus(Duration.ofDays(1)), START.plus(Duration.ofDays(800)))).scope(NORTH).build()).id();
  }

  static Stream<Arguments> matrix() {
    return expectations().entrySet().stream().flatMap(row -> Arrays.stream(Who.values())
        .map(who -> Arguments.of(row.getKey(), who, row.getValue().get(who.ordinal()))));
  }

  @ParameterizedTest(name = "{0} as {1}: allowed {2}")
  @MethodSource("matrix")
  void eachCallIsAllowedOrDeniedAsTheTableSays(String name, Who who, boolean allowed) {
    AuthorizationCalls.Call call = AuthorizationCalls.all().get(name);
    assertThat(call).as("a call for table row %s", name).isNotNull();
    ActorSession session = tenant.as(actor(who, call));
    if (allowed) {
      assertThatCode(() -> call.action().run(session, world)).as("%s as %s", name, who).doesNotThrowAnyException();
      return;
    }
    TenantSnapshot before = snapshot();
    long refusalsBefore = refusals();
    Throwable thrown = catchThrowable(() -> call.action().run(session, world));
    if (who.outside()) {
      assertThat(thrown).as("%s as %s", name, who).isInstanceOfAny(NotAuthorizedException.class, NotFoundException.class);
    } else {
      assertThat(thrown).as("%s as %s", name, who).isInstanceOf(NotAuthorizedException.class);
    }
    assertThat(snapshot()).as("the tenant after the denied %s as %s", name, who).isEqualTo(before);
    assertThat(refusals()).as("refusals audited after the denied %s as %s", name, who).isEqualTo(refusalsBefore + 1);
  }

  private long refusals() {
    return admin.audit().query(AuditQuery.builder().limit(10_000).build()).stream()
        .filter(entry -> entry.action() == ChangeType.ACCESS_REFUSED).count();
  }

  @Test
  void aUserLookingUpAnotherUsersClaimSeesNothingAsForAnUnknownId() {
    ActorSession other = tenant.as(Actor.user(BEN));

    assertThat(other.claims().find(world.claim())).isEmpty();
    assertThat(tenant.as(Actor.user(world.ana())).claims().find(world.claim())).isPresent();
    assertThat(tenant.as(Actor.organizationAdministrator("south-admin", Set.of(SOUTH))).claims().find(world.claim())).isEmpty();
    assertThat(tenant.as(Actor.organizationAdministrator("north-admin", Set.of(NORTH))).claims().find(world.claim())).isPresent();
  }

  @Test
  void theTableCoversEveryMethodOfThePublicApiOnce() {
    List<String> api = Arrays.stream(ActorSession.class.getMethods())
        .filter(area -> area.getParameterCount() == 0 && !NOT_IN_THIS_TABLE.contains(area.getName()))
        .flatMap(area -> methodNames(area.getReturnType()).stream().map(method -> area.getName() + "." + method))
        .sorted()
        .collect(Collectors.toList());
    assertThat(api).as("API methods").doesNotHaveDuplicates().hasSizeGreaterThan(40);
    assertThat(expectations().keySet()).as("table rows").containsExactlyInAnyOrderElementsOf(api);
    assertThat(AuthorizationCalls.all().keySet()).as("calls").containsExactlyInAnyOrderElementsOf(api);
  }

  /** The abstract methods of an API interface; overloads get {@code /<parameter count>}. */
  private static List<String> methodNames(Class<?> api) {
    List<Method> methods = Arrays.stream(api.getMethods())
        .filter(m -> !m.isDefault() && !Modifier.isStatic(m.getModifiers()))
        .collect(Collectors.toList());
    Map<String, Long> counts = methods.stream().collect(Collectors.groupingBy(Method::getName, Collectors.counting()));
    return methods.stream()
        .map(m -> counts.get(m.getName()) > 1 ? m.getName() + "/" + m.getParameterCount() : m.getName())
        .collect(Collectors.toList());
  }

  private Actor actor(Who who, AuthorizationCalls.Call call) {
    // Ana is at North High; the invited, the suspended and the archived user at South Middle.
    OrganizationId school = call.subject() == AuthorizationCalls.Subject.ANA ? NORTH : SOUTH;
    OrganizationId otherSchool = school.equals(NORTH) ? SOUTH : NORTH;
    return switch (who) {
      case ADMIN -> Actor.systemAdministrator("matrix-admin");
      case SYSTEM -> Actor.system("nightly-job");
      case REPORTER -> Actor.reporter("analyst");
      case SELF -> Actor.user(call.subjectIn(world));
      case OTHER -> Actor.user(BEN);
      case ORG_ADMIN -> Actor.organizationAdministrator("school-admin", Set.of(school));
      case ORG_ADMIN_OUT -> Actor.organizationAdministrator("other-school-admin", Set.of(otherSchool));
      case ORG_REPORTER -> Actor.organizationReporter("school-analyst", Set.of(school));
      case ORG_REPORTER_OUT -> Actor.organizationReporter("other-school-analyst", Set.of(otherSchool));
    };
  }

  /** The table parsed: call name → allowed per {@link Who}, in column order. */
  private static Map<String, List<Boolean>> expectations() {
    Map<String, List<Boolean>> rows = new LinkedHashMap<>();
    TABLE.lines().skip(1).map(String::trim).filter(line -> !line.isEmpty()).forEach(line -> {
      String[] cells = line.split("\\s+");
      if (cells.length != Who.values().length + 1) {
        throw new IllegalStateException("table row needs a name and " + Who.values().length + " cells: " + line);
      }
      List<Boolean> allowed = Arrays.stream(cells, 1, cells.length).map(AuthorizationMatrixSuite::cell).collect(Collectors.toList());
      if (rows.put(cells[0], allowed) != null) {
        throw new IllegalStateException("table row twice: " + cells[0]);
      }
    });
    return rows;
  }

  private static boolean cell(String cell) {
    return switch (cell) {
      case "yes" -> true;
      case "no" -> false;
      default -> throw new IllegalStateException("table cell must be yes or no: " + cell);
    };
  }

  private TenantSnapshot snapshot() {
    return TenantSnapshot.take(store, tenantId, List.of(world.ana(), world.invited(), world.suspended(), BEN, UserId.of("carl")));
  }
}
