package org.licensekit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ClaimStatus;
import org.licensekit.core.domain.LicenseClaim;
import org.licensekit.core.domain.PoolId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.memory.InMemoryLicenseStore;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Heap held by 1,000,000 claims in the in-memory store: one operation fills a new store with
 * 250,000 users × 4 products' claims through the claim store port (10% pending, 30% active, the rest
 * ended, the shape of {@link ReportBenchmark}'s data), then measures the heap in use after a full
 * collection, minus the same measure before the store existed ({@code retainedMb}, a secondary
 * result, the last operation's). The time is that of filling the store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-XX:+UseParallelGC"})
public class InMemoryClaimsHeapBenchmark {

  private static final int USERS = 250_000;
  private static final int PRODUCTS = 8;
  private static final TenantId TENANT = TenantId.of("bench");
  private static final Actor ADMIN = Actor.systemAdministrator("admin");

  /** The heap the last filled store held. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Retained {
    public double retainedMb;

    @Setup(Level.Iteration)
    public void clear() {
      retainedMb = 0;
    }
  }

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

  @Benchmark
  public InMemoryLicenseStore fillOneMillionClaims(Retained retained) {
    long before = usedAfterCollection();
    InMemoryLicenseStore store = InMemoryLicenseStore.create();
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < USERS; i++) {
      UserId user = UserId.of("user-" + i);
      for (int j = 0; j < 4; j++) {
        int k = (i + 2 * j) % PRODUCTS;
        int shape = (7 * i + 13 * j) % 20;
        ClaimStatus status = shape < 2 ? ClaimStatus.PENDING : shape < 8 ? ClaimStatus.ACTIVE
            : shape < 17 ? ClaimStatus.EXPIRED : ClaimStatus.REVOKED;
        Instant assigned = start.plusSeconds((i * 7919L + j * 104729L) % 31_536_000L);
        var claim = LicenseClaim.builder().id(ClaimId.of("claim-" + (i * 4 + j))).user(user)
            .product(ProductId.of("product-" + k)).pool(PoolId.of("pool-" + k)).status(status).direct(false)
            .assignedAt(assigned).assignedBy(ADMIN);
        if (status != ClaimStatus.PENDING) {
          claim.claimedAt(assigned.plusSeconds(3_600)).expiresAt(assigned.plusSeconds(31_536_000L));
        }
        if (status == ClaimStatus.EXPIRED || status == ClaimStatus.REVOKED) {
          claim.endedAt(assigned.plusSeconds(864_000)).endedBy(ADMIN);
        }
        store.claims().insertIfNoLiveClaim(TENANT, claim.build());
      }
    }
    retained.retainedMb = (usedAfterCollection() - before) / (1024.0 * 1024.0);
    return store;
  }

  private long usedAfterCollection() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
