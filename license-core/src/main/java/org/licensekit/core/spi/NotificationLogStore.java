package org.licensekit.core.spi;

import java.time.Instant;
import org.licensekit.core.domain.TenantId;

/**
 * Remembers which once-only messages (claim reminders per step, expiration alerts per window) were
 * sent, so each goes out once even when the job runs again or on several instances at once. Keys
 * are opaque to the store, at most 300 characters; on JDBC a table keyed by (tenant, key).
 */
public interface NotificationLogStore {

  /**
   * Records {@code key} unless it is recorded already. Atomic across JVMs: of two concurrent calls
   * with one key exactly one returns true. Takes part in the caller's transaction, so a rolled-back
   * job sends nothing and records nothing.
   *
   * @return whether this call recorded the key (and so its message should be sent)
   */
  boolean recordIfAbsent(TenantId tenant, String key, Instant at);

  /** Whether {@code key} is recorded. */
  boolean contains(TenantId tenant, String key);
}
