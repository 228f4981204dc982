package org.licensekit.core.internal.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.api.BulkResult;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.spi.IdempotencyRecord;
import org.licensekit.core.spi.IdempotencyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotency key a bulk run holds, as a lease: renewed before each chunk, checked and completed
 * with the result inside the run's last transaction (so the result commits with the run's summary
 * or not at all), released when the run fails. A reservation left unrenewed for {@link #LENGTH}
 * belongs to a run whose JVM died, and a later run of the same request takes it over; the
 * {@code reservedAt} instant a run last wrote is its fencing token, so a run that was taken over
 * fails its next renewal instead of completing the key a second time.
 */
final class KeyLease {

  /** How long an unrenewed reservation is honoured. A chunk must finish well within it. */
  static final Duration LENGTH = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(KeyLease.class);

  private final IdempotencyStore keys;
  private final TenantId tenant;
  private final String key;
  private final Clock clock;
  private final boolean active;
  private Instant held;

  private KeyLease(IdempotencyStore keys, TenantId tenant, String key, Clock clock, Instant held, boolean active) {
    this.keys = keys;
    this.tenant = tenant;
    this.key = key;
    this.clock = clock;
    this.held = held;
    this.active = active;
  }

  /** The lease of a run without an idempotency key: every operation does nothing. */
  static KeyLease none() {
    return new KeyLease(null, null, "", Clock.systemUTC(), Instant.EPOCH, false);
  }

  /** A lease on {@code key}, reserved or taken over at {@code held}. */
  static KeyLease held(IdempotencyStore keys, TenantId tenant, String key, Clock clock, Instant held) {
    return new KeyLease(keys, tenant, key, clock, held, true);
  }

  /** Now, to the millisecond every store keeps. */
  static Instant now(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Whether {@code record} is an unfinished reservation whose run stopped renewing it. */
  static boolean stale(IdempotencyRecord record, Instant now) {
    return !record.completed() && record.reservedAt().plus(LENGTH).isBefore(now);
  }

  /** Renews the lease in a transaction of its own; throws when another run took the key over. */
  void renew() {
    if (!active) {
      return;
    }
    Instant now = now(clock);
    if (!keys.renew(tenant, key, held, now)) {
      throw lost();
    }
    held = now;
  }

  /**
   * Inside the run's last transaction: checks the lease is still this run's (locking the key's row)
   * and stores the result, so the result commits with the run's last writes or not at all.
   */
  void complete(BulkResult result) {
    if (!active) {
      return;
    }
    if (!keys.renew(tenant, key, held, held)) {
      throw lost();
    }
    keys.complete(tenant, key, BulkResultCodec.encode(result));
  }

  /**
   * After a failed run: gives the key up, unless the run completed it or lost it to another run.
   * Whether it completed it is asked of the store, never remembered: the transaction that stored the
   * result may have been rolled back after it (a statement after it failed, the connection was cut
   * before the commit), and a key kept for a result that never committed would answer every retry
   * with {@code BULK_IN_PROGRESS} until the lease ran out. The key is released only after a
   * compare-and-set on the run's fencing token succeeds, which a completed key no longer allows.
   */
  void release(Throwable failure) {
    if (!active) {
      return;
    }
    try {
      if (keys.renew(tenant, key, held, held)) {
        keys.release(tenant, key);
      }
    } catch (RuntimeException releaseFailure) {
      failure.addSuppressed(releaseFailure);
      LOG.warn("could not release idempotency key '{}' after a failed bulk run; another run takes it over after {}", key, LENGTH);
    }
  }

  private ConflictException lost() {
    return new ConflictException(ErrorCode.BULK_LEASE_LOST,
        "Another run took over bulk request '" + key + "' after this run's lease ran out; this run stopped");
  }
}
