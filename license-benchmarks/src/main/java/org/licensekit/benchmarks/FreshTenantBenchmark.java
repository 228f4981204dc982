package org.licensekit.benchmarks;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.licensekit.core.Licensing;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.spi.EventPublisher;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the bulk benchmarks and their loop peers share: one embedded PostgreSQL and one
 * {@link Licensing} per trial, and a fresh tenant of type {@code T} per invocation, so every
 * invocation starts from the same data. Each invocation's {@link InvocationProfile} (CPU per user,
 * database time per statement) is written under {@code target/invocation-profiles/}.
 *
 * @param <T> the tenant the benchmark works on
 */
@State(Scope.Benchmark)
public abstract class FreshTenantBenchmark<T> {

  /** The chunk size of every bulk run the benchmarks time. */
  protected static final int CHUNK_SIZE = 1_000;

  private final AtomicInteger tenants = new AtomicInteger();
  private BenchmarkPostgres database;
  private Licensing licensing;
  private InvocationProfile profile;
  /** The invocation's fresh tenant. */
  protected T tenant;

  /** Starts the trial's database (four connections) and {@link Licensing}. */
  @Setup(Level.Trial)
  public void start() {
    database = BenchmarkPostgres.fresh(4, serverSettings());
    licensing = Licensing.builder().store(ChunkMarkingStore.wrap(overlapsChunks() ? database.storeOverlappingRegistrations() : database.storeWithoutOverlap(),
        this::chunkStarted)).events(events()).build();
  }

  /**
   * The event publisher of the trial's {@link Licensing}: none by default (no event is kept in the
   * outbox), a publisher that takes each event and drops it when {@link #publishesEvents()}, so
   * the run writes its events to the outbox and delivers them.
   */
  private EventPublisher events() {
    return publishesEvents() ? (LicenseEvent event) -> { } : EventPublisher.none();
  }

  /**
   * Whether best-effort chunks overlap, bulk onboarding's included (the store's default on
   * PostgreSQL overlaps only bulk actions' chunks); a benchmark with an {@code overlap} parameter
   * says, so that both ways run back to back at the same load.
   */
  protected boolean overlapsChunks() {
    return true;
  }

  /** Server settings on top of the benchmarks' own (none unless a benchmark's parameter says). */
  protected java.util.Map<String, String> serverSettings() {
    return java.util.Map.of();
  }

  /** Whether the host publishes events (so the run writes them to the outbox); false unless a benchmark says. */
  protected boolean publishesEvents() {
    return false;
  }

  /** Stops the trial's database. */
  @TearDown(Level.Trial)
  public void stop() {
    database.close();
  }

  /** Sets up the invocation's tenant, numbered after the ones before it, and starts its profile. */
  @Setup(Level.Invocation)
  public void freshTenant() throws SQLException {
    tenant = createTenant(database, licensing, tenants.incrementAndGet());
    profile = new InvocationProfile(database, profileName(), users(), users() / CHUNK_SIZE);
    profile.start();
  }

  /** Writes the invocation's profile (CPU per user, database time per statement). */
  @TearDown(Level.Invocation)
  public void writeProfile() {
    profile.finish();
  }

  private void chunkStarted() {
    InvocationProfile current = profile;
    if (current != null) {
      current.chunkStarted();
    }
  }

  /** The users one invocation works on. */
  protected abstract int users();

  /** The name of the invocation's profile file: the benchmark and its parameters. */
  protected String profileName() {
    return getClass().getSimpleName().replaceAll("_jmhType.*", "");
  }

  /** Creates tenant number {@code number} of the trial in {@code database}. */
  protected abstract T createTenant(BenchmarkPostgres database, Licensing licensing, int number) throws SQLException;
}
