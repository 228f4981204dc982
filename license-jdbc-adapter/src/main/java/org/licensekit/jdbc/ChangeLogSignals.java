package org.licensekit.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;
import org.licensekit.core.spi.ChangeSignals;
import org.licensekit.core.spi.ChangedRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change signals through the change-log table (schema version 10): {@link #send} inserts a row per
 * change in the writing transaction; a subscription polls, on a thread of its own, the rows past
 * the last id it read.
 *
 * <p>Ids are handed out when a row is inserted but become visible when its transaction commits,
 * so a poll may see id 12 before id 11. An id skipped over is remembered as a gap and looked for
 * again on every poll for {@link #gapWait}: the row is inserted at the very end of its transaction,
 * so it shows up within the commit's duration or never (its transaction rolled back). A gap given
 * up on, a gap too wide to track or a read that fails reports that changes may have been missed.
 * Rows older than an hour are pruned by whichever instance polls.
 */
final class ChangeLogSignals implements ChangeSignals {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeLogSignals.class);
  private static final int PAGE = 5_000;
  private static final int MAX_GAPS = 10_000;
  private static final long PRUNE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Sql sql;
  private final String table;
  private final Duration pollInterval;
  private final Duration gapWait;

  ChangeLogSignals(Sql sql, Tables tables, Duration pollInterval) {
    this.sql = sql;
    this.table = tables.table("change_log");
    this.pollInterval = pollInterval;
    this.gapWait = pollInterval.multipliedBy(10).compareTo(Duration.ofSeconds(10)) > 0
        ? pollInterval.multipliedBy(10) : Duration.ofSeconds(10);
  }

  @Override
  public void send(Collection<ChangedRecords> changes) {
    List<Object[]> rows = new ArrayList<>(changes.size());
    for (ChangedRecords change : changes) {
      rows.add(new Object[] {change.tenant().value(), change.part().name(), change.user().map(UserId::value).orElse("")});
    }
    sql.batch("INSERT INTO " + table + " (tenant_id, part, user_id) VALUES (?, ?, ?)", rows);
  }

  @Override
  public Subscription subscribe(Receiver receiver) {
    Poller poller = new Poller(receiver, sql.first("SELECT COALESCE(MAX(id), 0) FROM " + table, row -> row.getLong(1)).orElse(0L));
    Thread thread = new Thread(poller, "licensekit-change-log-poller-" + table);
    thread.setDaemon(true);
    thread.start();
    return () -> {
      poller.closed = true;
      poller.stop.countDown();
      try {
        thread.join(pollInterval.toMillis() * 4 + 10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Override
  public String toString() {
    return "ChangeLogSignals[" + table + "]";
  }

  /** One row of the change log. */
  private record Row(long id, ChangedRecords change) { }

  private final class Poller implements Runnable {
    final Receiver receiver;
    final CountDownLatch stop = new CountDownLatch(1);
    volatile boolean closed;
    /** The highest id read so far. */
    long last;
    /** Ids below {@link #last} not seen yet, with when they were first missed (System.nanoTime). */
    final Map<Long, Long> gaps = new HashMap<>();
    long lastPrune = System.nanoTime();

    Poller(Receiver receiver, long start) {
      this.receiver = receiver;
      this.last = start;
    }

    @Override
    public void run() {
      while (!closed) {
        try {
          poll();
          pruneNowAndThen();
        } catch (RuntimeException e) {
          if (closed) {
            return;
          }
          LOG.warn("Reading the change log {} failed ({}); forgetting every cached read and reading on", table, e.getMessage());
          receiver.missed();
        }
        try {
          if (stop.await(pollInterval.toNanos(), TimeUnit.NANOSECONDS)) {
            return;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private void poll() {
      List<Row> rows;
      do {
        long from = gaps.isEmpty() ? last : Math.min(last, gaps.keySet().stream().mapToLong(Long::longValue).min().getAsLong() - 1);
        rows = sql.list("SELECT id, tenant_id, part, user_id FROM " + table + " WHERE id > ? ORDER BY id"
            + " FETCH FIRST " + PAGE + " ROWS ONLY", row -> new Row(row.getLong(1), change(row.getString(2),
                row.getString(3), row.getString(4))), from);
        List<ChangedRecords> changes = new ArrayList<>();
        for (Row row : rows) {
          if (row.id() <= last) {
            if (gaps.remove(row.id()) != null) {
              changes.add(row.change());
            }
            continue;
          }
          noteGaps(row.id());
          last = row.id();
          changes.add(row.change());
        }
        if (!changes.isEmpty()) {
          receiver.changed(changes);
        }
        giveUpOldGaps();
      } while (rows.size() == PAGE && !closed);
    }

    private void noteGaps(long id) {
      long skipped = id - last - 1;
      if (skipped <= 0) {
        return;
      }
      if (skipped + gaps.size() > MAX_GAPS) {
        LOG.debug("{} ids skipped in the change log {}: too many to wait for; forgetting every cached read", skipped, table);
        gaps.clear();
        receiver.missed();
        return;
      }
      long now = System.nanoTime();
      for (long missing = last + 1; missing < id; missing++) {
        gaps.put(missing, now);
      }
    }

    private void giveUpOldGaps() {
      long now = System.nanoTime();
      if (gaps.values().removeIf(since -> now - since > gapWait.toNanos())) {
        // Most often a rolled-back transaction's id; possibly a commit slower than gapWait.
        receiver.missed();
      }
    }

    private void pruneNowAndThen() {
      long now = System.nanoTime();
      if (now - lastPrune > PRUNE_EVERY_NANOS) {
        lastPrune = now;
        sql.update("DELETE FROM " + table + " WHERE changed_at < CURRENT_TIMESTAMP - INTERVAL '1' HOUR");
      }
    }
  }

  private static ChangedRecords change(String tenant, String part, String user) {
    ChangedRecords.Part kind = ChangedRecords.Part.valueOf(part);
    return kind == ChangedRecords.Part.USER
        ? ChangedRecords.ofUser(TenantId.of(tenant), UserId.of(user))
        : ChangedRecords.ofShared(TenantId.of(tenant), kind);
  }
}
