package org.licensekit.core.internal.bulk;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.licensekit.core.api.UserOutcome;

/**
 * Counts every outcome of a bulk run but keeps at most {@code limit} of them — refusals first — so a
 * run over any number of users holds a bounded number of outcome objects.
 */
final class OutcomeSample {

  private final int limit;
  private final List<UserOutcome> refusals = new ArrayList<>();
  private final List<UserOutcome> others = new ArrayList<>();
  private long done;
  private long already;
  private long refused;

  OutcomeSample(int limit) {
    this.limit = limit;
  }

  public void add(UserOutcome outcome) {
    switch (outcome.kind()) {
      case DONE -> done++;
      case ALREADY -> already++;
      case REFUSED -> refused++;
      default -> throw new IllegalStateException(outcome.kind().name());
    }
    List<UserOutcome> bucket = outcome.kind() == UserOutcome.Kind.REFUSED ? refusals : others;
    if (bucket.size() < limit) {
      bucket.add(outcome);
    }
  }

  public long done() {
    return done;
  }

  public long already() {
    return already;
  }

  public long refused() {
    return refused;
  }

  long total() {
    return done + already + refused;
  }

  boolean truncated() {
    return total() > limit;
  }

  /** Up to {@code limit} outcomes: every kept refusal, then the others, in user-id order. */
  List<UserOutcome> outcomes() {
    List<UserOutcome> kept = new ArrayList<>(refusals);
    others.stream().limit(Math.max(0, limit - refusals.size())).forEach(kept::add);
    kept.sort(Comparator.comparing(UserOutcome::user));
    return ImmutableList.copyOf(kept);
  }
}
