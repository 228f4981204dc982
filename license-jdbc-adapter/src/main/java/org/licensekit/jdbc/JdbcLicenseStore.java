package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.StoreException;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.spi.ChangeSignals;
import org.licensekit.core.spi.ComposedLicenseStore;
import org.licensekit.core.spi.StoreParts;

/**
 * LicenseKit's store on a JDBC {@link DataSource}: H2 (embedded) or PostgreSQL, detected from the
 * connection's metadata. Each command runs on one connection, committed or rolled back whole; the
 * seat rule and the one-live-claim rule are enforced by the database, so any number of JVMs may
 * share it.
 *
 * <pre>{@code
 * LicenseStore store = JdbcLicenseStore.builder(dataSource)
 *     .tablePrefix("lk_")      // the default
 *     .schema("licensing")     // optional; default: the connection's current schema
 *     .build();                // migrates the tables with Flyway unless .migrate(false)
 * }</pre>
 *
 * <p>On PostgreSQL, set the driver property {@code reWriteBatchedInserts=true} on the data source so
 * batched writes (audit entries) travel as multi-row inserts. A bulk chunk's new claims, accounts
 * and invitations are written with {@code COPY}, its memberships and role rows with one
 * {@code INSERT … SELECT FROM unnest(…)} each; where {@code COPY} is refused (row-level security
 * binding the store's role) those rows take the same one-statement {@code INSERT}.
 *
 * <p><b>Lock order.</b> Every command takes its row locks in one global order, so two commands
 * wait for each other at most one way round:
 * <ol>
 *   <li>user accounts ({@code SELECT … FOR UPDATE}; several at once in id order): the accounts a
 *       command names, and before any pool row is touched, the accounts of the waiting users the
 *       seats it frees or adds would go to (the waitlist serves them in the same transaction,
 *       passing over those who keep their place), and for a command that holds its own user and
 *       frees that user's seats (a status change, a removal from an organization, a role revoked)
 *       those accounts together with its user's, first; a one-transaction bulk run holds every selected
 *       account, page by page in id order, before its first page touches a pool; moving an
 *       organization under another parent holds the accounts of its subtree's members (on H2
 *       every account of the tenant). Role rows are written only by commands holding their user's
 *       account, and on PostgreSQL a membership's delete holds its member's account first (a trigger,
 *       schema version 33, so a host's own SQL does too): that, not a lock per role row, keeps a
 *       role row from outliving its membership. A command that
 *       holds an account and then serves a queue (a role grant or an assignment finding a free seat
 *       while users wait) locks the waiting users after its own as they come, and those before it
 *       with {@code NOWAIT} ({@code tryLockUsers}): when one is held elsewhere, the attempt ends
 *       with a conflict and runs again holding all of them first, in id order;
 *   <li>organization rows, on PostgreSQL: {@code FOR KEY SHARE} by a write adding a member or a
 *       child to one (after the accounts it holds), {@code FOR UPDATE} of a moving organization's
 *       subtree, in id order, after its members' accounts; a user who joined meanwhile is then
 *       taken with {@code NOWAIT}, and when held elsewhere the move runs again (a command adding a
 *       member holds the settings row {@code FOR SHARE} before its organization, a move after; both
 *       share it, and a settings change takes it only once it holds every account);
 *   <li>the tenant's settings row ({@code FOR SHARE} with an account, {@code FOR UPDATE} by a
 *       settings change, which first holds every account);
 *   <li>pool rows, in id order when several ({@code SELECT … FOR UPDATE} of a product's pools by
 *       the waitlist and by a seat move to another pool, before it takes or gives a seat; every
 *       seat take or release updates the row);
 *   <li>claim rows (compare-and-set updates; their statement triggers then update the pool's claim
 *       counters, a row the command holds already or takes next);
 *   <li>the tenant's audit chain head, when the audit entries are appended just before commit.
 * </ol>
 * A deadlock the database still breaks (a waiting user the first lock did not foresee, because the
 * queue changed before the pools were locked) fails one of
 * the two transactions; that command is re-run whole, a bounded number of
 * times, with a WARN log line: a safety net, not the way commands pass each other.
 *
 * <p>On PostgreSQL, concurrent single assignments of one product are combined by default: up to
 * {@value #COMBINED_ASSIGNMENTS_ON_POSTGRESQL} of them run in one transaction — the plain ones decided
 * together with a few statements for all, the others each behind its own savepoint — with one audit
 * append and one commit ({@code Licensing.Builder#combinedAssignments}
 * changes the bound; 1 turns it off). H2 runs each in a transaction of its own.
 *
 * <p>On PostgreSQL a best-effort bulk run's next chunk begins, on a second connection, while the one
 * before it commits ({@link Builder#overlapBulkChunks}; bulk onboarding only with
 * {@link Builder#overlapBulkRegistrations}): it holds only its own users' accounts, the
 * settings row {@code FOR SHARE} and its users' role rows until the earlier chunk has committed,
 * and takes no pool row, claim or audit chain head before, so the order above holds for both.
 */
