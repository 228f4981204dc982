package org.licensekit.spring;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.licensekit.core.Licensing;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.jdbc.ChangeSignalMode;
import org.licensekit.spring.validation.CronSchedule;
import org.licensekit.spring.validation.PositiveDistinctDurations;
import org.licensekit.spring.validation.PositiveDuration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * LicenseKit's settings under the {@code licensekit} prefix, validated when the application starts:
 * a bad value stops start-up with a message naming the property.
 */
@ConfigurationProperties("licensekit")
@Validated
public class LicensekitProperties {

  /** Whether LicenseKit is auto-configured at all. */
  private boolean enabled = true;

  /**
   * The tenants the application serves, for maintenance, health details, seat metrics and the
   * Actuator endpoint, unless the application defines a LicensingTenants bean.
   */
  @NotNull
  private List<@NotBlank String> tenants = new ArrayList<>();

  /** The settings of every tenant that has not saved its own. */
  @Valid
  private final TenantDefaults tenantDefaults = new TenantDefaults();

  /**
   * How many concurrent single assignments of one product may share one transaction (the plain
   * ones decided together, the others each behind its own savepoint, with one audit append and one
   * commit; each caller still gets only its own outcome): 1 to 256, 1 turning combining off. Unset: the store's default (16 on PostgreSQL, 1
   * on H2 and in memory).
   */
  @Min(1)
  @Max(Licensing.MAX_COMBINED_ASSIGNMENTS)
  private Integer combinedAssignments;

  /** The JDBC store on the application's DataSource. */
  @Valid
  private final Jdbc jdbc = new Jdbc();

  /** The in-process cache of what access checks read. */
  @Valid
  private final Cache cache = new Cache();

  /** Reminders for claims still pending after assignment, and the claim deadline. */
  @Valid
  private final FollowUp followUp = new FollowUp();

  /** Alerts before a pool's term ends. */
  @Valid
  private final ExpirationAlerts expirationAlerts = new ExpirationAlerts();

  /** The monthly license review's recipients and windows. */
  @Valid
  private final MonthlyReview monthlyReview = new MonthlyReview();

  /** The scheduled maintenance jobs. */
  @Valid
  private final Maintenance maintenance = new Maintenance();

  /** How long the outbox keeps the messages it is done with (the {@code outbox-purge} job). */
  @Valid
  private final Outbox outbox = new Outbox();

  /** The web guard for host endpoints. */
  @Valid
  private final Web web = new Web();

  /** The Micrometer metrics (when Micrometer is present). */
  @Valid
  private final Metrics metrics = new Metrics();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public List<String> getTenants() {
    return tenants;
  }

  public void setTenants(List<String> tenants) {
    this.tenants = tenants;
  }

  public Integer getCombinedAssignments() {
    return combinedAssignments;
  }

  public void setCombinedAssignments(Integer combinedAssignments) {
    this.combinedAssignments = combinedAssignments;
  }

  public TenantDefaults getTenantDefaults() {
    return tenantDefaults;
  }

  public Jdbc getJdbc() {
    return jdbc;
  }

  public Outbox getOutbox() {
    return outbox;
  }

  /**
   * The settings of every tenant that has not saved its own through {@code session.settings().update(...)};
   * a tenant's saved settings always win.
   */
  public static class TenantDefaults {

    /** Whether a pending claim becomes active the first time its user's access is checked. */
    private boolean claimOnFirstAccess = false;

    /** Whether suspended users keep their seats (else their claims are released on suspension). */
    private boolean suspendedUsersKeepSeats = true;

    public boolean isClaimOnFirstAccess() {
      return claimOnFirstAccess;
    }

    public void setClaimOnFirstAccess(boolean claimOnFirstAccess) {
      this.claimOnFirstAccess = claimOnFirstAccess;
    }

    public boolean isSuspendedUsersKeepSeats() {
      return suspendedUsersKeepSeats;
    }

