package org.licensekit.core.api.report;

/** What a dashboard alert warns about, in the order alerts are listed. */
public enum AlertKind {
  /** A pool holds more live claims than it has seats (its seats were reduced below them somehow). */
  POOL_OVER_ALLOCATED,
  /** A pool in term ends within the alert window. */
  POOL_EXPIRING,
  /** A product's available seats fell under the minimum share of its purchased seats. */
  LOW_AVAILABILITY,
  /** Claims of a product have been pending for longer than the alert threshold. */
  CLAIMS_PENDING_TOO_LONG
}
