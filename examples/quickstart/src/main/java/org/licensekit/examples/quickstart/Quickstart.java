package org.licensekit.examples.quickstart;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.jdbcx.JdbcDataSource;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.api.AccessDenial;
import org.licensekit.core.api.AssignmentResult;
import org.licensekit.core.api.ClaimResult;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.OrganizationRoles;
import org.licensekit.core.api.RegistrationResult;
import org.licensekit.core.api.RoleHolding;
import org.licensekit.core.api.UserProfile;
import org.licensekit.core.api.WaitingUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.PoolUsage;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TrainingAssignment;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;
import org.licensekit.jdbc.JdbcLicenseStore;

/**
 * A plain-Java host (no Spring) walking the admin guide on an embedded H2 file database: catalog,
 * pools, new users with job profiles, a user's profile (organizations, roles and where each came
 * from), claims, a training prerequisite assigned with the product that blocks and then allows,
 * a full pool's seat waitlist, revocation and the troubleshooter. Run it twice: the second run
 * finds the first run's data.
 */
public final class Quickstart {

  static final ProductId OBSERVATION = ProductId.of("observation");
  static final ProductId PROCTORING = ProductId.of("proctoring");
  static final ProductId COACHING = ProductId.of("coaching");
  static final ProductId MENTORING = ProductId.of("mentoring");
  static final PoolId MENTORING_POOL = PoolId.of("mentoring-pilot");
  static final TrainingId PROCTOR_TRAINING = TrainingId.of("proctor-training");
  static final OrganizationId DISTRICT = OrganizationId.of("springfield");
  static final OrganizationId LINCOLN = OrganizationId.of("lincoln-high");

  private final PrintStream out;
  private final ActorSession admin;
  private final TenantLicensing district;

  Quickstart(Licensing licensing, PrintStream out) {
    this.out = out;
    this.district = licensing.tenant(TenantId.of("springfield-district"));
    this.admin = district.as(Actor.systemAdministrator("admin-7"));
  }

