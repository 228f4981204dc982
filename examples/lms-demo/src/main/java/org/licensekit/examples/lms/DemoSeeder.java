package org.licensekit.examples.lms;

import static org.licensekit.examples.lms.DemoUsers.ANA;
import static org.licensekit.examples.lms.DemoUsers.ANALYTICS;
import static org.licensekit.examples.lms.DemoUsers.ANALYTICS_TRIAL;
import static org.licensekit.examples.lms.DemoUsers.BEN;
import static org.licensekit.examples.lms.DemoUsers.COACHING;
import static org.licensekit.examples.lms.DemoUsers.DISTRICT;
import static org.licensekit.examples.lms.DemoUsers.DISTRICT_OFFICE;
import static org.licensekit.examples.lms.DemoUsers.EVALUATION;
import static org.licensekit.examples.lms.DemoUsers.EVALUATOR_TRAINING;
import static org.licensekit.examples.lms.DemoUsers.OBSERVATION;
import static org.licensekit.examples.lms.DemoUsers.OAK_ELEMENTARY;
import static org.licensekit.examples.lms.DemoUsers.PROCTORING;
import static org.licensekit.examples.lms.DemoUsers.PROCTOR_CERTIFICATION;
import static org.licensekit.examples.lms.DemoUsers.RIVERSIDE_HIGH;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Random;
import java.util.Set;
import org.licensekit.core.ActorSession;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserFilter;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.JobProfileId;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.RoleId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeds a realistic district through LicenseKit's public API on first start: schools, the five
 * default roles and their products, pools with near expirations and renewals, about 2,000 users
 * across the job profiles, six months of assignments, claims, training and usage replayed on the
 * {@link DemoClock}, pending claims of every age, and a few discrepancies left to reconcile (claims
 * of an ended trial pool still active, and people registered twice).
 */
public final class DemoSeeder {

