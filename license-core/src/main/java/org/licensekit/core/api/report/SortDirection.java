package org.licensekit.core.api.report;

/** Which way a report is sorted. */
public enum SortDirection {
  ASCENDING,
  DESCENDING
}
