package org.licensekit.core.api.report;

/**
 * Claims counted by status — the guide's usage statistics in one line.
 *
 * @param pending claims with status {@code PENDING} (assigned, not yet claimed)
 * @param active claims with status {@code ACTIVE} (claimed, in use)
 * @param expired claims with status {@code EXPIRED}
 * @param revoked claims with status {@code REVOKED}
 */
public record ClaimCounts(int pending, int active, int expired, int revoked) {

  /** No claims at all. */
  public static final ClaimCounts NONE = new ClaimCounts(0, 0, 0, 0);

  /** Every claim counted, in any status. */
  public int total() {
    return pending + active + expired + revoked;
  }

  /** These counts and {@code other}'s added up. */
  public ClaimCounts plus(ClaimCounts other) {
    return new ClaimCounts(pending + other.pending, active + other.active, expired + other.expired, revoked + other.revoked);
  }
}
