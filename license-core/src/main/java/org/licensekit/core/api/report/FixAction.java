package org.licensekit.core.api.report;

/** What a proposed fix does. */
public enum FixAction {
  EXPIRE_CLAIMS,
  REVOKE_CLAIMS,
  /**
   * Revoke each claim and assign its product again from a pool that serves the user, when a role or
   * a direct assignment still justifies it (the new claim starts pending).
   */
  MOVE_CLAIMS,
  CORRECT_SEAT_COUNT
}
