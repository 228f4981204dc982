package org.licensekit.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Hands out the pool's connections, counting how many are out at once, and on demand slows every
 * commit down or fails one chosen commit the way a serialization failure does (SQLSTATE 40001,
 * before the commit reaches the database), so that the store runs that transaction again.
 */
final class CommitHooks extends ForwardingDataSource {
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger most = new AtomicInteger();
  private volatile boolean slow;
  private final AtomicInteger commitsUntilFailure = new AtomicInteger(-1);
  private volatile String failingStatement = "";
  private final AtomicInteger statementsUntilFailure = new AtomicInteger(-1);
  private volatile String hookedStatement = "";
  private final AtomicInteger statementsUntilHook = new AtomicInteger(-1);
  private volatile Runnable hook = () -> {};
  /** While {@link #countPrepared} runs: how many statements starting with each of its texts were prepared. */
  private volatile Map<String, AtomicInteger> counted = Map.of();

  CommitHooks(DataSource target) {
    super(target);
  }

  /** Runs {@code work} with every commit 30 ms late; returns the most connections out at once meanwhile. */
  synchronized int slowCommits(Runnable work) {
    most.set(open.get());
    slow = true;
    try {
      work.run();
    } finally {
      slow = false;
    }
    return most.get();
  }

  /** Runs {@code work} with its {@code n}th commit failed as a serialization failure. */
  synchronized <T> T failOneCommit(int n, java.util.function.Supplier<T> work) {
    commitsUntilFailure.set(n);
    try {
      return work.get();
    } finally {
      commitsUntilFailure.set(-1);
    }
  }

  /** Runs {@code work} with the {@code n}th statement prepared whose text starts with {@code statement} failed (not retried). */
  synchronized void failOneStatement(String statement, int n, Runnable work) {
    failingStatement = statement;
    statementsUntilFailure.set(n);
    try {
      work.run();
    } finally {
      statementsUntilFailure.set(-1);
    }
  }

  /**
   * Runs {@code work}; when the {@code n}th statement whose text starts with {@code statement} is
   * prepared, first runs {@code action} on another thread (no transaction of the run's thread is
   * open there) and waits up to 30 s for it, never failing the statement. Fails when the statement
   * was never prepared or {@code action} failed or did not end in time (a lock the run holds).
   */
  synchronized void whenPrepared(String statement, int n, Runnable action, Runnable work) {
    java.util.concurrent.atomic.AtomicReference<Throwable> actionFailure = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
    hookedStatement = statement;
    hook = () -> {
      ran.set(true);
      try {
        java.util.concurrent.CompletableFuture.runAsync(action).get(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        actionFailure.set(e.getCause());
      } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
        actionFailure.set(e);
      }
    };
    statementsUntilHook.set(n);
    RuntimeException failed = null;
    try {
      work.run();
    } catch (RuntimeException e) {
      failed = e;
    } finally {
      statementsUntilHook.set(-1);
      hook = () -> {};
    }
    if (!ran.get()) {
      throw new AssertionError("statement " + n + " starting with " + statement + " was never prepared", failed);
    }
    if (actionFailure.get() != null) {
      throw new AssertionError("the action run when statement " + n + " was prepared failed or was held up", actionFailure.get());
    }
    if (failed != null) {
      throw failed;
    }
  }

  /**
   * Runs {@code work}; returns how many statements it prepared (on any thread) whose text starts
   * with each of {@code statements}.
   */
  synchronized Map<String, Integer> countPrepared(List<String> statements, Runnable work) {
    Map<String, AtomicInteger> counters = new LinkedHashMap<>();
    statements.forEach(statement -> counters.put(statement, new AtomicInteger()));
    counted = counters;
    try {
      work.run();
    } finally {
      counted = Map.of();
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    counters.forEach((statement, counter) -> counts.put(statement, counter.get()));
    return counts;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection real = target.getConnection();
    most.accumulateAndGet(open.incrementAndGet(), Math::max);
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("commit")) {
            if (commitsUntilFailure.get() > 0 && commitsUntilFailure.decrementAndGet() == 0) {
              throw new SQLException("could not serialize access (injected before the commit)", "40001");
            }
            if (slow) {
              Thread.sleep(30);
            }
          }
          if (method.getName().equals("close")) {
            open.decrementAndGet();
          }
          if (method.getName().equals("prepareStatement") && args[0] instanceof String text && text.startsWith(failingStatement)
              && statementsUntilFailure.get() > 0 && statementsUntilFailure.decrementAndGet() == 0) {
            throw new SQLException("disk full (injected in the middle of the run)", "53100");
          }
          if (method.getName().equals("prepareStatement") && args[0] instanceof String text) {
            counted.forEach((statement, counter) -> {
              if (text.startsWith(statement)) {
                counter.incrementAndGet();
              }
            });
          }
          if (method.getName().equals("prepareStatement") && args[0] instanceof String text && text.startsWith(hookedStatement)
              && statementsUntilHook.get() > 0 && statementsUntilHook.decrementAndGet() == 0) {
            hook.run();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