public final class JdbcLicenseStore extends ComposedLicenseStore {

  /** How many concurrent single assignments of one product share a transaction on PostgreSQL unless the host says otherwise. */
  public static final int COMBINED_ASSIGNMENTS_ON_POSTGRESQL = 16;

  private final ChangeSignals changeSignals;
  private final BulkInsert bulkInsert;

  private JdbcLicenseStore(Sql sql, JdbcTransactions transactions, Dialect dialect, Tables tables, TenantSettings defaultSettings,
      ChangeSignals changeSignals, boolean rowLevelSecurity) {
    super(rowLevelSecurity ? TenantBinding.bind(parts(sql, transactions, dialect, tables, defaultSettings), transactions)
        : parts(sql, transactions, dialect, tables, defaultSettings));
    this.changeSignals = changeSignals;
    this.bulkInsert = sql.bulk();
  }

  /** How this store writes a bulk chunk's rows (whether {@code COPY} was taken or refused), for tests. */
  BulkInsert bulkInsert() {
    return bulkInsert;
  }

  /**
   * How this store tells other instances on the same database what changed: nothing unless built
   * with {@link Builder#changeSignals(ChangeSignalMode)}. A {@code CachingLicenseStore} wrapping
   * this store sends and listens through it.
   */
  @Override
  public ChangeSignals changeSignals() {
    return changeSignals;
  }

  private static StoreParts parts(Sql sql, JdbcTransactions transactions, Dialect dialect, Tables tables,
      TenantSettings defaultSettings) {
    JdbcSettingsStore settings = new JdbcSettingsStore(sql, tables, defaultSettings);
    return StoreParts.builder()
        .transactions(transactions)
        .catalog(new JdbcCatalogStore(sql, tables))
        .directory(new JdbcDirectoryStore(sql, tables, settings))
        .pools(new JdbcPoolStore(sql, tables))
        .claims(new JdbcClaimStore(sql, tables))
        .training(new JdbcTrainingStore(sql, tables))
        .waitlist(new JdbcWaitlistStore(sql, tables))
        .audit(new JdbcAuditStore(sql, tables))
        .settings(settings)
        .userQueries(new JdbcUserQueryStore(sql, tables))
        .claimQueries(new JdbcClaimQueryStore(sql, tables, dialect))
        .idempotency(new JdbcIdempotencyStore(sql, tables))
        .notificationLog(new JdbcNotificationLogStore(sql, tables))
        .outbox(new JdbcOutboxStore(sql, tables))
        .reports(new JdbcReportStore(sql, tables, dialect, transactions))
        .usage(new JdbcUsageStore(sql, tables, dialect, transactions))
        .reconciliation(new JdbcReconciliationStore(sql, tables, dialect))
        .personalData(new JdbcPersonalDataStore(sql, tables))
        .build();
  }

  /** A builder for a store on {@code dataSource}. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** A store on {@code dataSource} with the defaults: prefix {@code lk_}, current schema, migrated. */
  public static JdbcLicenseStore create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /** Configures a {@link JdbcLicenseStore}. Every setting has a default. */
  public static final class Builder {

    /** The table prefix when none is set. */
    public static final String DEFAULT_TABLE_PREFIX = "lk_";

    /** How often a command is re-run after a serialization failure or deadlock, when not set. */
    public static final int DEFAULT_MAX_RETRIES = 5;

    /** How often a listening instance reads the change log, when not set: every 500 ms. */
    public static final Duration DEFAULT_CHANGE_POLL_INTERVAL = Duration.ofMillis(500);

