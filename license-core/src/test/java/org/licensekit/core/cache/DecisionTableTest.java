package org.licensekit.core.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ClaimId;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * The flat per-tenant table of kept decisions: against a plain map under seeded random commands,
 * with real threads keeping, forgetting, sweeping, finding and serving at once, and what it serves
 * from its inline words against what each decision says.
 */
class DecisionTableTest {

  private static final Instant DECIDED = Instant.parse("2026-09-01T08:00:00Z");
  private static final AtomicLong TAGS = new AtomicLong();

  /** Generations all zero, as the decisions of {@link #decision} were made under. */
  private static final AtomicLongArray ZEROS = new AtomicLongArray(3);
  private static final Instant LATER = DECIDED.plusSeconds(60);

  /**
   * A decision for the user and product, told apart from others for the same key by its stale-at
   * tag (a clock millisecond far in the future) and by the claim of its answer: wall-timed in clock
   * epoch 0 under generations all zero, so that it is served at {@link #LATER}.
   */
  private static Decision decision(UserId user, ProductId product) {
    long tag = TAGS.incrementAndGet();
    return new Decision(user, product, new AccessDecision(user, product, List.of(), Optional.of(ClaimId.of("c" + tag))),
        DECIDED, Instant.MAX, Long.MAX_VALUE - tag, 0, 0, 1, 0, 2, 0, true, 0);
  }

  /** What a warm check is served for the key at {@link #LATER}: the answer of the decision found, or an equal copy. */
  private static AccessDecision served(DecisionTable table, UserId user, ProductId product) {
    return table.served(user, product, 0, ZEROS, InstantSource.fixed(LATER), LATER.toEpochMilli());
  }

  /** Ids built anew each time, so the table must match them by value, not only by identity. */
  private static UserId user(int i) {
    return UserId.of(new String("u" + i));
  }

  private static ProductId product(int i) {
    return ProductId.of(new String("p" + i));
  }

  private record Key(UserId user, ProductId product) {}

  @Test
  void behavesLikeAMapUnderSeededRandomCommands() {
    for (int run = 0; run < 40; run++) {
      long seed = new Random().nextLong();
      try {
        randomCommands(seed);
      } catch (AssertionError failed) {
        throw new AssertionError("seed " + seed + ": " + failed.getMessage(), failed);
      }
    }
  }

  private static void randomCommands(long seed) {
    Random random = new Random(seed);
    DecisionTable table = new DecisionTable();
    Map<Key, Decision> model = new HashMap<>();
    int users = 1 + random.nextInt(300);
    int products = 1 + random.nextInt(6);
    for (int step = 0; step < 3_000; step++) {
      UserId user = user(random.nextInt(users));
      ProductId product = product(random.nextInt(products));
      int command = random.nextInt(100);
      if (command < 55) {
        Decision kept = decision(user, product);
        boolean added = table.keep(kept);
        assertThat(added).as("step %d: keep adds exactly when the key was absent", step)
            .isEqualTo(model.put(new Key(user, product), kept) == null);
      } else if (command < 70) {
        int expected = (int) model.keySet().stream().filter(key -> key.user().equals(user)).count();
        assertThat(table.forget(user)).as("step %d: forget drops the user's decisions", step).isEqualTo(expected);
        model.keySet().removeIf(key -> key.user().equals(user));
      } else if (command < 73) {
        long keepAtMost = random.nextInt(Math.max(1, model.size() + 1));
        long parity = random.nextInt(2);
        table.sweep(d -> d.staleAt() % 2 == parity, keepAtMost, user);
        for (Map.Entry<Key, Decision> entry : new ArrayList<>(model.entrySet())) {
          Decision found = table.find(entry.getKey().user(), entry.getKey().product());
          if (entry.getValue().staleAt() % 2 == parity) {
            assertThat(found).as("step %d: a decision the sweep drops is gone", step).isNull();
          } else if (entry.getKey().user().equals(user)) {
            assertThat(found).as("step %d: the spared user's decisions stay", step).isSameAs(entry.getValue());
          }
          if (found == null) {
            model.remove(entry.getKey());
          } else {
            assertThat(found).isSameAs(entry.getValue());
          }
        }
        long spared = model.keySet().stream().filter(key -> key.user().equals(user)).count();
        assertThat((long) model.size()).as("step %d: the sweep keeps at most its bound, the spared user aside", step)
            .isLessThanOrEqualTo(Math.max(keepAtMost, spared));
      }
      UserId asked = user(random.nextInt(users));
      Decision found = table.find(asked, product);
      if (found != null) {
        assertThat(model.get(new Key(found.user, found.product))).isSameAs(found);
      }
      assertThat(served(table, asked, product)).as("step %d: served the answer of the decision found (a copy after a rebuild)", step)
          .isEqualTo(found == null ? null : found.decision);
      assertThat(table.size()).as("step %d: size", step).isEqualTo(model.size());
    }
    for (Map.Entry<Key, Decision> entry : model.entrySet()) {
      assertThat(table.find(user(Integer.parseInt(entry.getKey().user().value().substring(1))), entry.getKey().product()))
          .isSameAs(entry.getValue());
    }
    for (int u = 0; u < users; u++) {
      for (int p = 0; p < products; p++) {
        assertThat(table.find(user(u), product(p))).isSameAs(model.get(new Key(user(u), product(p))));
      }
    }
  }