  public static void main(String[] args) {
    Path directory = Path.of(System.getProperty("licensekit.quickstart.dir",
        Path.of(System.getProperty("java.io.tmpdir"), "licensekit-quickstart").toString()));
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + directory.resolve("licensekit").toAbsolutePath() + ";DB_CLOSE_DELAY=-1");
    Licensing licensing = Licensing.builder()
        .store(JdbcLicenseStore.builder(dataSource).build())
        .clock(Clock.systemUTC())
        .build();
    System.out.println("LicenseKit quickstart — H2 database in " + directory.toAbsolutePath());
    new Quickstart(licensing, System.out).run();
  }

  void run() {
    long users = admin.bulk().count(UserFilter.all());
    int run = (int) (users / 3) + 1;
    if (run == 1) {
      out.println("First run: defining the catalog, organizations and license pools.");
      setUp();
    } else {
      out.println("Run " + run + ": the database already holds " + users
          + " users from earlier runs; adding three more new hires.");
    }
    UserId teacher = newHire("teacher-" + run, "Ana Lopez " + run, DefaultCatalog.TEACHER);
    UserId principal = newHire("principal-" + run, "Ben Okafor " + run, DefaultCatalog.ADMINISTRATOR);
    UserId proctor = newHire("proctor-" + run, "Chloé Martin " + run, DefaultCatalog.SPECIALIZED_STAFF);

    printProfile(teacher);
    claim(teacher, OBSERVATION);
    claim(principal, OBSERVATION);
    printTrainingAssignments(proctor);
    out.println("Users whose " + PROCTOR_TRAINING + " is assigned and not completed: " + admin.bulk().count(UserFilter.builder()
        .training(PROCTOR_TRAINING, org.licensekit.core.api.TrainingCondition.Status.NOT_COMPLETED).build()));
    ClaimResult blocked = claim(proctor, PROCTORING);
    if (!blocked.succeeded()) {
      out.println("\nRecording " + PROCTOR_TRAINING + " for " + proctor + ", then claiming again.");
      admin.training().recordCompletion(proctor, PROCTOR_TRAINING, Instant.now().minusSeconds(60));
      printTrainingAssignments(proctor);
      claim(proctor, PROCTORING);
    }

    waitForMentoring(List.of(teacher, principal, proctor));
    out.println("Seat-queue sweep (for pools whose term has started): "
        + admin.lifecycle().serveWaitlists().changed() + " seat(s) given.");

    List<LicenseClaim> revoked = admin.assignments().revokeRole(teacher, LINCOLN, DefaultCatalog.OBSERVABLE, "moved to a non-teaching role");
    out.println("\nRevoked the Observable role of " + teacher + ": " + revoked.size() + " claim(s) revoked, seats freed.");
    admin.users().suspend(principal, "on leave");

    printPools();
    printClaims(List.of(teacher, principal, proctor));
    printTroubleshooter(List.of(teacher, principal, proctor));
    out.println("\nAudit trail: " + admin.audit().count(org.licensekit.core.api.AuditQuery.all())
        + " recorded changes so far; hash chain intact: " + admin.audit().verify().intact() + ".");
  }

  private void setUp() {
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation & Evaluation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineProduct(Product.builder().id(PROCTORING).name("Assessment Proctoring").type(ProductType.ASSESSMENT_TOOL)
        .addPrerequisites(Prerequisite.training(PROCTOR_TRAINING)).build());
    admin.catalog().defineProduct(Product.builder().id(COACHING).name("Coaching Library").type(ProductType.LEARNING_CONTENT).build());
    admin.catalog().installDefaults(Map.of(
        DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION, COACHING),
        DefaultCatalog.OBSERVER, Set.of(OBSERVATION),
        DefaultCatalog.PROCTOR, Set.of(PROCTORING)));
    admin.users().defineOrganization(Organization.root(DISTRICT, "Springfield District"));
    admin.users().defineOrganization(Organization.child(LINCOLN, "Lincoln High", DISTRICT));
    Instant now = Instant.now();
    Term schoolYear = Term.of(now.minus(30, ChronoUnit.DAYS), now.plus(335, ChronoUnit.DAYS));
    addPool("observation-2026", OBSERVATION, 50, schoolYear);
    addPool("proctoring-2026", PROCTORING, 10, schoolYear);
    addPool("coaching-2026", COACHING, 25, schoolYear);
    admin.catalog().defineProduct(Product.builder().id(MENTORING).name("Mentoring Pilot").type(ProductType.LEARNING_CONTENT).build());
    addPool(MENTORING_POOL.value(), MENTORING, 1, schoolYear);
  }

  private void addPool(String id, ProductId product, int seats, Term term) {
    admin.pools().add(NewPool.builder().id(PoolId.of(id)).product(product).seats(seats).term(term)
        .renewalDate(LocalDate.ofInstant(term.end(), java.time.ZoneOffset.UTC).minusDays(60))
        .reference("PO-" + id.toUpperCase(java.util.Locale.ROOT)).build());
  }

  private UserId newHire(String id, String name, org.licensekit.core.domain.JobProfileId profile) {
    UserId user = UserId.of(id);
    RegistrationResult result = admin.users().register(NewUser.builder().id(user).name(name)
        .email(id + "@springfield.example").jobProfile(profile).addOrganizations(LINCOLN).build());
    admin.users().activate(user);
    out.println("New user " + id + " (" + profile + "): " + result.assignments().assigned().size()
        + " pending claim(s), invitation sent.");
    return user;
  }

  /** The guide's first troubleshooting step: the user's organizations and roles, and where each role came from. */
  private void printProfile(UserId user) {
    UserProfile profile = admin.users().profile(user);
    Table table = new Table("organization", "role", "source", "grants");
    for (OrganizationRoles organization : profile.organizations()) {
      for (RoleHolding role : organization.roles()) {
        table.row(organization.organization().id(), role.role(), role.source(), role.grants());
      }
    }
    table.print(out, "User profile of " + user + " (" + profile.account().status() + "): "
        + profile.liveClaims().size() + " live claim(s), " + profile.training().size() + " training record(s)");
  }

  /**
   * The pilot's one seat fills up: the users refused wait in order; a seat bought later goes to the
   * head of the waitlist in the same command.
   */
  private void waitForMentoring(List<UserId> users) {
    out.println();
    for (UserId user : users) {
      AssignmentResult result = admin.assignments().assignProduct(user, MENTORING, "mentoring pilot");
      out.println("Assign " + MENTORING + " to " + user + ": "
          + (result.complete() ? "assigned" : "refused — " + result.refused().get(0).message()));
    }
    printWaitlist();
    int seats = admin.pools().find(MENTORING_POOL).orElseThrow().pool().seats() + 1;
    admin.pools().changeSeats(MENTORING_POOL, seats, "one more mentoring seat bought");
    out.println("Bought one more seat of " + MENTORING_POOL + ": it went to the head of the waitlist.");
    printWaitlist();
  }

  private void printWaitlist() {
    Table table = new Table("place", "user", "waiting since", "why");
    for (WaitingUser waiting : admin.waitlist().of(MENTORING)) {
      table.row(waiting.position(), waiting.user(), waiting.entry().queuedAt().truncatedTo(ChronoUnit.SECONDS), waiting.entry().reason());
    }
    table.print(out, "Waitlist of " + MENTORING + " (" + admin.reports().dashboard().waiting(MENTORING) + " waiting)");
  }

  private void printTrainingAssignments(UserId user) {
    for (TrainingAssignment assignment : admin.training().assignments(user)) {
      out.println("Training assigned to " + user + ": " + assignment.training()
          + assignment.product().map(p -> " (for " + p + ")").orElse("")
          + ", due " + assignment.dueAt().truncatedTo(ChronoUnit.SECONDS)
          + assignment.completedAt().map(at -> ", completed " + at.truncatedTo(ChronoUnit.SECONDS)).orElse(", open"));
    }
  }

  private ClaimResult claim(UserId user, ProductId product) {
    ClaimResult result = district.as(Actor.user(user)).claims().claim(user, product);
    out.println(user + " claims " + product + ": "
        + (result.succeeded() ? "ACTIVE" : "refused — " + result.refusals()));
    return result;
  }

  private void printPools() {
    Table table = new Table("pool", "product", "seats", "in use", "free", "term ends");
    for (PoolUsage usage : admin.pools().list()) {
      table.row(usage.pool().id(), usage.pool().product(), usage.pool().seats(), usage.seatsInUse(), usage.free(),
          usage.pool().term().end().truncatedTo(ChronoUnit.SECONDS));
    }
    table.print(out, "License pools");
  }

  private void printClaims(List<UserId> users) {
    Table table = new Table("user", "product", "status", "assigned", "claimed");
    for (UserId user : users) {
      for (LicenseClaim claim : admin.claims().ofUser(user)) {
        table.row(user, claim.product(), claim.status(), claim.assignedAt().truncatedTo(ChronoUnit.SECONDS),
            claim.claimedAt().map(i -> i.truncatedTo(ChronoUnit.SECONDS).toString()).orElse("-"));
      }
    }
    table.print(out, "License claims of this run's new hires");
  }

  private void printTroubleshooter(List<UserId> users) {
    Table table = new Table("user", "product", "access", "reasons, in troubleshooting order");
    java.util.Map<String, String> hints = new java.util.TreeMap<>();
    for (UserId user : users) {
      for (AccessDecision decision : admin.access().troubleshoot(user).decisions()) {
        decision.reasons().forEach(reason -> hints.put(reason.code(), reason.hint()));
        table.row(user, decision.product(), decision.allowed() ? "allowed" : "denied",
            decision.reasons().stream().map(AccessDenial::code).collect(java.util.stream.Collectors.joining(", ")));
      }
    }
    table.print(out, "Troubleshooter: why can or can't each user access each product?");
    Table legend = new Table("reason", "what to do");
    hints.forEach(legend::row);
    legend.print(out, "Remediation hints");
  }
}
