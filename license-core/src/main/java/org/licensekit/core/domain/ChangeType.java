package org.licensekit.core.domain;

/** What changed: the action of an audit entry and the type of a domain event. */
public enum ChangeType {
  PRODUCT_DEFINED,
  ROLE_DEFINED,
  JOB_PROFILE_DEFINED,
  ORGANIZATION_DEFINED,
  USER_REGISTERED,
  USER_UPDATED,
  USER_ACTIVATED,
  USER_SUSPENDED,
  USER_REACTIVATED,
  USER_ARCHIVED,
  USER_INVITED,
  MEMBERSHIP_ADDED,
  MEMBERSHIP_REMOVED,
  ROLE_GRANTED,
  ROLE_REVOKED,
  POOL_ADDED,
  POOL_TERM_CHANGED,
  POOL_SEATS_CHANGED,
  CLAIM_ASSIGNED,
  CLAIM_ACTIVATED,
  CLAIM_REVOKED,
  CLAIM_EXPIRED,
  TRAINING_RECORDED,
  TRAINING_ASSIGNED,
  TRAINING_ASSIGNMENT_COMPLETED,
  SETTINGS_CHANGED,
  BULK_COMPLETED,
  CLAIM_REMINDED,
  CLAIM_MOVED,
  /** A live claim held through a role became a direct assignment, which outlives the role. */
  CLAIM_MADE_DIRECT,
  EXPIRATION_ALERTED,
  /** A user refused for lack of seats joined the product's waitlist. */
  WAITLIST_JOINED,
  /** A freed seat was assigned to a waiting user, who left the waitlist. */
  WAITLIST_SEAT_ASSIGNED,
  /** A user left the waitlist without a seat: removed by an administrator, archived, or no longer granted the product. */
  WAITLIST_LEFT,
  /** An administrator moved a waiting user to another place in the queue. */
  WAITLIST_REORDERED,
  /** The month's license review was sent to its recipients (once per month). */
  MONTHLY_REVIEW_SENT,
  SEAT_COUNT_CORRECTED,
  /** A call refused: not authorized, or naming a record outside the actor's reach. */
  ACCESS_REFUSED,
  /** A dead letter of the outbox was given a fresh set of delivery attempts. */
  OUTBOX_MESSAGE_RETRIED,
  /** A dead letter of the outbox was given up. */
  OUTBOX_MESSAGE_DISCARDED,
  /**
   * A person's name and e-mail address were replaced by a pseudonym wherever LicenseKit kept them
   * ({@code Privacy.erase}); the entry lists the audit entries it rewrote (see
   * {@code org.licensekit.core.policy.ErasureManifest}).
   */
  PERSONAL_DATA_ERASED
}