    public void setSuspendedUsersKeepSeats(boolean suspendedUsersKeepSeats) {
      this.suspendedUsersKeepSeats = suspendedUsersKeepSeats;
    }

    /**
     * These defaults as tenant settings.
     *
     * @return the settings
     */
    public TenantSettings toSettings() {
      return TenantSettings.builder().claimOnFirstAccess(claimOnFirstAccess).suspendedUsersKeepSeats(suspendedUsersKeepSeats).build();
    }
  }

  public Cache getCache() {
    return cache;
  }

  public FollowUp getFollowUp() {
    return followUp;
  }

  public ExpirationAlerts getExpirationAlerts() {
    return expirationAlerts;
  }

  public MonthlyReview getMonthlyReview() {
    return monthlyReview;
  }

  public Maintenance getMaintenance() {
    return maintenance;
  }

  public Web getWeb() {
    return web;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  /** Settings of the Micrometer metrics. */
  public static class Metrics {

    /** How often the seat gauges re-read each tenant's dashboard (one report query per tenant). */
    @NotNull
    @PositiveDuration
    private Duration seatRefreshInterval = Duration.ofSeconds(60);

    public Duration getSeatRefreshInterval() {
      return seatRefreshInterval;
    }

    public void setSeatRefreshInterval(Duration seatRefreshInterval) {
      this.seatRefreshInterval = seatRefreshInterval;
    }
  }

  /** Settings of the JDBC store. */
  public static class Jdbc {

    /**
     * The prefix of every LicenseKit table: letters, digits and underscores, not starting with a
     * digit, at most 30 characters.
     */
    @NotNull
    @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,29}", message = "must be letters, digits and underscores, not start with a digit, at most 30 characters")
    private String tablePrefix = "lk_";

    /**
     * The schema holding the tables, created by the migration when missing. Empty: the connection's
     * current schema.
     */
    @Pattern(regexp = "|[A-Za-z_][A-Za-z0-9_]*", message = "must be letters, digits and underscores, not start with a digit")
    private String schema = "";

    /**
     * Whether the tables are migrated with Flyway when the application starts. Turn it off when the
     * migration scripts run through your own tooling.
     */
    private boolean migrateOnStart = true;

    /**
     * Whether PostgreSQL itself keeps tenants apart: row-level security on every LicenseKit table
     * holding tenant data, keyed by a session setting the store sets before every statement. Connect
     * as a role that neither owns the tables nor is a superuser (PostgreSQL exempts those), and set
     * it on every instance sharing the tables. PostgreSQL only: on H2 the application fails to start.
     */
    private boolean rowLevelSecurity;

    /**
     * How many times a command is re-run after a serialization failure, deadlock or lock timeout
     * (only when it runs in a transaction of its own).
     */
    @Min(0)
    @Max(100)
    private int maxRetries = 5;

    /**
     * Whether a best-effort bulk run on PostgreSQL may begin its next chunk, on a second connection,
     * while the previous chunk commits (the outcomes are those of chunks run one after the other). A
     * run then holds up to three connections of the pool at once; turn it off for a pool with fewer.
     * H2 runs its chunks one after the other either way; bulk onboarding overlaps only with
     * overlap-bulk-registrations on as well.
     */
    private boolean overlapBulkChunks = true;

    /**
     * Whether a best-effort bulk onboarding run overlaps its chunks as well (only with
     * overlap-bulk-chunks on). Off by default: measured on an idle two-core machine, onboarding's
     * overlapped chunks were slower than one after the other; turn it on where a benchmark on the
     * host's own database shows it pays.
     */
    private boolean overlapBulkRegistrations;

    public String getTablePrefix() {
      return tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    public String getSchema() {
      return schema;
    }

    public void setSchema(String schema) {
      this.schema = schema;
    }

    public boolean isMigrateOnStart() {
      return migrateOnStart;
    }

    public void setMigrateOnStart(boolean migrateOnStart) {
      this.migrateOnStart = migrateOnStart;
    }

    public boolean isRowLevelSecurity() {
      return rowLevelSecurity;
    }

    public void setRowLevelSecurity(boolean rowLevelSecurity) {
      this.rowLevelSecurity = rowLevelSecurity;
    }

    public int getMaxRetries() {
      return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
    }

    public boolean isOverlapBulkChunks() {
      return overlapBulkChunks;
    }

    public void setOverlapBulkChunks(boolean overlapBulkChunks) {
      this.overlapBulkChunks = overlapBulkChunks;
    }

    public boolean isOverlapBulkRegistrations() {
      return overlapBulkRegistrations;
    }

    public void setOverlapBulkRegistrations(boolean overlapBulkRegistrations) {
      this.overlapBulkRegistrations = overlapBulkRegistrations;
    }
  }

  /** Settings of the access cache. */
  public static class Cache {

    /** Whether access checks on the JDBC store are answered from an in-process cache. */
    private boolean enabled = true;

    /**
     * How long a cached read is served at most; it bounds how long a change made by another
     * instance sharing the database stays unseen here. Changes made through this instance are
     * seen as soon as they commit.
     */
    @NotNull
    @PositiveDuration
    private Duration maximumStaleness = Duration.ofSeconds(5);

    /** How many snapshots (one per tenant and user, a few per tenant) are kept at most. */
    @Min(1)
    private long maximumSnapshots = 100_000;

    /** How many decided access checks (one per tenant, user and product checked) are kept at most. */
    @Min(1)
    private long maximumDecisions = 250_000;

    /**
     * How this instance tells the other instances sharing the database what it changed, so their
     * caches forget it at once instead of after the maximum staleness: NONE, DATABASE (PostgreSQL
     * LISTEN/NOTIFY; the change log on H2) or CHANGE_LOG (a polled table). Use the same mode on
     * every instance.
     */
    @NotNull
    private ChangeSignalMode changeSignals = ChangeSignalMode.NONE;

    /**
     * How often the change log is polled (and how long the PostgreSQL listener waits between checks
     * that it is still wanted): the delay before another instance's change is seen here, with
     * CHANGE_LOG (or DATABASE on H2). 10 ms to 1 minute.
     */
    @NotNull
    @PositiveDuration
    private Duration changePollInterval = Duration.ofMillis(500);

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getMaximumStaleness() {
      return maximumStaleness;
    }

    public void setMaximumStaleness(Duration maximumStaleness) {
      this.maximumStaleness = maximumStaleness;
    }

    public long getMaximumSnapshots() {
      return maximumSnapshots;
    }

    public void setMaximumSnapshots(long maximumSnapshots) {
      this.maximumSnapshots = maximumSnapshots;
    }

    public long getMaximumDecisions() {
      return maximumDecisions;
    }

    public void setMaximumDecisions(long maximumDecisions) {
      this.maximumDecisions = maximumDecisions;
    }

    public ChangeSignalMode getChangeSignals() {
      return changeSignals;
    }

    public void setChangeSignals(ChangeSignalMode changeSignals) {
      this.changeSignals = changeSignals;
    }

    public Duration getChangePollInterval() {
      return changePollInterval;
    }

    public void setChangePollInterval(Duration changePollInterval) {
      this.changePollInterval = changePollInterval;
    }
  }

  /** The follow-up of new-user setup. */
  public static class FollowUp {

    /** How long after assignment a reminder goes out for a claim still pending; each step once per claim. */
    @NotNull
    @PositiveDistinctDurations
    private List<Duration> steps = new ArrayList<>(List.of(Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14)));

    /** How long after assignment a still-pending claim is reclaimed (its seat freed). Unset: never. */
    @PositiveDuration
    private Duration claimDeadline;

    public List<Duration> getSteps() {
      return steps;
    }

    public void setSteps(List<Duration> steps) {
      this.steps = steps;
    }

    public Duration getClaimDeadline() {
      return claimDeadline;
    }

    public void setClaimDeadline(Duration claimDeadline) {
      this.claimDeadline = claimDeadline;
    }
  }

