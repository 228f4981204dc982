package org.licensekit.core.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a license claim is in its lifecycle: {@code PENDING → ACTIVE → EXPIRED | REVOKED}, and
 * {@code PENDING → EXPIRED | REVOKED}. Pending and active claims are live and hold one seat.
 */
public enum ClaimStatus {
  /** Assigned but not yet claimed by the user. Holds a seat. */
  PENDING,
  /** Claimed by the user and in use. Holds a seat. */
  ACTIVE,
  /** Past its validity period. Final. */
  EXPIRED,
  /** Access removed. Final. */
  REVOKED;

  private static final Set<ClaimStatus> LIVE = EnumSet.of(PENDING, ACTIVE);

  /** Whether a claim in this status holds a seat. */
  public boolean isLive() {
    return LIVE.contains(this);
  }

  /** Whether no transition leaves this status. */
  public boolean isFinal() {
    return !isLive();
  }

  /** The live statuses, {@code PENDING} and {@code ACTIVE}. */
  public static Set<ClaimStatus> live() {
    return EnumSet.copyOf(LIVE);
  }
}
