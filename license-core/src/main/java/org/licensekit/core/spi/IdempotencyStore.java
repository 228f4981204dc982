package org.licensekit.core.spi;

import java.time.Instant;
import java.util.Optional;
import org.licensekit.core.domain.TenantId;

/**
 * Remembers bulk requests by idempotency key, so a replayed request returns the first result and
 * changes nothing. A key is reserved before the run starts and completed with the result in the
 * run's last transaction; a run that fails releases its key. A reservation is a lease: the run
 * {@linkplain #renew renews} its {@code reservedAt} as it goes, and a reservation left unrenewed
 * for longer than the lease (its JVM died) is taken over by a later run with the same request. On JDBC: a table keyed by (tenant, key) and a unique insert.
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

  /**
   * Moves an unfinished reservation's {@code reservedAt} from {@code held} to {@code renewed}: a run
   * renewing its lease, or a later run taking over a stale one. Atomic across JVMs, so of two runs
   * renewing from the same {@code held} exactly one succeeds. Stores keep instants to the
   * millisecond at least; callers pass instants truncated to milliseconds.
   *
   * @return false, writing nothing, when the key is gone, has a result, or its reservedAt is no longer
   *     {@code held} (another run took it over)
   */
  boolean renew(TenantId tenant, String key, Instant held, Instant renewed);

  /** Stores the result of the run that reserved the key. */
  void complete(TenantId tenant, String key, String result);

  /** Forgets a reserved key whose run failed, so the request can be tried again. */
  void release(TenantId tenant, String key);
}
