package org.licensekit.core.api.report;

/** Which instant of a claim a date range of the claims report applies to. */
public enum ClaimDateField {
  /** When the product was assigned (the claim was made, {@code PENDING}). */
  ASSIGNED,
  /** When the user claimed it ({@code ACTIVE}); claims never claimed fall outside every range. */
  CLAIMED
}
