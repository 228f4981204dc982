package org.licensekit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.ChangeSignals;
import org.licensekit.core.spi.ChangedRecords;

/**
 * The change log hands out ids at insert and shows rows at commit, so a later id may be read
 * first: the poller still delivers the earlier one when its transaction commits, and reports
 * nothing missed. A write that rolls back is never delivered.
 */
class ChangeLogGapTest {

  private static final TenantId TENANT = TenantId.of("district");

  private final DataSource dataSource = H2TestDatabase.create().dataSource();
  private final JdbcLicenseStore store = JdbcLicenseStore.builder(dataSource).changeSignals(ChangeSignalMode.CHANGE_LOG)
      .changePollInterval(Duration.ofMillis(20)).build();
  private final List<ChangedRecords> heard = new CopyOnWriteArrayList<>();
  private final AtomicInteger missed = new AtomicInteger();

  private final ChangeSignals.Receiver receiver = new ChangeSignals.Receiver() {
    @Override
    public void changed(Collection<ChangedRecords> changes) {
      heard.addAll(changes);
    }

    @Override
    public void missed() {
      missed.incrementAndGet();
    }
  };

  private static void insert(Connection connection, String user) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO lk_change_log (tenant_id, part, user_id) VALUES (?, 'USER', ?)")) {
      insert.setString(1, TENANT.value());
      insert.setString(2, user);
      insert.executeUpdate();
    }
  }

  private static ChangedRecords user(String user) {
    return ChangedRecords.ofUser(TENANT, UserId.of(user));
  }

  private static void await(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.get() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }

  @Test
  void anEarlierIdCommittedAfterALaterOneIsStillDelivered() throws Exception {
    try (ChangeSignals.Subscription subscription = store.changeSignals().subscribe(receiver);
        Connection slow = dataSource.getConnection(); Connection fast = dataSource.getConnection()) {
      slow.setAutoCommit(false);
      insert(slow, "slow"); // takes the lower id, not committed yet
      insert(fast, "fast");
      await(() -> heard.contains(user("fast")));
      assertThat(heard).containsExactly(user("fast"));

      slow.commit();
      await(() -> heard.contains(user("slow")));

      assertThat(heard).containsExactly(user("fast"), user("slow"));
      assertThat(missed).hasValue(0);
    }
  }

  @Test
  void aRolledBackWriteIsNotDeliveredAndAChangeSentInATransactionArrivesWithItsCommit() throws Exception {
    try (ChangeSignals.Subscription subscription = store.changeSignals().subscribe(receiver)) {
      try {
        store.transactions().inTransaction(() -> {
          store.changeSignals().send(List.of(user("rolled-back")));
          throw new IllegalStateException("the command failed");
        });
      } catch (IllegalStateException expected) {
        // rolled back
      }
      store.transactions().inTransaction(() -> {
        store.changeSignals().send(List.of(user("committed"), ChangedRecords.ofShared(TENANT, ChangedRecords.Part.POOLS)));
        return null;
      });
      await(() -> heard.size() >= 2);

      assertThat(heard).containsExactly(user("committed"), ChangedRecords.ofShared(TENANT, ChangedRecords.Part.POOLS));
    }
  }
}
