package org.licensekit.benchmarks;

/**
 * A table a bulk run writes rows to, as {@link BulkWriteFloorBenchmark} copies them: the table, the
 * column its rows are put into chunks by (the order a run's chunks write them in), and which of a
 * template tenant's rows the run wrote (all of them, or those after the audit chain's position
 * before the run).
 *
 * @param name the table, e.g. {@code lk_claims}
 * @param orderKey the column whose order splits the run's rows into its chunks
 * @param afterRunStart whether only rows whose {@code orderKey} is beyond the tenant's audit
 *     position before the run belong to the run (the audit tables, which the tenant's setup writes to too)
 */
record FloorTable(String name, String orderKey, boolean afterRunStart) {

  static final FloorTable ACCOUNTS = new FloorTable("lk_users", "id", false);
  static final FloorTable MEMBERSHIPS = new FloorTable("lk_memberships", "user_id", false);
  static final FloorTable ROLE_ROWS = new FloorTable("lk_membership_roles", "user_id", false);
  static final FloorTable CLAIMS = new FloorTable("lk_claims", "user_id", false);
  static final FloorTable AUDIT_ENTRIES = new FloorTable("lk_audit_entries", "chain_position", true);
  /** Onboarding's invitations: one outbox message per chunk, delivered in the same run. */
  static final FloorTable OUTBOX = new FloorTable("lk_outbox", "created_at", false);
  static final FloorTable AUDIT_BATCHES = new FloorTable("lk_audit_batches", "last_position", true);

  /** Whether this is one of the audit tables (whose chain head a chunk also moves). */
  boolean audit() {
    return afterRunStart;
  }
}