  /** Alerts before a pool's term ends. */
  public static class ExpirationAlerts {

    /** How long before a pool's term ends to alert; only the narrowest window a pool is in alerts. */
    @NotEmpty
    @PositiveDistinctDurations
    private List<Duration> windows = new ArrayList<>(List.of(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(7)));

    /** Who is notified of each alert; none: alerts are events and audit entries only. */
    @NotNull
    @Valid
    private List<Contact> contacts = new ArrayList<>();

    public List<Duration> getWindows() {
      return windows;
    }

    public void setWindows(List<Duration> windows) {
      this.windows = windows;
    }

    public List<Contact> getContacts() {
      return contacts;
    }

    public void setContacts(List<Contact> contacts) {
      this.contacts = contacts;
    }

    /** One recipient of expiration alerts. */
    public static class Contact {

      /** The recipient's user id in the host. */
      @NotBlank
      private String user;

      /** The recipient's name. */
      @NotBlank
      private String name;

      /** The recipient's e-mail address. */
      @NotBlank
      @Email
      private String email;

      public String getUser() {
        return user;
      }

      public void setUser(String user) {
        this.user = user;
      }

      public String getName() {
        return name;
      }

      public void setName(String name) {
        this.name = name;
      }

      public String getEmail() {
        return email;
      }

