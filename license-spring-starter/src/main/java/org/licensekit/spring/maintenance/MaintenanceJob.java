package org.licensekit.spring.maintenance;

/** The scheduled maintenance jobs, each run for every maintained tenant under one cluster-wide lock. */
public enum MaintenanceJob {

  /** Expires every live claim whose validity or pool term ended ({@code Lifecycle.expireDue}). */
  EXPIRE_DUE("expire-due"),

  /** Reminds users of claims still pending and reclaims those past the deadline ({@code Lifecycle.followUp}). */
  FOLLOW_UP("follow-up"),

  /** Alerts before pools' terms end ({@code Lifecycle.alertExpirations}). */
  EXPIRATION_ALERTS("expiration-alerts"),

  /** Archives temporary staff whose end date passed ({@code Lifecycle.archiveEndedTemporaryStaff}). */
  ARCHIVE_TEMPORARY_STAFF("archive-temporary-staff"),

  /**
   * Sends the month's license review unless it was sent already ({@code Lifecycle.sendMonthlyReview});
   * skipped while no recipient is configured.
   */
  MONTHLY_REVIEW("monthly-review"),

  /**
   * Serves the seat queues ({@code Lifecycle.serveWaitlists}): a pool whose term started, or a
   * completion dated later that has come, gives its seats to the waiting users in order.
   */
  SERVE_WAITLISTS("serve-waitlists"),

  /**
   * Redelivers the outbox's due notifications and events: those whose delivery failed (after their
   * backoff) and those an instance left undelivered when it stopped ({@code Outbox.deliverDue}).
   */
  OUTBOX_RELAY("outbox-relay"),

  /**
   * Deletes outbox messages kept past their retention: delivered ones, and dead letters only when
   * they have a retention of their own ({@code Outbox.purge}).
   */
  OUTBOX_PURGE("outbox-purge");

  private final String id;

  MaintenanceJob(String id) {
    this.id = id;
  }

  /**
   * The job's stable name: in lock names, metric tags and logs.
   *
   * @return the id, e.g. {@code expire-due}
   */
  public String id() {
    return id;
  }
}
