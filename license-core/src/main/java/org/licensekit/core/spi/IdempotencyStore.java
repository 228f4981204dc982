package org.licensekit.core.spi;

import java.util.Optional;
import org.licensekit.core.domain.TenantId;

/**
 * Remembers bulk requests by idempotency key, so a replayed request returns the first result and
 * changes nothing. A key is reserved before the run starts and completed with the result after it;
 * a run that fails releases its key. On JDBC: a table keyed by (tenant, key) and a unique insert.
 */
public interface IdempotencyStore {

  /** The record of the key, if any. */
  Optional<IdempotencyRecord> find(TenantId tenant, String key);

  /**
   * Inserts {@code record} (without a result) unless the key exists. Atomic across JVMs.
   *
   * @return whether this call reserved the key
   */
  boolean reserve(TenantId tenant, IdempotencyRecord record);

  /** Stores the result of the run that reserved the key. */
  void complete(TenantId tenant, String key, String result);

  /** Forgets a reserved key whose run failed, so the request can be tried again. */
  void release(TenantId tenant, String key);
}
