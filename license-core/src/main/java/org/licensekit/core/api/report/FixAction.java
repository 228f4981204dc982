package org.licensekit.core.api.report;

/** What a proposed fix does. */
public enum FixAction {
  EXPIRE_CLAIMS,
  REVOKE_CLAIMS,
  CORRECT_SEAT_COUNT
}
