package org.licensekit.benchmarks;

import java.sql.SQLException;
import java.util.List;
import org.licensekit.core.Licensing;
import org.licensekit.core.api.BulkMode;

/**
 * The bulk run whose rows {@link BulkWriteFloorBenchmark} writes: a grant of one role to users who
 * exist ({@link GrantTenant}), or the onboarding of new users ({@link OnboardingTenant}). Each path
 * says which tables its rows go to, for each {@code rows} variant, and sets up a tenant as its real
 * benchmark does, returning the real run through the public API (which the floor's template and
 * the shape test run; a floor's target tenant never runs it).
 */
enum FloorPath {

  /** A role granted to existing members of one school: a claim, two audit entries and a role row per user. */
  GRANT {
    @Override
    List<FloorTable> tables(String rows) {
      return switch (rows) {
        case "all" -> List.of(FloorTable.ROLE_ROWS, FloorTable.CLAIMS, FloorTable.AUDIT_ENTRIES, FloorTable.AUDIT_BATCHES);
        case "noaudit" -> List.of(FloorTable.ROLE_ROWS, FloorTable.CLAIMS);
        default -> claimsOnly(rows);
      };
    }

    @Override
    Runnable prepare(BenchmarkPostgres database, Licensing licensing, String tenant, int users, int chunkSize) throws SQLException {
      GrantTenant created = GrantTenant.create(database, licensing, tenant, users);
      return () -> created.grantAll(BulkMode.BEST_EFFORT, chunkSize, users);
    }
  },

  /**
   * New users registered: an account, a membership, a role row, a claim and four audit entries per
   * user, and per chunk its invitations' outbox message (written as delivered: the run's later
   * delivery mark is left out).
   */
  ONBOARDING {
    @Override
    List<FloorTable> tables(String rows) {
      return switch (rows) {
        case "all" -> List.of(FloorTable.ACCOUNTS, FloorTable.MEMBERSHIPS, FloorTable.ROLE_ROWS, FloorTable.CLAIMS,
            FloorTable.AUDIT_ENTRIES, FloorTable.AUDIT_BATCHES, FloorTable.OUTBOX);
        case "noaudit" -> List.of(FloorTable.ACCOUNTS, FloorTable.MEMBERSHIPS, FloorTable.ROLE_ROWS, FloorTable.CLAIMS,
            FloorTable.OUTBOX);
        default -> claimsOnly(rows);
      };
    }

    @Override
    Runnable prepare(BenchmarkPostgres database, Licensing licensing, String tenant, int users, int chunkSize) {
      OnboardingTenant created = OnboardingTenant.create(database, licensing, tenant, users);
      return () -> created.registerAll(BulkMode.BEST_EFFORT, chunkSize);
    }
  };

  /**
   * The tables a chunk writes for {@code rows}: {@code all} (every row the run writes per user),
   * {@code noaudit} (without the audit entries and the chunk's audit summary) or {@code claimsonly}
   * (the claims and their pool's seat update).
   */
  abstract List<FloorTable> tables(String rows);

  /**
   * Sets up {@code tenant} for a run of {@code users} users as the path's real benchmark does, and
   * returns that run (best effort, chunks of {@code chunkSize}, checked for every user).
   */
  abstract Runnable prepare(BenchmarkPostgres database, Licensing licensing, String tenant, int users, int chunkSize)
      throws SQLException;

  private static List<FloorTable> claimsOnly(String rows) {
    if (!"claimsonly".equals(rows)) {
      throw new IllegalArgumentException("rows: all, noaudit or claimsonly, not " + rows);
    }
    return List.of(FloorTable.CLAIMS);
  }
}
