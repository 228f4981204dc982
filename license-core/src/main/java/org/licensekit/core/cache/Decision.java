package org.licensekit.core.cache;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLongArray;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * A decided access check kept by {@link SnapshotCache}, the user and product it is for, and what it
 * holds under: immutable. A {@link DecisionTable} copies what a wall-timed warm check compares —
 * the stamp, the two milliseconds, the stripes, a filter of the key's hash, the key and the answer
 * — into its own arrays when it keeps the decision, so such a check does not read this object;
 * it is read by a check in the millisecond a decision was made or stops holding, by a check on a
 * clock that is not the system's ({@link #holds}), by a sweep and by a rebuild. What only the
 * edges need — the exact instants, the millisecond of the validity and the staleness bound — is
 * kept in a separate {@link Bounds}.
 *
 * <p><b>The stamp.</b> A decision is served only while the generations of the three scopes it read
 * (the user, the tenant's catalog, its pools) are those taken before it was made and, when timed on
 * the wall, while the clock epoch is the one it was made in. Every one of these only ever grows
 * (generations and the epoch are only incremented), so their sum is unchanged exactly when each of
 * them is: the decision keeps the sum, not the four values, and a warm check compares one
 * {@code long}. The sum is shifted left by one and its low bit tells the timing (1: on the wall),
 * so a decision made on one timing never matches the stamp of the other.
 */
final class Decision {

  /** How many generation stripes there are: a stripe is below this (12 bits, as {@link DecisionTable}'s control word keeps it). */
  static final int STRIPES = 4096;

  final int hash;
  /** The generations' sum (plus the clock epoch when wall-timed), shifted left; the low bit is set when wall-timed. */
  final long stamp;
  final long decidedAtMillis;
  /** The millisecond of its validity's end, or, for a wall-timed decision, that or its staleness bound if sooner. */
  final long limitMillis;
  final char userStripe;
  final char catalogStripe;
  final char poolsStripe;
  /**
   * The answer, what a served check returns: the first reference declared, so that a copying
   * collector, which copies what an object refers to in the order its fields are declared, tends to
   * place the answer right after the decision (the two then share or neighbour a cache line).
   */
  final AccessDecision decision;
  final UserId user;
  final ProductId product;
  final Bounds bounds;

  /** A decision stale from the ticker reading {@code staleAt}. */
  Decision(UserId user, ProductId product, AccessDecision decision, Instant decidedAt, Instant validUntil, long staleAt,
      int userStripe, long userGeneration, int catalogStripe, long catalogGeneration, int poolsStripe, long poolsGeneration) {
    this(user, product, decision, decidedAt, validUntil, staleAt, userStripe, userGeneration, catalogStripe, catalogGeneration,
        poolsStripe, poolsGeneration, false, 0);
  }

  /**
   * A decision stale from {@code staleAt}: a ticker reading, or, when {@code wallTimed}, the first
   * clock millisecond at which it is stale; a wall-timed decision holds only in {@code clockEpoch}.
   *
   * @throws IllegalArgumentException when a stripe is not below {@link #STRIPES}
   */
  Decision(UserId user, ProductId product, AccessDecision decision, Instant decidedAt, Instant validUntil, long staleAt,
      int userStripe, long userGeneration, int catalogStripe, long catalogGeneration, int poolsStripe, long poolsGeneration,
      boolean wallTimed, long clockEpoch) {
    this.hash = DecisionTable.hash(user, product);
    this.user = user;
    this.product = product;
    this.decision = decision;
    this.userStripe = stripe(userStripe);
    this.catalogStripe = stripe(catalogStripe);
    this.poolsStripe = stripe(poolsStripe);
    this.stamp = stamp(userGeneration + catalogGeneration + poolsGeneration, wallTimed, clockEpoch);
    this.bounds = new Bounds(decidedAt, validUntil, staleAt);
    this.decidedAtMillis = floorMillis(decidedAt);
    this.limitMillis = wallTimed ? Math.min(bounds.validUntilMillis, staleAt) : bounds.validUntilMillis;
  }

  private static char stripe(int stripe) {
    if (stripe < 0 || stripe >= STRIPES) {
      throw new IllegalArgumentException("stripe " + stripe + " is not below " + STRIPES);
    }
    return (char) stripe;
  }

  /** The stamp of a decision made when its generations summed to {@code generations}, in {@code clockEpoch} if wall-timed. */
  private static long stamp(long generations, boolean wallTimed, long clockEpoch) {
    return wallTimed ? (generations + clockEpoch) << 1 | 1 : generations << 1;
  }

  /** Whether it was made on the wall (stale from a clock millisecond) rather than on the ticker. */
  boolean wallTimed() {
    return (stamp & 1) != 0;
  }

  /** Where it goes stale: a ticker reading, or for a wall-timed decision the first clock millisecond at which it is stale. */
  long staleAt() {
    return bounds.staleAt;
  }

  /** Whether it is the decision for {@code user} and {@code product}: by identity first, then by value. */
  boolean isFor(UserId user, ProductId product) {
    return (this.user == user || this.user.equals(user)) && (this.product == product || this.product.equals(product));
  }

  /** The epoch millisecond that contains {@code instant}; past the range of a long, its end. */
  static long floorMillis(Instant instant) {
    if (instant.getEpochSecond() >= Long.MAX_VALUE / 1_000 - 1) {
      return Long.MAX_VALUE;
    }
    if (instant.getEpochSecond() <= Long.MIN_VALUE / 1_000 + 1) {
      return Long.MIN_VALUE;
    }
    return instant.getEpochSecond() * 1_000 + instant.getNano() / 1_000_000;
  }

  /** Whether it holds at a ticker-timed check: made on the ticker, nothing it read written since, fresh, and the clock within its validity. */
  boolean holds(InstantSource clock, long tick, AtomicLongArray generations) {
    return fresh(tick, generations) && heldAt(clock);
  }

  /** Whether it was made on the ticker, nothing it read was written since, and its oldest read is younger than the staleness bound. */
  boolean fresh(long tick, AtomicLongArray generations) {
    return stamp == (generations.get(userStripe) + generations.get(catalogStripe) + generations.get(poolsStripe)) << 1
        && tick - bounds.staleAt < 0;
  }

  /** Whether nothing it read was written since and, if wall-timed, the clock epoch is still {@code clockEpoch}. */
  boolean current(AtomicLongArray generations, long clockEpoch) {
    long sum = generations.get(userStripe) + generations.get(catalogStripe) + generations.get(poolsStripe);
    return stamp == stamp(sum, wallTimed(), clockEpoch);
  }

  /**
   * Whether it holds at a wall-timed check: made on the wall in the clock epoch of now, nothing it
   * read written since, and the clock's millisecond {@code millis} within its validity and its
   * staleness bound. Strictly between the decision's millisecond and its limit the millisecond
   * settles it (no read of {@link #bounds}); at either end, the full instant does.
   */
  boolean holdsOnWall(long clockEpoch, AtomicLongArray generations, InstantSource clock, long millis) {
    long sum = generations.get(userStripe) + generations.get(catalogStripe) + generations.get(poolsStripe);
    if (stamp != ((sum + clockEpoch) << 1 | 1)) {
      return false;
    }
    return millis > decidedAtMillis && millis < limitMillis || bounds.heldOnWallAt(clock, millis, decidedAtMillis);
  }

  /**
   * Whether the clock is in {@code [decidedAt, validUntil)}. Strictly between the two instants'
   * milliseconds the millisecond settles it; within either of them, the full instant does.
   */
  private boolean heldAt(InstantSource clock) {
    long millis = clock.millis();
    if (millis > decidedAtMillis && millis < limitMillis) {
      return true;
    }
    return bounds.heldAt(clock, millis, decidedAtMillis);
  }

  /** What only a check at the edges of a decision, a ticker-timed check and a sweep read. */
  static final class Bounds {
    final Instant decidedAt;
    final Instant validUntil;
    final long validUntilMillis;
    /** A ticker reading, or, for a wall-timed decision, the first clock millisecond at which it is stale. */
    final long staleAt;

    Bounds(Instant decidedAt, Instant validUntil, long staleAt) {
      this.decidedAt = decidedAt;
      this.validUntil = validUntil;
      this.validUntilMillis = floorMillis(validUntil);
      this.staleAt = staleAt;
    }

    /**
     * Whether the clock, in the millisecond {@code millis}, is in {@code [decidedAt, validUntil)},
     * for a check whose millisecond alone did not settle it (it is at one of the two ends).
     */
    boolean heldAt(InstantSource clock, long millis, long decidedAtMillis) {
      if (millis < decidedAtMillis || millis > validUntilMillis) {
        return false;
      }
      Instant now = clock.instant();
      return !now.isBefore(decidedAt) && now.isBefore(validUntil);
    }

    /** As {@link #heldAt}, and before the millisecond from which a wall-timed decision is stale. */
    boolean heldOnWallAt(InstantSource clock, long millis, long decidedAtMillis) {
      if (millis < decidedAtMillis || millis >= staleAt || millis > validUntilMillis) {
        return false;
      }
      Instant now = clock.instant();
      return !now.isBefore(decidedAt) && now.isBefore(validUntil) && floorMillis(now) < staleAt;
    }
  }
}
