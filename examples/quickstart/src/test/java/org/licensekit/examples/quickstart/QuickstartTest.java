package org.licensekit.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.licensekit.core.Licensing;
import org.licensekit.jdbc.JdbcLicenseStore;

class QuickstartTest {

  @TempDir
  Path directory;

  @Test
  void walksTheAdminGuideAndASecondRunFindsTheFirstRunsData() throws SQLException {
    String first = runOnce();
    assertThat(first)
        .contains("First run: defining the catalog")
        .contains("New user teacher-1 (TEACHER): 2 pending claim(s), invitation sent.")
        .contains("teacher-1 claims observation: ACTIVE")
        .containsPattern("lincoln-high +\\| OBSERVABLE +\\| JOB_PROFILE +\\| \\[coaching, observation\\]")
        .contains("User profile of teacher-1 (ACTIVE): 2 live claim(s), 0 training record(s)")
        .containsPattern("Training assigned to proctor-1: proctor-training \\(for proctoring\\), due \\S+, open")
        .contains("Users whose proctor-training is assigned and not completed: 1")
        .contains("Seat-queue sweep (for pools whose term has started): 0 seat(s) given.")
        .contains("proctor-1 claims proctoring: refused — [TRAINING_NOT_COMPLETED")
        .containsPattern("Training assigned to proctor-1: proctor-training \\(for proctoring\\), due \\S+, completed \\S+")
        .contains("Recording proctor-training for proctor-1, then claiming again.")
        .contains("proctor-1 claims proctoring: ACTIVE")
        .contains("Revoked the Observable role of teacher-1: 2 claim(s) revoked, seats freed.")
        .contains("== License pools")
        .containsPattern("observation-2026 +\\| observation +\\| 50 +\\| 1 +\\| 49")
        .contains("== Troubleshooter")
        .containsPattern("principal-1 +\\| observation +\\| denied +\\| ACCOUNT_NOT_ACTIVE")
        .containsPattern("teacher-1 +\\| observation +\\| denied +\\| NO_ROLE_GRANTS_PRODUCT")
        .containsPattern("proctor-1 +\\| proctoring +\\| allowed")
        .contains("Assign mentoring to teacher-1: assigned")
        .containsPattern("Assign mentoring to proctor-1: refused — .*place 2 of its waitlist")
        .contains("Waitlist of mentoring (2 waiting)")
        .contains("Waitlist of mentoring (1 waiting)")
        .containsPattern("proctor-1 +\\| mentoring +\\| denied +\\| .*WAITING_FOR_SEAT");

    String second = runOnce();
    assertThat(second)
        .contains("Run 2: the database already holds 3 users from earlier runs")
        .contains("teacher-2 claims observation: ACTIVE")
        .containsPattern("observation-2026 +\\| observation +\\| 50 +\\| 2 +\\| 48")
        .containsPattern("Assign mentoring to proctor-2: refused — .*place 4 of its waitlist")
        .containsPattern("Waitlist of mentoring \\(3 waiting\\)");
  }

  /**
   * One run, as a fresh program would make it. H2 closes a file database with its last connection;
   * one connection held open for the run keeps it from reopening the file on every command (as
   * {@code DB_CLOSE_DELAY=-1} does in the program), and closing it at the end makes the next run
   * read the file again.
   */
  private String runOnce() throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:file:" + directory.resolve("licensekit").toAbsolutePath());
    try (Connection keepOpen = dataSource.getConnection()) {
      Licensing licensing = Licensing.builder().store(JdbcLicenseStore.builder(dataSource).build()).build();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      new Quickstart(licensing, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run();
      return buffer.toString(StandardCharsets.UTF_8);
    }
  }
}
