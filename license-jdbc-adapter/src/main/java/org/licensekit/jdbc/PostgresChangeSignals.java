package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.licensekit.core.spi.ChangeSignals;
import org.licensekit.core.spi.ChangedRecords;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change signals through PostgreSQL's {@code LISTEN/NOTIFY}. {@link #send} calls
 * {@code pg_notify} on the writing transaction's connection, so PostgreSQL delivers the
 * notification when (and only if) that transaction commits. A subscription holds one connection of
 * the data source on a thread of its own, listening; when the connection breaks it reports that
 * changes may have been missed and listens again on a new one.
 */
final class PostgresChangeSignals implements ChangeSignals {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeSignals.class);

  /** PostgreSQL refuses payloads of 8,000 bytes or more; changes are sent in chunks below that. */
  private static final int MAX_PAYLOAD_BYTES = 7_000;

  private final DataSource dataSource;
  private final JdbcTransactions transactions;
  private final String channel;
  private final Duration pollInterval;

  PostgresChangeSignals(DataSource dataSource, JdbcTransactions transactions, Tables tables, Duration pollInterval) {
    this.dataSource = dataSource;
    this.transactions = transactions;
    this.channel = (tables.schema().map(s -> s + "_").orElse("") + tables.prefix() + "changes").toLowerCase(Locale.ROOT);
    this.pollInterval = pollInterval;
  }

  @Override
  public void send(Collection<ChangedRecords> changes) {
    if (changes.isEmpty()) {
      return;
    }
    List<String> payloads = payloads(changes);
    transactions.withConnection(connection -> {
      try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
        for (String payload : payloads) {
          notify.setString(1, channel);
          notify.setString(2, payload);
          try (ResultSet ignored = notify.executeQuery()) {
            // pg_notify returns void; the row only says it ran.
          }
        }
      }
      return null;
    });
  }

  /** The changes as lines, cut into payloads PostgreSQL accepts. */
  private static List<String> payloads(Collection<ChangedRecords> changes) {
    List<String> payloads = new ArrayList<>();
    StringBuilder payload = new StringBuilder();
    for (ChangedRecords change : changes) {
      String line = change.encode();
      // Ids are at most 128 characters (up to 4 bytes each in UTF-8), so one line always fits.
      if (payload.length() > 0 && (payload.length() + line.length() + 1) * 4 > MAX_PAYLOAD_BYTES) {
        payloads.add(payload.toString());
        payload.setLength(0);
      }
      if (payload.length() > 0) {
        payload.append('\n');
      }
      payload.append(line);
    }
    payloads.add(payload.toString());
    return payloads;
  }

  @Override
  public Subscription subscribe(Receiver receiver) {
    Listener listener = new Listener(receiver);
    Thread thread = new Thread(listener, "licensekit-change-listener-" + channel);
    thread.setDaemon(true);
    thread.start();
    try {
      if (!listener.listening.await(30, TimeUnit.SECONDS)) {
        LOG.warn("Not yet listening on channel {} after 30 s; changes made meanwhile by other instances are seen "
            + "after the cache's staleness bound", channel);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return () -> {
      listener.closed = true;
      try {
        thread.join(pollInterval.toMillis() * 4 + 5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  @Override
  public String toString() {
    return "PostgresChangeSignals[" + channel + "]";
  }

  /** Listens on one connection at a time, again on a new one when it breaks. */
  private final class Listener implements Runnable {
    final Receiver receiver;
    final CountDownLatch listening = new CountDownLatch(1);
    volatile boolean closed;

    Listener(Receiver receiver) {
      this.receiver = receiver;
    }

    @Override
    public void run() {
      boolean first = true;
      long backOffMillis = 100;
      while (!closed) {
        try (Connection connection = dataSource.getConnection()) {
          connection.setAutoCommit(true);
          try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN \"" + channel + "\"");
          }
          if (!first) {
            receiver.missed();
          }
          first = false;
          backOffMillis = 100;
          listening.countDown();
          receive(connection.unwrap(PGConnection.class));
        } catch (SQLException | RuntimeException e) {
          if (closed) {
            return;
          }
          LOG.warn("Listening for other instances' changes on channel {} failed ({}); listening again in {} ms",
              channel, e.getMessage(), backOffMillis);
          if (!first) {
            receiver.missed();
          }
          sleep(backOffMillis);
          backOffMillis = Math.min(backOffMillis * 2, 10_000);
        }
      }
    }

    private void receive(PGConnection connection) throws SQLException {
      int timeout = (int) Math.max(1, pollInterval.toMillis());
      while (!closed) {
        PGNotification[] notifications = connection.getNotifications(timeout);
        if (notifications == null) {
          continue;
        }
        for (PGNotification notification : notifications) {
          deliver(notification.getParameter());
        }
      }
    }

    private void deliver(String payload) {
      try {
        receiver.changed(ChangedRecords.decode(payload));
      } catch (IllegalArgumentException e) {
        LOG.warn("A change signal on channel {} could not be read ({}); forgetting every cached read", channel, e.getMessage());
        receiver.missed();
      }
    }

    private void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      }
    }
  }
}
