package org.licensekit.testkit.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Runs tasks on real threads released together by a start gate, so they hit the store at the same
 * moment, and collects each task's result or exception.
 */
final class Race {

  private static final long TIMEOUT_SECONDS = 60;

  private Race() {}

  /** What one racer ended with: a result, or the exception it threw. */
  record Outcome<T>(int racer, T result, Throwable error) {
    boolean failed() {
      return error != null;
    }
  }

  /** Starts {@code racers} threads, each running {@code task.apply(index)} once the gate opens. */
  static <T> List<Outcome<T>> run(int racers, IntFunction<Callable<T>> task) throws InterruptedException {
    ExecutorService threads = Executors.newFixedThreadPool(racers);
    try {
      CountDownLatch ready = new CountDownLatch(racers);
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        Callable<T> work = task.apply(i);
        futures.add(threads.submit(() -> {
          ready.countDown();
          start.await();
          return work.call();
        }));
      }
      if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("racers did not get ready within " + TIMEOUT_SECONDS + " s");
      }
      start.countDown();
      List<Outcome<T>> outcomes = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        outcomes.add(outcome(i, futures.get(i)));
      }
      return outcomes;
    } finally {
      threads.shutdownNow();
    }
  }

  private static <T> Outcome<T> outcome(int racer, Future<T> future) throws InterruptedException {
    try {
      return new Outcome<>(racer, future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), null);
    } catch (ExecutionException e) {
      return new Outcome<>(racer, null, e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("racer " + racer + " did not finish within " + TIMEOUT_SECONDS + " s (deadlock?)", e);
    }
  }
}
