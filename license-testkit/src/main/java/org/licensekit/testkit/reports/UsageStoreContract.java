package org.licensekit.testkit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.report.UsageDay;
import org.licensekit.testkit.fixtures.Fixtures;
import org.licensekit.testkit.store.StoreContractSupport;

/** The usage store SPI: one row per user × product × day, launches added, progress at its maximum. */
public abstract class UsageStoreContract extends StoreContractSupport {

  private static final UserId ANA = UserId.of("ana");
  private static final ProductId COURSE = ProductId.of("course");
  private static final LocalDate DAY = LocalDate.of(2026, 9, 1);

  @BeforeEach
  void seedUsersAndProducts() {
    inTransaction(() -> {
      store.catalog().saveProduct(tenant, Fixtures.product("course").build());
      store.catalog().saveProduct(tenant, Fixtures.product("other").build());
      store.directory().insertUser(tenant, Fixtures.user("ana").build());
      store.directory().insertUser(tenant, Fixtures.user("ben").build());
      return null;
    });
  }

  private void record(UsageDay delta) {
    inTransaction(() -> {
      store.usage().record(tenant, delta);
      return null;
    });
  }

  @Test
  void firstRecordingCreatesTheDaysRow() {
    record(new UsageDay(ANA, COURSE, DAY, 2, 10));

    assertThat(store.usage().find(tenant, ANA, COURSE, DAY)).contains(new UsageDay(ANA, COURSE, DAY, 2, 10));
  }

  @Test
  void laterRecordingsAddLaunchesAndKeepTheHighestProgress() {
    record(new UsageDay(ANA, COURSE, DAY, 2, 60));
    record(new UsageDay(ANA, COURSE, DAY, 3, 40));
    record(new UsageDay(ANA, COURSE, DAY, 0, 80));

    assertThat(store.usage().find(tenant, ANA, COURSE, DAY)).contains(new UsageDay(ANA, COURSE, DAY, 5, 80));
  }

  @Test
  void rowsAreKeptApartPerUserProductDayAndTenant() {
    record(new UsageDay(ANA, COURSE, DAY, 1, 0));
    record(new UsageDay(ANA, COURSE, DAY.plusDays(1), 2, 0));
    record(new UsageDay(UserId.of("ben"), COURSE, DAY, 4, 0));
    record(new UsageDay(ANA, ProductId.of("other"), DAY, 8, 0));

    assertThat(store.usage().find(tenant, ANA, COURSE, DAY).orElseThrow().launches()).isEqualTo(1);
    assertThat(store.usage().find(tenant, ANA, COURSE, DAY.plusDays(1)).orElseThrow().launches()).isEqualTo(2);
    assertThat(store.usage().find(otherTenant, ANA, COURSE, DAY)).isEmpty();
  }

  @Test
  void recordingRolledBackWithItsTransactionLeavesNothing() {
    try {
      inTransaction(() -> {
        store.usage().record(tenant, new UsageDay(ANA, COURSE, DAY, 1, 0));
        throw new IllegalStateException("forced");
      });
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("forced");
    }

    assertThat(store.usage().find(tenant, ANA, COURSE, DAY)).isEmpty();
  }

  @Test
  void concurrentRecordingsLoseNoLaunch() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(threads.submit(() -> {
          for (int i = 0; i < 50; i++) {
            record(new UsageDay(ANA, COURSE, DAY, 1, i));
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(store.usage().find(tenant, ANA, COURSE, DAY)).contains(new UsageDay(ANA, COURSE, DAY, 400, 49));
  }
}