  private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
  private static final int HISTORY_DAYS = 180;
  private static final int THREADS = 4;
  /** Riverside High's own coaching pool, scoped to the school. */
  static final PoolId RIVERSIDE_HIGH_COACHING = PoolId.of("riverside-high-coaching");
  /** The seats Riverside High bought for itself. */
  static final int RIVERSIDE_HIGH_COACHING_SEATS = 6;
  private static final List<OrganizationId> SCHOOLS = List.of(RIVERSIDE_HIGH, DemoUsers.WASHINGTON_HIGH,
      DemoUsers.LINCOLN_MIDDLE, OAK_ELEMENTARY, DemoUsers.MAPLE_ELEMENTARY);
  private static final String[] FIRST = {"Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James",
      "Isabella", "Lucas", "Mia", "Mateo", "Amelia", "Benjamin", "Harper", "Henry", "Evelyn", "Theo", "Aisha",
      "Omar", "Priya", "Ravi", "Mei", "Kenji", "Fatima", "Diego", "Lucía", "Chloé", "Zoe", "Samuel", "Grace",
      "Daniel", "Nora", "Jonas", "Ingrid", "Kwame", "Amara", "Hana", "Yusuf", "Leila"};
  private static final String[] LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
      "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
      "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
      "Lewis", "Robinson", "Nguyen", "Patel", "Kim", "Okafor", "Müller", "Rossi", "Kowalski", "Haddad", "Silva", "Sato"};

  private final TenantLicensing district;
  private final ActorSession admin;
  private final DemoClock clock;
  private final int userCount;
  private final Random random = new Random(20261129L);
  private final PriorityQueue<Step> steps = new PriorityQueue<>();
  private UsageHistory usage;
  private long sequence;
  private Instant now;

  /**
   * @param district the tenant to seed
   * @param clock the clock LicenseKit reads, moved through the history
   * @param userCount how many users to create, at least 50
   */
  public DemoSeeder(TenantLicensing district, DemoClock clock, int userCount) {
    if (userCount < 50) {
      throw new IllegalArgumentException("userCount must be at least 50 (was " + userCount + ")");
    }
    this.district = district;
    this.admin = district.as(Persona.ADMIN.actor());
    this.clock = clock;
    this.userCount = userCount;
  }

  /** Whether the tenant already holds data (then nothing is seeded). */
  public boolean seeded() {
    return admin.bulk().count(UserFilter.all()) > 0;
  }

  /** Seeds the district unless it already holds users; leaves the clock on system time. */
  public void seedIfEmpty() {
    if (seeded()) {
      LOG.info("Demo data found in tenant {}; not seeding.", district.tenant());
      return;
    }
    long started = System.nanoTime();
    now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    usage = new UsageHistory(admin, clock, now, random);
    try {
      catalogAndPools();
      people();
      coachingPilot();
      int replayed = replayHistory();
      long history = System.nanoTime();
      int days = usage.replay();
      LOG.info("Seeding: {} history steps in {} ms, usage of {} days in {} ms.", replayed,
          Duration.ofNanos(history - started).toMillis(), days, Duration.ofNanos(System.nanoTime() - history).toMillis());
    } finally {
      clock.resume();
    }
    LOG.info("Seeded tenant {} with {} users in {} ms.", district.tenant(), admin.bulk().count(UserFilter.all()),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  private void catalogAndPools() {
    Instant start = daysAgo(HISTORY_DAYS + 20);
    clock.travelTo(start);
    admin.users().defineOrganization(Organization.root(DISTRICT, "Riverside Unified School District"));
    admin.users().defineOrganization(Organization.child(DISTRICT_OFFICE, "District Office", DISTRICT));
    admin.users().defineOrganization(Organization.child(RIVERSIDE_HIGH, "Riverside High School", DISTRICT));
    admin.users().defineOrganization(Organization.child(DemoUsers.WASHINGTON_HIGH, "Washington High School", DISTRICT));
    admin.users().defineOrganization(Organization.child(DemoUsers.LINCOLN_MIDDLE, "Lincoln Middle School", DISTRICT));
    admin.users().defineOrganization(Organization.child(OAK_ELEMENTARY, "Oak Elementary", DISTRICT));
    admin.users().defineOrganization(Organization.child(DemoUsers.MAPLE_ELEMENTARY, "Maple Elementary", DISTRICT));

    product(OBSERVATION, "Classroom Observation", ProductType.OBSERVATION_TOOL, Optional.empty());
    product(COACHING, "Instructional Coaching Library", ProductType.LEARNING_CONTENT, Optional.empty());
    product(EVALUATION, "Educator Evaluation Suite", ProductType.EVALUATION_TOOL,
        Optional.of(Prerequisite.training(EVALUATOR_TRAINING)));
    product(PROCTORING, "Secure Assessment Proctoring", ProductType.ASSESSMENT_TOOL,
        Optional.of(Prerequisite.certification(PROCTOR_CERTIFICATION)));
    product(ANALYTICS, "District Analytics", ProductType.ANALYTICS, Optional.empty());
    admin.catalog().installDefaults(Map.of(
        DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION, COACHING),
        DefaultCatalog.OBSERVER, Set.of(OBSERVATION),
        DefaultCatalog.EVALUATOR, Set.of(EVALUATION),
        DefaultCatalog.PROCTOR, Set.of(PROCTORING),
        DefaultCatalog.REPORTER, Set.of(ANALYTICS)));

    int teachers = teacherCount();
    int staff = teachers + administratorCount();
    pool("observation-pilot", OBSERVATION, Math.max(10, staff / 5), start, days(18), days(10), "PO-2025-OBS-PILOT");
    pool("observation-2026", OBSERVATION, staff - staff / 5 + Math.max(5, staff / 40), start, days(250), days(200),
        "PO-2026-0114");
    pool("coaching-2026", COACHING, teachers + Math.max(5, teachers / 60), start, days(300), days(45), "PO-2026-0131");
    pool("evaluation-2026", EVALUATION, administratorCount() + 10, start, days(160), days(120), "PO-2026-0207");
    pool("proctoring-2026", PROCTORING, specialistCount(), start, days(80), days(60), "PO-2026-0212");
    pool(ANALYTICS_TRIAL.value(), ANALYTICS, 10, start, days(-4), days(-30), "TRIAL-ANALYTICS");
    at(daysAgo(3), "pools", () -> pool("analytics-2026", ANALYTICS, 12, clock.instant(), days(362), days(330), "PO-2026-0990"));
  }

  /**
   * Yesterday the district offered the coaching library to twelve school leaders directly, with
   * fewer seats left than leaders: the first ones got a seat, the others wait in the product's
   * queue (the dashboard's "Waiting" column, the troubleshooter's {@code WAITING_FOR_SEAT}) until
   * a seat is freed or bought.
   *
   * <p>Riverside High then bought a few coaching seats of its own: a pool scoped to the school, so
   * its seats go only to Riverside High's people. Adding it serves the school's waiting leaders at
   * once (the first waiting users the new pool may serve); the other schools' leaders keep waiting.
   * The school's dashboard shows this pool; the district's shows it with the district-wide ones.
   */
  private void coachingPilot() {
    at(daysAgo(1), "coaching-pilot", () -> {
      UserFilter leaders = UserFilter.builder().jobProfile(DefaultCatalog.ADMINISTRATOR).status(AccountStatus.ACTIVE).build();
      for (UserId leader : admin.bulk().select(leaders, Optional.empty(), 12)) {
        admin.assignments().assignProduct(leader, COACHING, "Coaching pilot for school leaders");
      }
      admin.pools().add(NewPool.builder().id(RIVERSIDE_HIGH_COACHING).product(COACHING).seats(RIVERSIDE_HIGH_COACHING_SEATS)
          .scope(RIVERSIDE_HIGH).term(Term.of(clock.instant(), days(300)))
          .renewalDate(LocalDate.ofInstant(days(270), ZoneOffset.UTC)).reference("RHS-PO-2026-017").build());
    });
  }

  private void product(ProductId id, String name, ProductType type, Optional<Prerequisite> prerequisite) {
    var builder = Product.builder().id(id).name(name).type(type);
    prerequisite.ifPresent(builder::addPrerequisites);
    admin.catalog().defineProduct(builder.build());
  }

  private void pool(String id, ProductId product, int seats, Instant start, Instant end, Instant renewal, String reference) {
    admin.pools().add(NewPool.builder().id(PoolId.of(id)).product(product).seats(seats).term(Term.of(start, end))
        .renewalDate(LocalDate.ofInstant(renewal, ZoneOffset.UTC)).reference(reference).build());
  }

  private void people() {
    at(daysAgo(HISTORY_DAYS - 30), ANA.value(), () -> person(ANA, "Ana Lopez", DefaultCatalog.TEACHER, RIVERSIDE_HIGH, Set.of(), true,
        Optional.of(daysAgo(HISTORY_DAYS - 32))));
    at(daysAgo(9), BEN.value(), () -> person(BEN, "Ben Okafor", DefaultCatalog.TEACHER, OAK_ELEMENTARY, Set.of(), true, Optional.empty()));
    for (int i = 1; i <= 8; i++) {
      String number = String.format("r%04d", i);
      schedulePerson(number, Optional.empty(), DISTRICT_OFFICE, Set.of(DefaultCatalog.REPORTER), daysAgo(HISTORY_DAYS - random.nextInt(20)));
    }
    int administrators = administratorCount();
    int specialists = specialistCount();
    int teachers = teacherCount();
    int n = 0;
    for (int i = 0; i < administrators; i++) {
      schedulePerson(String.format("a%04d", ++n), Optional.of(DefaultCatalog.ADMINISTRATOR), school(i), Set.of(), joinDate());
    }
    for (int i = 0; i < specialists; i++) {
      schedulePerson(String.format("s%04d", ++n), Optional.of(DefaultCatalog.SPECIALIZED_STAFF), school(i), Set.of(), joinDate());
    }
    for (int i = 0; i < teachers; i++) {
      schedulePerson(String.format("t%04d", ++n), Optional.of(DefaultCatalog.TEACHER), school(i), Set.of(), joinDate());
    }
    // Two people registered a second time under another account with the same e-mail address.
    at(daysAgo(20), "t9001", () -> duplicateOf(UserId.of("t" + String.format("%04d", administrators + specialists + 3)), "t9001"));
    at(daysAgo(12), "t9002", () -> duplicateOf(UserId.of("t" + String.format("%04d", administrators + specialists + 40)), "t9002"));
  }

  private void schedulePerson(String id, Optional<JobProfileId> profile, OrganizationId school, Set<RoleId> roles, Instant joined) {
    String first = FIRST[random.nextInt(FIRST.length)];
    String last = LAST[random.nextInt(LAST.length)];
    boolean activates = random.nextInt(100) < 94;
    Optional<Instant> claimsAt = activates && random.nextInt(100) < 80
        ? Optional.of(joined.plus(Duration.ofHours(2 + (long) (random.nextDouble() * random.nextDouble() * 24 * 30))))
        : Optional.empty();
    Optional<LocalDate> endDate = profile.equals(Optional.of(DefaultCatalog.TEACHER)) && random.nextInt(100) < 3
        ? Optional.of(LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(5 + random.nextInt(60)))
        : Optional.empty();
    at(joined, id, () -> {
      admin.users().register(NewUser.builder().id(UserId.of(id)).name(first + " " + last)
          .email(id + "." + ascii(last) + "@riverside.example").jobProfile(profile).addOrganizations(school)
          .additionalRoles(roles).endDate(endDate).build());
      if (activates) {
        admin.users().activate(UserId.of(id));
      }
    });
    claimsAt.filter(at -> at.isBefore(now)).ifPresent(at -> at(at, id, () -> claimAll(UserId.of(id))));
    int fate = random.nextInt(1000);
    if (activates && fate < 15) {
      at(between(joined, now), id, () -> admin.users().suspend(UserId.of(id), "On leave"));
    } else if (fate >= 990) {
      at(between(joined, now), id, () -> admin.users().archive(UserId.of(id), "Left the district"));
    }
  }

  private void person(UserId id, String name, JobProfileId profile, OrganizationId school, Set<RoleId> roles, boolean activate,
      Optional<Instant> claimAt) {
    admin.users().register(NewUser.builder().id(id).name(name).email(id.value() + "@riverside.example")
        .jobProfile(profile).addOrganizations(school).additionalRoles(roles).build());
    if (activate) {
      admin.users().activate(id);
    }
    claimAt.ifPresent(at -> at(at, id.value(), () -> claimAll(id)));
  }

  private void duplicateOf(UserId original, String id) {
    admin.users().find(original).ifPresent(account -> {
      admin.users().register(NewUser.builder().id(UserId.of(id)).name(account.name())
          .email(account.email().toUpperCase(java.util.Locale.ROOT)).jobProfile(DefaultCatalog.TEACHER)
          .addOrganizations(SCHOOLS.get(random.nextInt(SCHOOLS.size()))).build());
      admin.users().activate(UserId.of(id));
    });
  }

  /** The user claims every pending license, after any training a prerequisite needs. */
  private void claimAll(UserId user) {
    ActorSession self = district.as(Actor.user(user));
    for (LicenseClaim pending : admin.claims().ofUser(user)) {
      if (pending.status() != org.licensekit.core.domain.ClaimStatus.PENDING) {
        continue;
      }
      if (!train(user, pending.product())) {
        continue;
      }
      if (self.claims().claim(user, pending.product()).succeeded()) {
        usage.plan(user, pending.product(), clock.instant());
      }
    }
  }

  /** Records the training a product needs, for most users; false when this user never did it. */
  private boolean train(UserId user, ProductId product) {
    Instant today = clock.instant();
    if (product.equals(EVALUATION)) {
      if (random.nextInt(100) >= 80) {
        return false;
      }
      admin.training().recordCompletion(user, EVALUATOR_TRAINING, today.minus(Duration.ofHours(1)));
    } else if (product.equals(PROCTORING)) {
      int chance = random.nextInt(100);
      if (chance >= 85) {
        return false;
      }
      Instant earned = today.minus(Duration.ofHours(1));
      Instant expires = chance < 10 ? max(daysAgo(10), earned.plus(Duration.ofDays(1))) : earned.plus(Duration.ofDays(365));
      admin.training().recordCertification(user, PROCTOR_CERTIFICATION, earned, expires);
    }
    return true;
  }

  private int administratorCount() {
    return Math.max(5, userCount * 75 / 1000);
  }

  private int specialistCount() {
    return Math.max(3, userCount * 6 / 100);
  }

  private int teacherCount() {
    return userCount - administratorCount() - specialistCount() - 8 - 2 - 2;
  }

  private OrganizationId school(int i) {
    return SCHOOLS.get(i % SCHOOLS.size());
  }

  /** Most staff join in the back-to-school weeks at the start of the history; the rest through the year. */
  private Instant joinDate() {
    if (random.nextInt(100) < 65) {
      return daysAgo(HISTORY_DAYS - random.nextInt(21)).plus(Duration.ofMinutes(random.nextInt(600)));
    }
    return daysAgo(1 + random.nextInt(HISTORY_DAYS - 21)).plus(Duration.ofMinutes(random.nextInt(600)));
  }

  private Instant between(Instant from, Instant to) {
    long span = Duration.between(from, to).getSeconds();
    return from.plusSeconds(span <= 1 ? 0 : 1 + (long) (random.nextDouble() * (span - 1)));
  }

  private Instant daysAgo(int days) {
    return now.minus(Duration.ofDays(days));
  }

  private Instant days(int fromNow) {
    return now.plus(Duration.ofDays(fromNow));
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String ascii(String name) {
    return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .toLowerCase(java.util.Locale.ROOT);
  }

  private void at(Instant at, String key, Runnable action) {
    synchronized (steps) {
      steps.add(new Step(at, key, sequence++, action));
    }
  }

  /**
   * Replays the history day by day. Within a day, each user's steps run in order on one thread and
   * different users' steps run side by side, each at its own instant (the clock is per thread);
   * days follow one another, so whatever a step needs from an earlier day is there.
   *
   * @return how many steps ran
   */
  private int replayHistory() {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    int replayed = 0;
    try {
      while (true) {
        Map<String, List<Step>> day = nextDay();
        if (day.isEmpty()) {
          return replayed;
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<Step> ofOne : day.values()) {
          replayed += ofOne.size();
          running.add(threads.submit(() -> {
            try {
              for (Step step : ofOne) {
                clock.travelThisThreadTo(step.at);
                step.action.run();
              }
            } finally {
              clock.resumeThisThread();
            }
          }));
        }
        for (Future<?> one : running) {
          one.get();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding the history", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("seeding the history failed", e.getCause());
    } finally {
      threads.shutdownNow();
    }
  }

  /** The steps of the earliest day still to replay, by key, each key's in time order. */
  private Map<String, List<Step>> nextDay() {
    synchronized (steps) {
      Map<String, List<Step>> byKey = new LinkedHashMap<>();
      if (steps.isEmpty()) {
        return byKey;
      }
      LocalDate day = LocalDate.ofInstant(steps.peek().at, ZoneOffset.UTC);
      while (!steps.isEmpty() && LocalDate.ofInstant(steps.peek().at, ZoneOffset.UTC).equals(day)) {
        Step step = steps.poll();
        byKey.computeIfAbsent(step.key, k -> new ArrayList<>()).add(step);
      }
      return byKey;
    }
  }

  private record Step(Instant at, String key, long sequence, Runnable action) implements Comparable<Step> {
    @Override
    public int compareTo(Step other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}
