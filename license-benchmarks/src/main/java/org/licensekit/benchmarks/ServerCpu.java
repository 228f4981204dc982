package org.licensekit.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The CPU time a local PostgreSQL server has spent, read from {@code /proc} (Linux): the
 * postmaster and every process it started (backends, WAL writer, checkpointer...). A measure other
 * processes on a busy machine do not inflate the way they inflate wall time. Zero where
 * {@code /proc} is not there.
 */
final class ServerCpu {

  private static final double NANOS_PER_TICK = 1_000_000_000.0 / 100; // USER_HZ is 100 on Linux

  private final long postmaster;

  private ServerCpu(long postmaster) {
    this.postmaster = postmaster;
  }

  /** The server behind {@code dataSource}: the parent of the backend serving one of its connections. */
  static ServerCpu of(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
      row.next();
      String[] stat = stat(row.getLong(1));
      return new ServerCpu(stat == null ? -1 : Long.parseLong(stat[1]));
    } catch (SQLException e) {
      throw new IllegalStateException("Could not find the server's backend", e);
    }
  }

  /** The server's processes' CPU time so far, user and system, in nanoseconds. */
  long nanos() {
    if (postmaster < 0) {
      return 0;
    }
    long ticks = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : (Iterable<Path>) processes::iterator) {
        String name = process.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        String[] stat = stat(pid);
        if (stat != null && (pid == postmaster || Long.parseLong(stat[1]) == postmaster)) {
          ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return Math.round(ticks * NANOS_PER_TICK);
  }

  /** The fields of {@code /proc/<pid>/stat} after the command name: [0] state, [1] ppid, [11] utime, [12] stime. */
  private static String[] stat(long pid) {
    try {
      String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return text.substring(text.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
