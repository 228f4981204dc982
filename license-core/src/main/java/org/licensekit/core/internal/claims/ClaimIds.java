package org.licensekit.core.internal.claims;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.licensekit.core.domain.ClaimId;

/**
 * The identifiers of new claims: UUIDs of version 7 (RFC 9562), written as the usual 36
 * characters, lower-case hex. The first 48 bits are the assignment instant in milliseconds since
 * 1970 (from the unit of work's clock); the next 30 (the RFC's 12-bit {@code rand_a} and the first
 * 18 bits of {@code rand_b}, after the variant) a counter this process increments per identifier,
 * from a random start (the RFC's "fixed bit-length dedicated counter", method 1); the last 44 are
 * drawn from {@link SecureRandom}, so identifiers stay distinct and unguessable (a claim id is no
 * credential: every command is authorized against its actor).
 *
 * <p>Why time first: claims are indexed by identifier ({@code claims_pk} on (tenant, id),
 * {@code claims_pool_live_id_idx} on (tenant, pool, id)), and a claim's audit entries by it
 * ({@code audit_entries_subject_idx}). A random identifier puts each new claim's entry on a random
 * leaf page of those indexes, so a bulk chunk of a thousand claims dirties (and after a checkpoint
 * writes in full to the WAL) about a thousand pages per index; identifiers that grow with time put
 * them on the last page of the range. A transaction's claims share its instant (an all-or-nothing
 * bulk run's hundred thousand, too), so the counter is what orders them: they ascend (but where the
 * counter wraps, once in about a billion identifiers) and each index takes them at its right edge,
 * whose pages split full instead of half full. Claims of different instants compare in the order
 * of their instants.
 */
final class ClaimIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();
  /** The 48 bits of milliseconds the format holds (until the year 10889). */
  private static final long MILLIS_MASK = 0xFFFF_FFFF_FFFFL;
  /** Numbers the identifiers; its low 30 bits are each identifier's counter. */
  private static final AtomicInteger COUNTER = new AtomicInteger(RANDOM.nextInt());

  private ClaimIds() {}

  /** A new claim identifier for a claim assigned at {@code at} (instants before 1970 take 1970's). */
  static ClaimId next(Instant at) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    long millis = Math.max(0L, at.toEpochMilli()) & MILLIS_MASK;
    for (int i = 0; i < 6; i++) {
      bytes[i] = (byte) (millis >>> (40 - 8 * i));
    }
    int counter = COUNTER.getAndIncrement() & 0x3FFF_FFFF;
    bytes[6] = (byte) (0x70 | (counter >>> 26)); // version 7, then the counter's first 4 bits
    bytes[7] = (byte) (counter >>> 18);
    bytes[8] = (byte) (0x80 | ((counter >>> 12) & 0x3F)); // the RFC's variant, 10, then 6 bits
    bytes[9] = (byte) (counter >>> 4);
    bytes[10] = (byte) ((counter << 4) | (bytes[10] & 0x0F)); // the counter's last 4 bits, then random
    String hex = HEX.formatHex(bytes);
    return ClaimId.of(hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-' + hex.substring(16, 20)
        + '-' + hex.substring(20));
  }
}
