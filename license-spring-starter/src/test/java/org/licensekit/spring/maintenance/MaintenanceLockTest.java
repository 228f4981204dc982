package org.licensekit.spring.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.TenantId;
import org.licensekit.spring.LicensekitAutoConfiguration;
import org.licensekit.spring.LicensingTenants;
import org.licensekit.spring.support.EmbeddedPostgresServer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Two application contexts — two instances of a cluster — on one PostgreSQL database: a job one of
 * them runs is skipped by the other until the lock is released, and under a race no two runs of a
 * job ever overlap.
 */
class MaintenanceLockTest {

  private static final String URL = EmbeddedPostgresServer.newDatabase();
  private static final String NEVER = "0 0 0 1 1 *";

  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private static ApplicationContextRunner instance(LicensingTenants tenants) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, LicensekitAutoConfiguration.class,
            LicensekitMaintenanceAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + URL, "spring.datasource.username=postgres",
            "spring.datasource.password=postgres", "licensekit.maintenance.enabled=true",
            "licensekit.maintenance.lock-at-least-for=0s", "licensekit.maintenance.expire-cron=" + NEVER,
            "licensekit.maintenance.follow-up-cron=" + NEVER, "licensekit.maintenance.expiration-alerts-cron=" + NEVER, "licensekit.maintenance.monthly-review-cron=" + NEVER,
            "licensekit.maintenance.archive-cron=" + NEVER)
        .withBean(LicensingTenants.class, () -> tenants);
  }

  @Test
  void whileOneInstanceRunsAJobTheOtherSkipsItUntilTheLockIsReleased() {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LicensingTenants blocking = () -> {
      entered.countDown();
      await(release);
      return List.of(TenantId.of("district-42"));
    };
    instance(blocking).run(first -> instance(List::of).run(second -> {
      LicensekitMaintenance a = first.getBean(LicensekitMaintenance.class);
      LicensekitMaintenance b = second.getBean(LicensekitMaintenance.class);
      Future<MaintenanceRun> running = threads.submit(() -> a.run(MaintenanceJob.EXPIRE_DUE));
      await(entered);

      assertThat(b.run(MaintenanceJob.EXPIRE_DUE).executed()).as("the lock is held by the first instance").isFalse();
      assertThat(b.run(MaintenanceJob.FOLLOW_UP).executed()).as("another job's lock is free").isTrue();

      release.countDown();
      assertThat(running.get(30, TimeUnit.SECONDS).executed()).isTrue();
      assertThat(b.run(MaintenanceJob.EXPIRE_DUE).executed()).as("released").isTrue();
    }));
  }

  @Test
  void racingInstancesNeverRunAJobTwiceAtOnce() {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger mostInside = new AtomicInteger();
    LicensingTenants slow = () -> {
      mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inside.decrementAndGet();
      return List.of();
    };
    int rounds = 15;
    instance(slow).run(first -> instance(slow).run(second -> {
      CyclicBarrier start = new CyclicBarrier(2);
      List<Future<List<MaintenanceRun>>> racers = new ArrayList<>();
      for (LicensekitMaintenance maintenance : List.of(first.getBean(LicensekitMaintenance.class),
          second.getBean(LicensekitMaintenance.class))) {
        racers.add(threads.submit(() -> {
          List<MaintenanceRun> runs = new ArrayList<>();
          for (int round = 0; round < rounds; round++) {
            start.await(30, TimeUnit.SECONDS);
            runs.add(maintenance.run(MaintenanceJob.EXPIRE_DUE));
          }
          return runs;
        }));
      }
      List<MaintenanceRun> runs = new ArrayList<>();
      for (Future<List<MaintenanceRun>> racer : racers) {
        runs.addAll(racer.get(60, TimeUnit.SECONDS));
      }

      assertThat(mostInside.get()).as("runs of one job never overlap").isEqualTo(1);
      assertThat(runs).hasSize(2 * rounds);
      assertThat(runs.stream().filter(MaintenanceRun::executed).count()).as("every round, one instance ran it")
          .isGreaterThanOrEqualTo(rounds);
      assertThat(runs.stream().filter(r -> !r.executed()).count()).as("and the other mostly skipped").isPositive();
    }));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