    private final DataSource dataSource;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private Optional<String> schema = Optional.empty();
    private boolean migrate = true;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private HostTransaction hostTransaction = HostTransaction.none();
    private TenantSettings defaultSettings = TenantSettings.defaults();
    private ChangeSignalMode changeSignalMode = ChangeSignalMode.NONE;
    private Duration changePollInterval = DEFAULT_CHANGE_POLL_INTERVAL;
    private boolean rowLevelSecurity;
    private boolean bulkCopy = true;
    private boolean overlapBulkChunks = true;
    private boolean overlapBulkRegistrations;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * The prefix of every table name, {@code lk_} by default: letters, digits and underscores, not
     * starting with a digit, at most 30 characters.
     */
    public Builder tablePrefix(String tablePrefix) {
      this.tablePrefix = Tables.checkPrefix(tablePrefix);
      return this;
    }

    /**
     * The schema holding the tables (created by the migration when missing). Unset, the tables live in
     * the connection's current schema. Letters, digits and underscores, not starting with a digit.
     */
    public Builder schema(String schema) {
      this.schema = Optional.of(Tables.checkSchema(schema));
      return this;
    }

    /**
     * Whether {@link #build()} brings the tables up to date with Flyway (the default). Turn it off when
     * the host runs the migration scripts with its own tooling; see the module's README.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * How many times a command is re-run after a serialization failure, deadlock or lock timeout
     * before it fails with a {@link StoreException} (code {@code STORE_RETRIES_EXHAUSTED}); 0 to 100,
     * default {@value #DEFAULT_MAX_RETRIES}.
     */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 100) {
        throw InvalidInputException.of("maxRetries", "must be between 0 and 100 (was " + maxRetries + ")");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * A transaction the host may have open when a command starts, which the command then joins
     * behind a savepoint instead of opening its own; see {@link HostTransaction}. Default:
     * {@link HostTransaction#none()}. The Spring Boot starter sets one on Spring's transactions.
     */
    public Builder hostTransaction(HostTransaction hostTransaction) {
      this.hostTransaction = Objects.requireNonNull(hostTransaction, "hostTransaction");
      return this;
    }

    /**
     * The settings of every tenant that has not saved its own (default: {@link TenantSettings#defaults()}).
     * A tenant's saved settings always win; this only changes what an unconfigured tenant gets.
     */
    public Builder defaultSettings(TenantSettings defaultSettings) {
      this.defaultSettings = Objects.requireNonNull(defaultSettings, "defaultSettings");
      return this;
    }

    /**
     * Whether and how the store tells other instances on the same database what changed, so their
     * {@code CachingLicenseStore}s forget it at once rather than after their staleness bound:
     * {@link ChangeSignalMode#NONE} (the default), {@link ChangeSignalMode#DATABASE} (PostgreSQL's
     * {@code LISTEN/NOTIFY}, the change log on H2) or {@link ChangeSignalMode#CHANGE_LOG}. Every
     * instance sharing the database should use the same mode. Signals cost one statement at the end
     * of each writing transaction; a listening instance holds one connection (PostgreSQL) or polls
     * every {@link #changePollInterval(Duration)}.
     */
    public Builder changeSignals(ChangeSignalMode mode) {
      this.changeSignalMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * How often a listening instance polls the change log (default 500 ms), and how long the
     * PostgreSQL listener waits for a notification before it checks whether it was closed: the
     * delay after which another instance's committed change is seen here. 10 ms to 1 minute.
     */
    public Builder changePollInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(Duration.ofMillis(10)) < 0 || interval.compareTo(Duration.ofMinutes(1)) > 0) {
        throw InvalidInputException.of("changePollInterval", "must be between 10 ms and 1 minute (was " + interval + ")");
      }
      this.changePollInterval = interval;
      return this;
    }

    /**
     * Whether the database itself keeps tenants apart (PostgreSQL only; default off): {@link #build()}
     * turns on row-level security on every LicenseKit table holding tenant data, with a policy that
     * lets a statement see and write only the rows of the tenant in the session setting
     * {@code licensekit.tenant_id}, and the store sets it — {@code set_config(…, true)} — before
     * every statement to the tenant the call works for. A statement that forgot its
     * {@code tenant_id} predicate then reads the calling tenant's rows only, never another's.
     *
     * <p>PostgreSQL applies the policies to every role except the tables' owner, superusers and
     * roles with {@code BYPASSRLS}: connect as a role that is none of these (run the migrations as
     * the owner, with {@code migrate(false)} here, or let this store migrate with the owner's data
     * source and build a second store for the application's role). Once on, it is on for every
     * instance sharing the tables, so build them all with this option. Cost: one more round trip
     * per statement.
     */
    public Builder rowLevelSecurity(boolean rowLevelSecurity) {
      this.rowLevelSecurity = rowLevelSecurity;
      return this;
    }

    /**
     * Whether a best-effort bulk run on PostgreSQL may begin its next chunk, on a second thread and
     * connection, while the previous chunk commits (on by default; H2 runs its chunks one after the
     * other either way; bulk onboarding only with {@link #overlapBulkRegistrations} on as well). The outcomes are those of the chunks run one after the other; a run then
     * holds up to three connections at once (two chunks and the calling thread's reads), so turn it
     * off for a data source that has fewer to give.
     */
    public Builder overlapBulkChunks(boolean overlapBulkChunks) {
      this.overlapBulkChunks = overlapBulkChunks;
      return this;
    }

    /**
     * Whether a best-effort bulk onboarding run's chunks overlap as well, as
     * {@link #overlapBulkChunks} describes (off by default; only with {@code overlapBulkChunks} on,
     * and on PostgreSQL). Bulk actions on existing users overlap whenever {@code overlapBulkChunks}
     * allows it; onboarding does not unless this says so, because measured on an idle two-core
     * machine its overlapped chunks were slower than one after the other (215 against 181 µs per
     * user; the grant: 71 against 104): a registration chunk checks, decides and writes its new
     * accounts, memberships and role rows before its turn and leaves only its claims after it, so
     * the overlap can only hide the chunk before's audit entries and commit behind that work. Turn
     * it on where a benchmark on the host's own database shows it pays.
     */
    public Builder overlapBulkRegistrations(boolean overlapBulkRegistrations) {
      this.overlapBulkRegistrations = overlapBulkRegistrations;
      return this;
    }

    /**
     * Whether bulk chunks may write their new claims and accounts with {@code COPY} on PostgreSQL
     * (on by default; off, they take the one-statement {@code INSERT} that is also the fallback
     * where {@code COPY} is refused). For tests that compare the two paths.
     */
    Builder bulkCopy(boolean bulkCopy) {
      this.bulkCopy = bulkCopy;
      return this;
    }

    /**
     * Detects the database, migrates the tables unless told not to, turns on row-level security when
     * asked to, and returns the store.
     *
     * @throws StoreException when the database cannot be reached, is neither H2 nor PostgreSQL, or
     *     the migration fails
     * @throws InvalidInputException ({@code rowLevelSecurity}) when row-level security is asked of
     *     a database other than PostgreSQL
     */
    public JdbcLicenseStore build() {
      Tables tables = new Tables(tablePrefix, schema);
      Dialect dialect = detect();
      if (rowLevelSecurity && dialect != Dialect.POSTGRESQL) {
        throw InvalidInputException.of("rowLevelSecurity", "needs PostgreSQL; " + dialect + " has no row-level security");
      }
      if (migrate) {
        Migrations.migrate(dataSource, dialect, tables);
      }
      if (rowLevelSecurity) {
        RowLevelSecurity.enable(dataSource, tables);
      }
      JdbcTransactions transactions = new JdbcTransactions(dataSource, maxRetries, hostTransaction, rowLevelSecurity,
          dialect == Dialect.POSTGRESQL ? COMBINED_ASSIGNMENTS_ON_POSTGRESQL : 1, dialect == Dialect.POSTGRESQL && overlapBulkChunks,
          overlapBulkRegistrations);
      return new JdbcLicenseStore(new Sql(transactions, dialect, bulkCopy), transactions, dialect, tables, defaultSettings,
          signals(transactions, dialect, tables), rowLevelSecurity);
    }

    private ChangeSignals signals(JdbcTransactions transactions, Dialect dialect, Tables tables) {
      return switch (changeSignalMode) {
        case NONE -> ChangeSignals.none();
        case DATABASE -> dialect == Dialect.POSTGRESQL
            ? new PostgresChangeSignals(dataSource, transactions, tables, changePollInterval)
            : new ChangeLogSignals(new Sql(transactions, dialect), tables, changePollInterval);
        case CHANGE_LOG -> new ChangeLogSignals(new Sql(transactions, dialect), tables, changePollInterval);
      };
    }

    private Dialect detect() {
      try (Connection connection = dataSource.getConnection()) {
        return Dialect.of(connection);
      } catch (SQLException e) {
        throw new StoreException(ErrorCode.STORE_UNAVAILABLE, "Could not open a database connection to detect its dialect ("
            + SqlFailure.describe(e) + ")", e);
      }
    }
  }
}
