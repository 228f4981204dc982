package org.licensekit.examples.lms;

import static org.licensekit.examples.lms.DemoUsers.COACHING;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.licensekit.core.ActorSession;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * The seeded usage history: launches (and coaching progress) after each claim, in engagement bands
 * as the Usage page counts them. Usage is kept per user, product and day, so one day's launches by
 * different users commute: the replay goes day by day, on a few threads, each user's in order.
 */
final class UsageHistory {

  private static final int THREADS = 4;

  private final ActorSession admin;
  private final DemoClock clock;
  private final Instant now;
  private final Random random;
  private final TreeMap<LocalDate, Map<String, List<Runnable>>> days = new TreeMap<>();

  UsageHistory(ActorSession admin, DemoClock clock, Instant now, Random random) {
    this.admin = admin;
    this.clock = clock;
    this.now = now;
    this.random = random;
  }

  /** Plans the launches of a claim activated at {@code claimed}. */
  synchronized void plan(UserId user, ProductId product, Instant claimed) {
    long spanHours = Duration.between(claimed, now).toHours();
    if (spanHours < 24) {
      return;
    }
    int band = random.nextInt(100);
    // High engagement is 12 or more launches in the period, medium 4 or more.
    int launches = band < 12 ? 12 + random.nextInt(3) : band < 45 ? 4 + random.nextInt(3) : band < 80 ? 1 + random.nextInt(2) : 0;
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < launches; i++) {
      times.add(claimed.plus(Duration.ofHours(1 + (long) (random.nextDouble() * (spanHours - 1)))));
    }
    times.sort(null);
    int finalProgress = product.equals(COACHING) ? (random.nextInt(100) < 35 ? 100 : random.nextInt(95)) : 0;
    int progress = 0;
    for (int i = 0; i < times.size(); i++) {
      int step = product.equals(COACHING) ? finalProgress * (i + 1) / times.size() : 0;
      boolean reportProgress = step > progress && (i == times.size() - 1 || i % 4 == 3);
      if (reportProgress) {
        progress = step;
      }
      int percent = step;
      days.computeIfAbsent(LocalDate.ofInstant(times.get(i), ZoneOffset.UTC), d -> new LinkedHashMap<>())
          .computeIfAbsent(user.value() + "\n" + product.value(), k -> new ArrayList<>())
          .add(() -> {
            admin.usage().recordLaunch(user, product);
            if (reportProgress) {
              admin.usage().recordProgress(user, product, percent);
            }
          });
    }
  }

  /**
   * Records every planned launch, day by day.
   *
   * @return how many days had usage
   */
  synchronized int replay() {
    ExecutorService threads = Executors.newFixedThreadPool(THREADS);
    try {
      for (Map.Entry<LocalDate, Map<String, List<Runnable>>> day : days.entrySet()) {
        clock.travelTo(day.getKey().atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(9)));
        List<Future<?>> running = new ArrayList<>();
        for (List<Runnable> launches : day.getValue().values()) {
          running.add(threads.submit(() -> launches.forEach(Runnable::run)));
        }
        for (Future<?> launch : running) {
          launch.get();
        }
      }
      return days.size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while seeding usage", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("seeding usage failed", e.getCause());
    } finally {
      threads.shutdownNow();
    }
  }
}