      public void setEmail(String email) {
        this.email = email;
      }
    }
  }

  /**
   * The monthly license review, sent by the {@code monthly-review} maintenance job once per calendar
   * month (UTC) to these recipients; with none, it is not sent.
   */
  public static class MonthlyReview {

    /** Who receives the digest: administrators, reporters, the contract owner. */
    @NotNull
    @Valid
    private List<ExpirationAlerts.Contact> recipients = new ArrayList<>();

    /** A claim pending for longer than this many days counts as an unused license. */
    @Min(1)
    @Max(3650)
    private int unusedAfterDays = 30;

    /** A pool whose term ends within this many days is listed as ending soon. */
    @Min(1)
    @Max(3650)
    private int endingWithinDays = 60;

    public List<ExpirationAlerts.Contact> getRecipients() {
      return recipients;
    }

    public void setRecipients(List<ExpirationAlerts.Contact> recipients) {
      this.recipients = recipients;
    }

    public int getUnusedAfterDays() {
      return unusedAfterDays;
    }

    public void setUnusedAfterDays(int unusedAfterDays) {
      this.unusedAfterDays = unusedAfterDays;
    }

    public int getEndingWithinDays() {
      return endingWithinDays;
    }

    public void setEndingWithinDays(int endingWithinDays) {
      this.endingWithinDays = endingWithinDays;
    }
  }

  /** The scheduled maintenance jobs: off unless enabled. */
  public static class Maintenance {

    /**
     * Whether the jobs run on a schedule. When on, each job runs on one instance of a cluster at a
     * time, through a lock row in the database (ShedLock).
     */
    private boolean enabled = false;

    /** When due claims are expired (Spring cron expression, server time zone). */
    @NotNull
    @CronSchedule
    private String expireCron = "0 */15 * * * *";

    /** When pending-claim reminders and the claim deadline run. */
    @NotNull
    @CronSchedule
    private String followUpCron = "0 0 * * * *";

    /** When expiration alerts are sent. */
    @NotNull
    @CronSchedule
    private String expirationAlertsCron = "0 30 6 * * *";

    /** When temporary staff whose end date passed are archived. */
    @NotNull
    @CronSchedule
    private String archiveCron = "0 0 2 * * *";

    /**
     * When the monthly license review is attempted: daily by default, so a missed day still sends it;
     * it is sent once per calendar month whatever the runs and instances.
     */
    @NotNull
    @CronSchedule
    private String monthlyReviewCron = "0 0 7 * * *";

