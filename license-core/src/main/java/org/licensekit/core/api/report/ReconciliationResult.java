package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a reconciliation found and, unless it was a dry run, fixed.
 *
 * @param at when it ran
 * @param dryRun whether fixes were only proposed
 * @param found every discrepancy found, ordered by kind (the order fixes apply in), then product,
 *     pool and claim
 * @param claimsChanged claims expired or revoked by the fixes (none on a dry run)
 * @param countersCorrected pools whose seat counter was corrected (none on a dry run)
 */
public record ReconciliationResult(Instant at, boolean dryRun, List<Discrepancy> found, int claimsChanged, int countersCorrected) {

  public ReconciliationResult {
    Objects.requireNonNull(at, "at");
    found = ImmutableList.copyOf(found);
  }

  /** The discrepancies of one kind. */
  public List<Discrepancy> found(DiscrepancyKind kind) {
    return found.stream().filter(d -> d.kind() == kind).collect(ImmutableList.toImmutableList());
  }

  /** Whether nothing is wrong. */
  public boolean clean() {
    return found.isEmpty();
  }
}
