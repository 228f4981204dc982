package org.licensekit.testkit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.licensekit.core.ActorSession;
import org.licensekit.core.Licensing;
import org.licensekit.core.TenantLicensing;
import org.licensekit.core.api.DefaultCatalog;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.Organization;
import org.licensekit.core.domain.OrganizationId;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.Prerequisite;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.TrainingId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.LicenseStore;

/**
 * Base of the behaviour suites that run through the public API against any store: a subclass says
 * only which store ({@link #createStore()}, called once per test, may return a shared one since
 * each test gets its own tenant). Gives each test a fresh tenant, a {@link MutableClock} at
 * {@link #START}, recording notifier and event publisher, an administrator session, and the admin
 * guide's standard catalog: the five default roles, the three job profiles and these products:
 *
 * <ul>
 *   <li>{@link #OBSERVATION} (granted by OBSERVER and OBSERVABLE), valid until the pool's term ends;
 *   <li>{@link #EVALUATION} (granted by EVALUATOR), requiring the {@link #EVALUATOR_CERTIFICATION};
 *   <li>{@link #PROCTORING} (granted by PROCTOR), requiring {@link #PROCTOR_TRAINING};
 *   <li>{@link #COACHING} learning content (granted by OBSERVABLE), valid 90 days after claim;
 *   <li>{@link #ANALYTICS} (granted by REPORTER).
 * </ul>
 *
 * and a district {@link #DISTRICT} with two schools {@link #NORTH} and {@link #SOUTH}. No pools
 * exist until a test adds them ({@link #pool(ProductId, int)}).
 */
public abstract class LicensingTestSupport {

  public static final Instant START = Instant.parse("2026-09-01T08:00:00Z");

  public static final ProductId OBSERVATION = ProductId.of("observation");
  public static final ProductId EVALUATION = ProductId.of("evaluation");
  public static final ProductId PROCTORING = ProductId.of("proctoring");
  public static final ProductId COACHING = ProductId.of("coaching");
  public static final ProductId ANALYTICS = ProductId.of("analytics");

  public static final TrainingId PROCTOR_TRAINING = TrainingId.of("proctor-training");
  public static final TrainingId EVALUATOR_CERTIFICATION = TrainingId.of("evaluator-certification");

  public static final OrganizationId DISTRICT = OrganizationId.of("district");
  public static final OrganizationId NORTH = OrganizationId.of("north-high");
  public static final OrganizationId SOUTH = OrganizationId.of("south-middle");

  protected LicenseStore store;
  protected Licensing licensing;
  protected MutableClock clock;
  protected RecordingNotifier notifier;
  protected RecordingEvents events;
  protected TenantId tenantId;
  protected TenantLicensing tenant;
  protected ActorSession admin;

  /** The store under test. */
  protected abstract LicenseStore createStore();

  @BeforeEach
  void setUpLicensing() {
    store = createStore();
    clock = new MutableClock(START);
    notifier = new RecordingNotifier();
    events = new RecordingEvents();
    licensing = configure(Licensing.builder().store(store).clock(clock).notifier(notifier).events(events)).build();
    tenantId = TenantId.of("t-" + UUID.randomUUID());
    tenant = licensing.tenant(tenantId);
    admin = tenant.as(Actor.systemAdministrator("admin-1"));
    defineStandardCatalog(admin);
  }

  /**
   * Adjusts the builder before each test's {@code Licensing} is built (a suite that walks pages sets
   * a small {@code pageSize} here); the default changes nothing.
   */
  protected Licensing.Builder configure(Licensing.Builder builder) {
    return builder;
  }

  /**
   * Defines the standard catalog of these suites in the administrator's tenant: the five products
   * with their prerequisites, the default roles and job profiles granting them, and the district
   * with its two schools. For a tenant set up outside a suite (another process's run, say).
   *
   * @param admin an administrator session of the tenant
   */
  public static void defineStandardCatalog(ActorSession admin) {
    admin.catalog().defineProduct(Product.builder().id(OBSERVATION).name("Observation").type(ProductType.OBSERVATION_TOOL).build());
    admin.catalog().defineProduct(Product.builder().id(EVALUATION).name("Evaluation").type(ProductType.EVALUATION_TOOL)
        .addPrerequisites(Prerequisite.certification(EVALUATOR_CERTIFICATION)).build());
    admin.catalog().defineProduct(Product.builder().id(PROCTORING).name("Proctoring").type(ProductType.ASSESSMENT_TOOL)
        .addPrerequisites(Prerequisite.training(PROCTOR_TRAINING)).build());
    admin.catalog().defineProduct(Product.builder().id(COACHING).name("Coaching library").type(ProductType.LEARNING_CONTENT)
        .validity(org.licensekit.core.domain.Validity.afterClaim(java.time.Duration.ofDays(90))).build());
    admin.catalog().defineProduct(Product.builder().id(ANALYTICS).name("Analytics").type(ProductType.ANALYTICS).build());
    admin.catalog().installDefaults(Map.of(
        DefaultCatalog.OBSERVABLE, Set.of(OBSERVATION, COACHING),
        DefaultCatalog.OBSERVER, Set.of(OBSERVATION),
        DefaultCatalog.EVALUATOR, Set.of(EVALUATION),
        DefaultCatalog.PROCTOR, Set.of(PROCTORING),
        DefaultCatalog.REPORTER, Set.of(ANALYTICS)));
    admin.users().defineOrganization(Organization.root(DISTRICT, "Springfield District"));
    admin.users().defineOrganization(Organization.child(NORTH, "North High", DISTRICT));
    admin.users().defineOrganization(Organization.child(SOUTH, "South Middle", DISTRICT));
  }

  /** A tenant-wide pool of the product for the school year around {@link #START}. */
  protected LicensePool pool(ProductId product, int seats) {
    return admin.pools().add(NewPool.builder()
        .id(PoolId.of(product.value() + "-" + UUID.randomUUID().toString().substring(0, 8)))
        .product(product)
        .seats(seats)
        .term(schoolYear())
        .build());
  }

  /** From one week before {@link #START} to 365 days after it. */
  protected static Term schoolYear() {
    return Term.of(START.minus(7, ChronoUnit.DAYS), START.plus(365, ChronoUnit.DAYS));
  }

  /** Registers an invited user in {@code organization} with the job profile. */
  protected UserId register(String id, org.licensekit.core.domain.JobProfileId profile, OrganizationId organization) {
    UserId user = UserId.of(id);
    admin.users().register(NewUser.builder()
        .id(user)
        .name("User " + id)
        .email(id + "@example.org")
        .jobProfile(profile)
        .addOrganizations(organization)
        .build());
    return user;
  }

  /** Registers a user as {@link #register} does and activates the account. */
  protected UserId activeUser(String id, org.licensekit.core.domain.JobProfileId profile, OrganizationId organization) {
    UserId user = register(id, profile, organization);
    admin.users().activate(user);
    return user;
  }

  /** The session of the user acting for themself. */
  protected ActorSession asUser(UserId user) {
    return tenant.as(Actor.user(user));
  }
}
