package org.licensekit.core.api;

/** How a bulk action treats users it cannot change. */
public enum BulkMode {
  /**
   * One transaction for every selected user: when any user would be refused (for example because
   * seats are missing), nothing is written and the result is {@link BulkResult.Status#REFUSED}
   * with every user's would-be outcome and a seat shortfall per product.
   */
  ALL_OR_NOTHING,
  /**
   * Each chunk of users is its own transaction; each user is changed whole or refused with a reason,
   * and the others go on.
   */
  BEST_EFFORT
}
