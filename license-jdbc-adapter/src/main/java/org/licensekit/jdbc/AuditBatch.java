package org.licensekit.jdbc;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.licensekit.core.domain.AuditLink;
import org.licensekit.core.domain.ChangeType;

/**
 * Which entries of a set-based append on PostgreSQL are batched (schema version 30): those whose
 * action makes up at least {@code 1/}{@value #DENSITY} of the append and has at least
 * {@link BulkInsert#SET_BASED_FROM} entries in it. The action and time indexes leave them out; the
 * append's {@link Summary} row in {@code audit_batches} finds them instead. The density bound is
 * what keeps a page cheap: a page of N matches read from a chunk's run of positions passes at most
 * {@value #DENSITY}·N entries. The append's other entries stay in both indexes.
 */
final class AuditBatch {

  /** A batched action is at least one in this many of its append's entries. */
  static final int DENSITY = 8;

  private final Set<ChangeType> held;
  private final Optional<Summary> summary;

  /**
   * The row of {@code audit_batches}: the batched entries' first and last chain position, earliest
   * and latest instant, and per batched action (in the order of {@link ChangeType}) how many.
   */
  record Summary(long firstPosition, long lastPosition, Instant firstAt, Instant lastAt, Map<ChangeType, Integer> entries) {

    /** The actions as a PostgreSQL array literal (enum names need no quoting). */
    String actionsLiteral() {
      return entries.keySet().stream().map(ChangeType::name).collect(Collectors.joining(",", "{", "}"));
    }

    /** The counts, in the order of {@link #actionsLiteral()}. */
    String entriesLiteral() {
      return entries.values().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
  }

  private AuditBatch(Set<ChangeType> held, Optional<Summary> summary) {
    this.held = held;
    this.summary = summary;
  }

  /** The batch of an append's linked entries, in chain order. */
  static AuditBatch of(List<AuditLink> links) {
    Map<ChangeType, Integer> counts = new EnumMap<>(ChangeType.class);
    links.forEach(link -> counts.merge(link.entry().action(), 1, Integer::sum));
    counts.values().removeIf(count -> count < BulkInsert.SET_BASED_FROM || (long) count * DENSITY < links.size());
    if (counts.isEmpty()) {
      return new AuditBatch(Set.of(), Optional.empty());
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    Instant firstAt = Instant.MAX;
    Instant lastAt = Instant.MIN;
    for (AuditLink link : links) {
      if (counts.containsKey(link.entry().action())) {
        first = Math.min(first, link.position());
        last = Math.max(last, link.position());
        Instant at = link.entry().at();
        firstAt = at.isBefore(firstAt) ? at : firstAt;
        lastAt = at.isAfter(lastAt) ? at : lastAt;
      }
    }
    return new AuditBatch(Set.copyOf(counts.keySet()), Optional.of(new Summary(first, last, firstAt, lastAt,
        java.util.Collections.unmodifiableMap(new EnumMap<>(counts)))));
  }

  /** Whether entries of this action are batched (left out of the action and time indexes). */
  boolean holds(ChangeType action) {
    return held.contains(action);
  }

  /** The append's summary row; empty when no action is frequent enough to be batched. */
  Optional<Summary> summary() {
    return summary;
  }
}
