package org.licensekit.core.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * One tenant's kept decisions in one flat open-addressing table keyed by user × product, with what
 * a warm check compares stored inline in the table's own arrays, so that such a check reads the
 * slot it probes and the answer it returns, and no object in between.
 *
 * <p><b>Layout.</b> Slot {@code i} is four {@code long}s at {@code words[4i]} — a control word
 * (below), the decision's stamp, its decided-at millisecond and its limit millisecond — and four
 * references at {@code refs[4i]}: the user, the product, the answer and the {@link Decision} itself
 * (what only the edges of a decision, a ticker-timed check and a sweep read). The control word is
 * {@code 0} for a slot never used, {@link #TOMBSTONE} for one whose decision was removed, and for a
 * live one the bit {@link #LIVE}, the three generation stripes (12 bits each: user, catalog, pools)
 * and 24 high bits of the key's hash (the index uses the low bits), which filter the probe so that
 * ids are compared only where the hash matches.
 *
 * <p><b>Concurrency.</b> Readers take no lock. A slot is written once: its words and references
 * are stored, then its control word is published with release semantics, and readers read the
 * control word with acquire semantics before anything else of the slot; after that the slot only
 * ever turns into a tombstone, and is never written again in the same arrays (a replaced decision
 * goes to a fresh slot, the old one becomes a tombstone). So a reader never sees a slot half
 * written or rewritten, and needs no sequence number. Writers — keeping, forgetting, sweeping,
 * rebuilding — hold the table's monitor. A rebuild publishes new arrays (one {@link Slots}, a
 * volatile field); a reader still probing the old ones may find a decision removed since, which is
 * harmless because every decision is served only after its generations are checked (a removal
 * that matters — a user written — bumps the user's generation before it removes). Once more than
 * three quarters of the slots are used (decisions and tombstones) the table is rebuilt with the
 * live decisions filling at most two thirds, so every probe ends at a slot never used.
 */
final class DecisionTable {

  private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);
  private static final int SMALLEST = 16;
  /** The fewest decisions for which a table is rebuilt to gather the answers kept since its last rebuild. */
  static final int GATHER_FROM = 256;
  /** The control word's bit of a live slot. */
  static final long LIVE = 1L << 63;
  /** The control word of a slot whose decision was removed. */
  static final long TOMBSTONE = 1L;
  private static final int STRIPE_BITS = 12;
  private static final long STRIPE_MASK = (1L << STRIPE_BITS) - 1;
  private static final int HASH_BITS = 24;
  private static final long HASH_MASK = (1L << HASH_BITS) - 1;

  private volatile Slots slots = new Slots(SMALLEST);
  /** The products of every decision kept since the table was last emptied: what {@link #forget} probes. */
  private volatile ProductId[] products = new ProductId[0];
  /** Set once the table is dropped (or about to be) from its tenant's place: no shortcut reads it then. */
  private volatile boolean retired;
  /** Decisions in the slots; guarded by {@code this}. */
  private int live;
  /** Decisions and tombstones in the slots; guarded by {@code this}. */
  private int used;
  /** Decisions kept since the last rebuild; guarded by {@code this}. */
  private int keptSinceRebuild;

  /** The arrays of one generation of the table: replaced whole by a rebuild, each slot written once. */
  private static final class Slots {
    final long[] words;
    final Object[] refs;
    final int mask;

    Slots(int capacity) {
      this.words = new long[4 * capacity];
      this.refs = new Object[4 * capacity];
      this.mask = capacity - 1;
    }
  }

  /** A table retired from the start: a placeholder that is never read. */
  static DecisionTable retiredTable() {
    DecisionTable table = new DecisionTable();
    table.retire();
    return table;
  }

  /** Marks the table dropped from its tenant's place; for good. */
  void retire() {
    retired = true;
  }

  /** Whether the table was dropped from its tenant's place. */
  boolean retired() {
    return retired;
  }

  /** The slot hash of a user × product: spread so that similar ids do not cluster. */
  static int hash(UserId user, ProductId product) {
    int h = (user.hashCode() * 31 + product.hashCode()) * 0x9E3779B9;
    return h ^ (h >>> 15);
  }

  /** The control word of a live decision with this hash and these stripes. */
  static long control(int hash, int userStripe, int catalogStripe, int poolsStripe) {
    return LIVE | (long) poolsStripe << (HASH_BITS + 2 * STRIPE_BITS) | (long) catalogStripe << (HASH_BITS + STRIPE_BITS)
        | (long) userStripe << HASH_BITS | filter(hash);
  }

  /** What a live slot's control word keeps of a hash: its high bits (the index uses the low ones). */
  private static long filter(int hash) {
    return (hash >>> (Integer.SIZE - HASH_BITS)) & HASH_MASK;
  }

  private static int stripe(long control, int which) {
    return (int) (control >>> (HASH_BITS + which * STRIPE_BITS) & STRIPE_MASK);
  }

  /**
   * The answer of the kept decision for the user and product if it holds at a wall-timed check in
   * the clock's millisecond {@code millis} and epoch {@code clockEpoch}, else {@code null}; as
   * {@link Decision#holdsOnWall}, from the slot's words: takes no lock and builds nothing, and
   * reads the decision object only in the millisecond it was made or stops holding.
   */
  AccessDecision served(UserId user, ProductId product, long clockEpoch, AtomicLongArray generations, InstantSource clock,
      long millis) {
    int hash = hash(user, product);
    long wanted = filter(hash);
    Slots table = slots;
    long[] words = table.words;
    Object[] refs = table.refs;
    int mask = table.mask;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int at = i << 2;
      long control = (long) WORD.getAcquire(words, at);
      if (control == 0) {
        return null;
      }
      if ((control & (LIVE | HASH_MASK)) == (LIVE | wanted) && isFor(refs[at], refs[at + 1], user, product)) {
        long sum = generations.get(stripe(control, 0)) + generations.get(stripe(control, 1)) + generations.get(stripe(control, 2));
        if (words[at + 1] != ((sum + clockEpoch) << 1 | 1)) {
          return null;
        }
        long decidedAtMillis = words[at + 2];
        if (millis > decidedAtMillis && millis < words[at + 3]) {
          return (AccessDecision) refs[at + 2];
        }
        Decision decision = (Decision) refs[at + 3];
        return decision.bounds.heldOnWallAt(clock, millis, decidedAtMillis) ? decision.decision : null;
      }
    }
  }

  private static boolean isFor(Object keptUser, Object keptProduct, UserId user, ProductId product) {
    return (keptUser == user || user.equals(keptUser)) && (keptProduct == product || product.equals(keptProduct));
  }

  /** The kept decision for the user and product, or {@code null}; takes no lock and builds nothing. */
  Decision find(UserId user, ProductId product) {
    int hash = hash(user, product);
    long wanted = filter(hash);
    Slots table = slots;
    int mask = table.mask;
    for (int i = hash & mask; ; i = (i + 1) & mask) {
      int at = i << 2;
      long control = (long) WORD.getAcquire(table.words, at);
      if (control == 0) {
        return null;
      }
      if ((control & (LIVE | HASH_MASK)) == (LIVE | wanted) && isFor(table.refs[at], table.refs[at + 1], user, product)) {
        return (Decision) table.refs[at + 3];
      }
    }
  }

  /**
   * Keeps {@code decision} in place of any kept for its user and product: in a slot never used,
   * the one it replaces (if any) turned into a tombstone after.
   *
   * @return whether it adds a decision (none was kept for its user and product)
   */
  synchronized boolean keep(Decision decision) {
    Slots table = slots;
    int replaced = slotOf(table, decision.hash, decision.user, decision.product);
    put(table, decision);
    used++;
    if (replaced >= 0) {
      WORD.setRelease(table.words, replaced << 2, TOMBSTONE);
    } else {
      live++;
      noteProduct(decision.product);
    }
    keptSinceRebuild++;
    if (used > table.mask + 1 - (table.mask + 1) / 4 || live >= GATHER_FROM && keptSinceRebuild > live / 4) {
      rebuild();
    }
    return replaced < 0;
  }

  /** The slot of the live decision for the user and product, or -1; under the monitor. */
  private static int slotOf(Slots table, int hash, UserId user, ProductId product) {
    long wanted = filter(hash);
    for (int i = hash & table.mask; ; i = (i + 1) & table.mask) {
      long control = table.words[i << 2];
      if (control == 0) {
        return -1;
      }
      if ((control & (LIVE | HASH_MASK)) == (LIVE | wanted) && isFor(table.refs[i << 2], table.refs[(i << 2) + 1], user, product)) {
        return i;
      }
    }
  }

  /** Writes the decision, with its own answer, into the first slot never used on its probe and publishes it; under the monitor. */
  private static void put(Slots table, Decision decision) {
    put(table, decision, decision.decision);
  }

  /**
   * Writes the decision into the first slot never used on its probe, with {@code answer} (its
   * answer or an equal copy) as what a warm check returns, and publishes it; under the monitor or
   * before publishing {@code table}.
   */
  private static void put(Slots table, Decision decision, AccessDecision answer) {
    int i = decision.hash & table.mask;
    while (table.words[i << 2] != 0) {
      i = (i + 1) & table.mask;
    }
    int at = i << 2;
    table.words[at + 1] = decision.stamp;
    table.words[at + 2] = decision.decidedAtMillis;
    table.words[at + 3] = decision.limitMillis;
    table.refs[at] = decision.user;
    table.refs[at + 1] = decision.product;
    table.refs[at + 2] = answer;
    table.refs[at + 3] = decision;
    WORD.setRelease(table.words, at, control(decision.hash, decision.userStripe, decision.catalogStripe, decision.poolsStripe));
  }

  /**
   * Drops every decision kept for the user.
   *
   * @return how many were dropped
   */
  synchronized int forget(UserId user) {
    int dropped = 0;
    Slots table = slots;
    for (ProductId product : products) {
      int slot = slotOf(table, hash(user, product), user, product);
      if (slot >= 0) {
        removeAt(table, slot);
        dropped++;
      }
    }
    return dropped;
  }

  /**
   * Drops every decision {@code drop} accepts, then, while more than {@code keepAtMost} are kept,
   * any other but those of {@code spared}.
   *
   * @return how many were dropped
   */
  synchronized int sweep(Predicate<Decision> drop, long keepAtMost, UserId spared) {
    Slots table = slots;
    int before = live;
    int capacity = table.mask + 1;
    for (int i = 0; i < capacity; i++) {
      if ((table.words[i << 2] & LIVE) != 0 && drop.test((Decision) table.refs[(i << 2) + 3])) {
        removeAt(table, i);
      }
    }
    for (int i = 0; i < capacity && live > keepAtMost; i++) {
      if ((table.words[i << 2] & LIVE) != 0 && !((Decision) table.refs[(i << 2) + 3]).user.equals(spared)) {
        removeAt(table, i);
      }
    }
    if (live < before && used > 2 * live + SMALLEST) {
      rebuild();
    }
    return before - live;
  }

  /** How many decisions are kept. */
  synchronized int size() {
    return live;
  }

  private void removeAt(Slots table, int i) {
    WORD.setRelease(table.words, i << 2, TOMBSTONE);
    live--;
  }

  private void noteProduct(ProductId product) {
    ProductId[] known = products;
    for (ProductId p : known) {
      if (p.equals(product)) {
        return;
      }
    }
    ProductId[] more = Arrays.copyOf(known, known.length + 1);
    more[known.length] = product;
    products = more;
  }

  /**
   * Rebuilds the slots, without tombstones, at the smallest power of two (at least {@value
   * #SMALLEST}) that the live decisions fill at most two thirds of: dense enough that 10,000
   * decisions take 16,384 slots (48 bytes each, 768 KB; between 1.5 and 3 slots a decision after a
   * rebuild), sparse enough that a probe is short, and with at least a twelfth of the slots left
   * before the next rebuild.
   *
   * <p>Each answer a warm check returns is copied (an equal {@link AccessDecision}, sharing its
   * parts), the copies made one after another, so that they lie side by side in memory rather than
   * each among the records read to make it: a warm check of a random user then touches the
   * table's arrays and a compact run of answers, a few hundred pages for 10,000 decisions, instead
   * of a page of its own somewhere in the heap. So that most answers are gathered, a table of at
   * least {@value #GATHER_FROM} decisions is also rebuilt once a quarter as many as it holds have
   * been kept since the last rebuild (at most four copies per decision kept, on the path that just
   * decided).
   */
  private void rebuild() {
    Slots table = slots;
    // At most 2^28 slots, so that the arrays (four elements a slot) stay within an array's length.
    int wanted = (int) Math.min(1 << 28, Math.max(SMALLEST, live + (live + 1) / 2));
    Slots fresh = new Slots(Integer.highestOneBit(wanted - 1) << 1);
    int capacity = table.mask + 1;
    for (int i = 0; i < capacity; i++) {
      int at = i << 2;
      if ((table.words[at] & LIVE) != 0) {
        AccessDecision answer = (AccessDecision) table.refs[at + 2];
        put(fresh, (Decision) table.refs[at + 3], new AccessDecision(answer.user(), answer.product(), answer.reasons(), answer.claim()));
      }
    }
    used = live;
    keptSinceRebuild = 0;
    if (live == 0) {
      products = new ProductId[0];
    }
    slots = fresh;
  }
}