    /**
     * When the seat queues are served for what frees no seat: a pool whose term has started, a
     * completion dated later that has come. Assigning the product to anyone serves the queue
     * first too, so this bounds how long a started pool's seats wait when nobody asks.
     */
    @NotNull
    @CronSchedule
    private String serveWaitlistsCron = "0 */10 * * * *";

    /**
     * When the outbox relay redelivers notifications and events whose delivery failed or was cut
     * short; each message waits for its own backoff, so running often costs one query when none is due.
     */
    @NotNull
    @CronSchedule
    private String outboxRelayCron = "30 * * * * *";

    /**
     * When the outbox purge deletes messages kept past their retention ({@code licensekit.outbox.*}):
     * daily at 03:45 by default, in batches, so a run is short however much piled up.
     */
    @NotNull
    @CronSchedule
    private String outboxPurgeCron = "0 45 3 * * *";

    /**
     * The longest one instance holds a job's lock, should it die while running; keep it above the
     * longest run.
     */
    @NotNull
    @PositiveDuration
    private Duration lockAtMostFor = Duration.ofMinutes(30);

    /** The shortest a job's lock is held, so instances with slightly different clocks do not run it twice. */
    @NotNull
    private Duration lockAtLeastFor = Duration.ofSeconds(30);

    /** The ShedLock table; created on start when missing, unless licensekit.jdbc.migrate-on-start is false. */
    @NotNull
    @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_.]{0,62}", message = "must be a table name: letters, digits, underscores and dots")
    private String lockTable = "lk_shedlock";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getExpireCron() {
      return expireCron;
    }

    public void setExpireCron(String expireCron) {
      this.expireCron = expireCron;
    }

    public String getFollowUpCron() {
      return followUpCron;
    }

    public void setFollowUpCron(String followUpCron) {
      this.followUpCron = followUpCron;
    }

    public String getExpirationAlertsCron() {
      return expirationAlertsCron;
    }

    public void setExpirationAlertsCron(String expirationAlertsCron) {
      this.expirationAlertsCron = expirationAlertsCron;
    }

    public String getMonthlyReviewCron() {
      return monthlyReviewCron;
    }

    public void setMonthlyReviewCron(String monthlyReviewCron) {
      this.monthlyReviewCron = monthlyReviewCron;
    }

    public String getArchiveCron() {
      return archiveCron;
    }

    public void setArchiveCron(String archiveCron) {
      this.archiveCron = archiveCron;
    }

    public String getServeWaitlistsCron() {
      return serveWaitlistsCron;
    }

    public void setServeWaitlistsCron(String serveWaitlistsCron) {
      this.serveWaitlistsCron = serveWaitlistsCron;
    }

    public String getOutboxRelayCron() {
      return outboxRelayCron;
    }

    public void setOutboxRelayCron(String outboxRelayCron) {
      this.outboxRelayCron = outboxRelayCron;
    }

    public String getOutboxPurgeCron() {
      return outboxPurgeCron;
    }

    public void setOutboxPurgeCron(String outboxPurgeCron) {
      this.outboxPurgeCron = outboxPurgeCron;
    }

    public Duration getLockAtMostFor() {
      return lockAtMostFor;
    }

    public void setLockAtMostFor(Duration lockAtMostFor) {
      this.lockAtMostFor = lockAtMostFor;
    }

    public Duration getLockAtLeastFor() {
      return lockAtLeastFor;
    }

    public void setLockAtLeastFor(Duration lockAtLeastFor) {
      this.lockAtLeastFor = lockAtLeastFor;
    }

    public String getLockTable() {
      return lockTable;
    }

    public void setLockTable(String lockTable) {
      this.lockTable = lockTable;
    }

