package org.licensekit.core.api.report;

/**
 * A kind of license-count discrepancy, in the order reconciliation fixes them. The store rules
 * already prevent some kinds the admin guide worries about: two live claims of one user for one
 * product cannot exist (the claim store refuses the second), and a pool cannot be reduced below
 * its live claims through the API. Imported data (or a second account for the same person) can
 * still produce every kind below.
 */
public enum DiscrepancyKind {
  /** A live claim past its expiry, or in a pool whose term has ended; fix: expire it. */
  CLAIM_PAST_EXPIRY,
  /** A live claim of an archived user; fix: revoke it. */
  ARCHIVED_USER_HOLDS_SEAT,
  /** A live claim of a suspended user while the tenant says suspended users give up seats; fix: revoke it. */
  SUSPENDED_USER_HOLDS_SEAT,
  /**
   * Duplicate assignment: two or more accounts with the same e-mail address (compared ignoring
   * case) hold live claims for the same product; fix: revoke every one but the earliest assigned.
   */
  DUPLICATE_ASSIGNMENT,
  /** A live claim neither a role of the user nor a direct assignment justifies; fix: revoke it. */
  UNJUSTIFIED_CLAIM,
  /**
   * A live claim from a pool scoped to an organization its holder no longer belongs to (the user
   * left it, or the organization moved out from under the pool's): the seat is not the user's to
   * hold. Fix: revoke it and assign the product again from a pool that serves the user, when a
   * role or a direct assignment still justifies it ({@link FixAction#MOVE_CLAIMS}).
   */
  CLAIM_OUTSIDE_POOL_SCOPE,
  /** A pool holding more live claims than seats; fix: revoke the newest, pending ones first. */
  POOL_OVER_ALLOCATED,
  /** A pool's seats-in-use counter disagrees with its live claims; fix: set it to their count. */
  SEAT_COUNT_MISMATCH
}