  @Test
  void readersFindOnlyTheDecisionOfTheirKeyWhileWritersKeepForgetAndResize() throws Exception {
    DecisionTable table = new DecisionTable();
    int writers = 3;
    int users = 1_500;
    int products = 3;
    AtomicBoolean writing = new AtomicBoolean(true);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Map<Key, Decision>> models = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      Map<Key, Decision> model = new HashMap<>();
      models.add(model);
      threads.add(new Thread(() -> {
        Random random = new Random(writer);
        try {
          start.await();
          for (int step = 0; step < 30_000; step++) {
            // each writer owns the users whose number it is modulo writers, so its model is exact
            UserId user = user(random.nextInt(users / writers) * writers + writer);
            ProductId product = product(random.nextInt(products));
            if (random.nextInt(10) < 8) {
              Decision kept = decision(user, product);
              table.keep(kept);
              model.put(new Key(user, product), kept);
            } else {
              table.forget(user);
              model.keySet().removeIf(key -> key.user().equals(user));
            }
          }
        } catch (Throwable failed) {
          failures.add(failed);
        }
      }));
    }
    for (int r = 0; r < 2; r++) {
      int reader = r;
      threads.add(new Thread(() -> {
        Random random = new Random(100 + reader);
        try {
          start.await();
          while (writing.get()) {
            UserId user = user(random.nextInt(users));
            ProductId product = product(random.nextInt(products));
            Decision found = table.find(user, product);
            if (found != null && !(found.user.equals(user) && found.product.equals(product)
                && found.decision.user().equals(user) && found.decision.product().equals(product))) {
              throw new AssertionError("asked for " + user + " × " + product + ", found " + found.user + " × " + found.product);
            }
            AccessDecision answer = served(table, user, product);
            if (answer != null && !(answer.user().equals(user) && answer.product().equals(product))) {
              throw new AssertionError("asked for " + user + " × " + product + ", served " + answer.user() + " × " + answer.product());
            }
          }
        } catch (Throwable failed) {
          failures.add(failed);
        }
      }));
    }
    threads.forEach(Thread::start);
    start.countDown();
    for (Thread thread : threads.subList(0, writers)) {
      thread.join();
    }
    writing.set(false);
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(failures).isEmpty();
    int expected = 0;
    for (Map<Key, Decision> model : models) {
      expected += model.size();
      for (Map.Entry<Key, Decision> entry : model.entrySet()) {
        assertThat(table.find(entry.getKey().user(), entry.getKey().product())).isSameAs(entry.getValue());
        assertThat(served(table, entry.getKey().user(), entry.getKey().product())).isEqualTo(entry.getValue().decision);
      }
    }
    assertThat(table.size()).isEqualTo(expected);
  }

  /**
   * What a warm check is served from the slot's words is what the decision itself says: for random
   * decisions (stripes among few, so they coincide; generations, epochs, decided-at and validity
   * at random; wall-timed or not) and random checks (bumped generations, other epochs, clock
   * instants before, inside, at both ends of and after the validity, in and around the staleness
   * bound), {@code served} returns the decision's answer exactly when {@link
   * Decision#holdsOnWall} holds, else nothing.
   */
  @Test
  void servesExactlyWhatTheDecisionHoldsOnTheWall() {
    for (int run = 0; run < 40; run++) {
      long seed = new Random().nextLong();
      try {
        servedAgainstDecisions(seed);
      } catch (AssertionError failed) {
        throw new AssertionError("seed " + seed + ": " + failed.getMessage(), failed);
      }
    }
  }

  private static void servedAgainstDecisions(long seed) {
    Random random = new Random(seed);
    int stripes = 5;
    AtomicLongArray generations = new AtomicLongArray(stripes);
    DecisionTable table = new DecisionTable();
    long epoch = random.nextInt(3);
    List<Key> keys = new ArrayList<>();
    for (int step = 0; step < 2_000; step++) {
      UserId user = user(random.nextInt(40));
      ProductId product = product(random.nextInt(3));
      if (random.nextInt(3) == 0) {
        Instant decided = DECIDED.plusMillis(random.nextInt(50)).plusNanos(random.nextInt(1_000_000));
        Instant validUntil = random.nextInt(4) == 0 ? Instant.MAX : decided.plusMillis(random.nextInt(40)).plusNanos(random.nextInt(1_000_000));
        long staleAt = random.nextInt(4) == 0 ? Long.MAX_VALUE : decided.toEpochMilli() + random.nextInt(60);
        int u = random.nextInt(stripes);
        int c = random.nextInt(stripes);
        int p = random.nextInt(stripes);
        table.keep(new Decision(user, product, new AccessDecision(user, product, List.of(), Optional.of(ClaimId.of("c" + step))),
            decided, validUntil, staleAt, u, generations.get(u), c, generations.get(c), p, generations.get(p),
            random.nextInt(5) != 0, epoch));
        keys.add(new Key(user, product));
      } else if (random.nextInt(8) == 0) {
        generations.incrementAndGet(random.nextInt(stripes));
      } else if (random.nextInt(30) == 0) {
        epoch++;
      } else if (!keys.isEmpty()) {
        Key key = keys.get(random.nextInt(keys.size()));
        Instant now = DECIDED.plusMillis(random.nextInt(100) - 5).plusNanos(random.nextInt(1_000_000));
        InstantSource clock = InstantSource.fixed(now);
        long checkEpoch = random.nextInt(10) == 0 ? epoch + 1 : epoch;
        Decision kept = table.find(key.user(), key.product());
        AccessDecision expected = kept != null && kept.holdsOnWall(checkEpoch, generations, clock, clock.millis()) ? kept.decision : null;
        assertThat(table.served(key.user(), key.product(), checkEpoch, generations, clock, clock.millis()))
            .as("step %d: %s × %s at %s", step, key.user(), key.product(), now).isEqualTo(expected);
      }
    }
  }

  /**
   * The answers a warm check is served are gathered: once a table has grown, most of them are the
   * copies its rebuilds made one after another, not the answers made among the records each was
   * decided from. With rebuilds only when the table grows, 10,000 decisions kept one after another
   * would leave those kept after the last growth (past 6,145) uncopied, about 39%; rebuilding also
   * after every quarter of the table kept leaves 283.
   */
  @Test
  void mostServedAnswersAreTheRebuildsCopies() {
    DecisionTable table = new DecisionTable();
    List<Decision> kept = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Decision decision = decision(user(i), product(0));
      table.keep(decision);
      kept.add(decision);
    }
    int copies = 0;
    for (Decision decision : kept) {
      AccessDecision answer = served(table, decision.user, decision.product);
      assertThat(answer).isEqualTo(decision.decision);
      copies += answer == decision.decision ? 0 : 1;
    }
    assertThat(copies).as("answers served from a rebuild's copies").isGreaterThanOrEqualTo(8_000);
  }
}