    @AssertTrue(message = "lock-at-least-for must be zero or more and not exceed lock-at-most-for")
    boolean isLockAtLeastForWithinLockAtMostFor() {
      return lockAtMostFor == null || lockAtLeastFor == null
          || (!lockAtLeastFor.isNegative() && lockAtLeastFor.compareTo(lockAtMostFor) <= 0);
    }
  }

  /**
   * How long the outbox keeps messages it is done with; the maintenance job {@code outbox-purge}
   * deletes older ones.
   */
  public static class Outbox {

    /** How long a delivered notification or event is kept after its delivery. */
    @NotNull
    @PositiveDuration
    private Duration deliveredRetention = Duration.ofDays(30);

    /**
     * How long a dead letter (and a discarded one) is kept after it was written; unset: until an
     * administrator retries or discards it, and a discarded one for good. At least the delivered
     * retention.
     */
    @PositiveDuration
    private Duration deadLetterRetention;

    public Duration getDeliveredRetention() {
      return deliveredRetention;
    }

    public void setDeliveredRetention(Duration deliveredRetention) {
      this.deliveredRetention = deliveredRetention;
    }

    public Duration getDeadLetterRetention() {
      return deadLetterRetention;
    }

    public void setDeadLetterRetention(Duration deadLetterRetention) {
      this.deadLetterRetention = deadLetterRetention;
    }

    @AssertTrue(message = "dead-letter-retention must be at least delivered-retention")
    boolean isDeadLetterRetentionAtLeastDeliveredRetention() {
      return deadLetterRetention == null || deliveredRetention == null || deadLetterRetention.compareTo(deliveredRetention) >= 0;
    }
  }

  /** The guard for host endpoints. */
  public static class Web {

    /** Whether handler methods and controllers annotated with @RequiresLicense are guarded. */
    private boolean guardEnabled = true;

    /** The tenant of every user the default (Spring Security) principal resolver returns. */
    private String defaultTenant = "";

    /**
     * The prefix of a granted authority naming the user's tenant (e.g. LICENSEKIT_TENANT_district-42),
     * read by the default principal resolver before the default tenant.
     */
    @NotNull
    private String tenantAuthorityPrefix = "LICENSEKIT_TENANT_";

    /** The admin HTTP API (module license-spring-admin-api), when it is on the classpath. */
    @Valid
    private final AdminApi adminApi = new AdminApi();

    public AdminApi getAdminApi() {
      return adminApi;
    }

    public boolean isGuardEnabled() {
      return guardEnabled;
    }

    public void setGuardEnabled(boolean guardEnabled) {
      this.guardEnabled = guardEnabled;
    }

    public String getDefaultTenant() {
      return defaultTenant;
    }

    public void setDefaultTenant(String defaultTenant) {
      this.defaultTenant = defaultTenant;
    }

    public String getTenantAuthorityPrefix() {
      return tenantAuthorityPrefix;
    }

    public void setTenantAuthorityPrefix(String tenantAuthorityPrefix) {
      this.tenantAuthorityPrefix = tenantAuthorityPrefix;
    }

    /** The admin guide's operations as JSON over HTTP, run as the actor the principal resolver returns. */
    public static class AdminApi {

      /**
       * Whether the admin HTTP API answers (module license-spring-admin-api on the classpath, in a
       * servlet web application). Off by default: turn it on only behind the host's authentication.
       */
      private boolean enabled;

      /**
       * The path every admin API route starts with: one or more segments of letters, digits and
       * . _ ~ -, each after a slash, without a trailing slash.
       */
      @NotNull
      @Pattern(regexp = "(/[A-Za-z0-9._~-]+)+", message = "must be one or more /segments of letters, digits and . _ ~ -, without a trailing /")
      private String basePath = "/licensekit/api";

      /** How many bulk runs started through the admin API run at once on this instance; more wait their turn. 1-16. */
      @Min(1)
      @Max(16)
      private int bulkThreads = 2;

      public boolean isEnabled() {
        return enabled;
      }

      public void setEnabled(boolean enabled) {
        this.enabled = enabled;
      }

      public String getBasePath() {
        return basePath;
      }

      public void setBasePath(String basePath) {
        this.basePath = basePath;
      }

      public int getBulkThreads() {
        return bulkThreads;
      }

      public void setBulkThreads(int bulkThreads) {
        this.bulkThreads = bulkThreads;
      }
    }
  }
}
