package org.licensekit.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other JVM of {@link PostgresRaceTest}: joins the race for the same pool from a separate
 * process. Arguments: JDBC URL, user prefix, users, threads. It signals readiness and waits for the
 * start through a gate table, so both JVMs claim at the same time; its exit code is 0 on success.
 */
public final class SecondJvmClaimer {

  private static final Logger log = LoggerFactory.getLogger(SecondJvmClaimer.class);

  private SecondJvmClaimer() {}

  public static void main(String[] args) throws Exception {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(args[0]);
    JdbcLicenseStore store = JdbcLicenseStore.builder(dataSource).migrate(false).build();
    try (Connection connection = DriverManager.getConnection(args[0]); Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO race_gate (party) VALUES ('second-jvm-ready')");
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!started(statement)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("The race never started");
        }
        Thread.sleep(5);
      }
    }
    int taken = SeatRace.claim(store, args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    log.info("second JVM took {} seats", taken);
  }

  private static boolean started(Statement statement) throws Exception {
    try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM race_gate WHERE party = 'go'")) {
      rows.next();
      return rows.getInt(1) > 0;
    }
  }
}
