package org.licensekit.core.api.report;

/** The bucket size of a trend series. */
public enum Granularity {
  /** One point per UTC day. */
  DAY,
  /** One point per ISO week (Monday to Sunday, UTC), labelled by its Monday. */
  WEEK
}
