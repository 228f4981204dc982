package org.licensekit.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntToLongFunction;

/**
 * A run of warm access checks on {@link AccessCheckPeerBenchmark}'s LicenseKit setup (the cached
 * in-memory store, every check warm): {@link #applyAsLong} runs that many checks of random users
 * and returns the calling thread's CPU nanoseconds they took. Built through its class name by
 * {@link WarmCheckAlternation}, once per build under comparison, each in its own class loader; its
 * type is a JDK interface so that both builds' loops are called the same way.
 */
public final class WarmCheckLoop implements IntToLongFunction {

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final AccessCheckPeerBenchmark benchmark = new AccessCheckPeerBenchmark();
  private final AccessCheckPeerBenchmark.CpuTime cpu = new AccessCheckPeerBenchmark.CpuTime();
  /** Checks allowed, returned nowhere but read, so that no check can be left out. */
  private long allowed;

  /**
   * Sets up {@code users} users, each checked once.
   *
   * @param users how many users
   */
  public WarmCheckLoop(int users) {
    benchmark.checker = "licensekit";
    benchmark.users = users;
    benchmark.staleness = "PT1H";
    benchmark.setUp();
  }

  /**
   * Runs {@code checks} warm checks.
   *
   * @param checks how many
   * @return the CPU nanoseconds the calling thread spent on them
   * @throws IllegalStateException when a check is denied (every user holds the product)
   */
  @Override
  public long applyAsLong(int checks) {
    long start = threads.getCurrentThreadCpuTime();
    long before = allowed;
    for (int i = 0; i < checks; i++) {
      if (benchmark.check(cpu)) {
        allowed++;
      }
    }
    long spent = threads.getCurrentThreadCpuTime() - start;
    if (allowed - before != checks) {
      throw new IllegalStateException("a check was denied");
    }
    return spent;
  }
}
