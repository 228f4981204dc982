package org.licensekit.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.licensekit.core.Licensing;

/**
 * One invocation's writes for {@link BulkWriteFloorBenchmark}: per writer a target tenant, its pool
 * and its pre-computed chunks. One writer writes on the calling thread; more write at once, each on
 * its own thread and connection, into their own tenants (so they share no row and no lock).
 */
final class FloorRun {

  private final DataSource dataSource;
  private final List<Target> targets;

  private FloorRun(DataSource dataSource, List<Target> targets) {
    this.dataSource = dataSource;
    this.targets = targets;
  }

  /**
   * Prepares {@code tenants.size()} writers: tenant {@code w} set up by {@code path} for
   * {@code users} users, and given chunks {@code w}, {@code w + writers}, … of the template's run.
   */
  static FloorRun prepare(BenchmarkPostgres database, Licensing licensing, FloorTemplate template,
      FloorPath path, String rows, boolean keysOnly, List<String> tenants, int users, int chunkSize) throws SQLException {
    List<Target> targets = new ArrayList<>();
    for (int writer = 0; writer < tenants.size(); writer++) {
      String tenant = tenants.get(writer);
      path.prepare(database, licensing, tenant, users, chunkSize); // the tenant only: its real run is not run
      targets.add(new Target(tenant, FloorTemplate.pool(database, tenant),
          template.chunks(path.tables(rows), tenant, keysOnly, users / chunkSize, tenants.size(), writer)));
    }
    return new FloorRun(database.dataSource(), List.copyOf(targets));
  }

  /** The tenants written into, one per writer. */
  List<String> tenants() {
    return targets.stream().map(Target::tenant).toList();
  }

  /** Writes every writer's chunks, the writers at once, and returns when all are written. */
  void write() throws SQLException, InterruptedException {
    if (targets.size() == 1) {
      targets.get(0).write(dataSource);
      return;
    }
    AtomicReference<Exception> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (Target target : targets) {
      Thread thread = new Thread(() -> {
        try {
          target.write(dataSource);
        } catch (SQLException | RuntimeException e) {
          failure.compareAndSet(null, e);
        }
      }, "floor-writer-" + target.tenant());
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a writer failed", failure.get());
    }
  }

  private record Target(String tenant, String pool, List<FloorChunk> chunks) {

    void write(DataSource dataSource) throws SQLException {
      try (Connection connection = dataSource.getConnection()) {
        FloorWriter.write(connection, tenant, pool, chunks);
      }
    }
  }
}
