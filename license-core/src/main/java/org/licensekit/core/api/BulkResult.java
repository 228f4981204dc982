package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a bulk action. Counts cover every selected user; {@link #outcomes()} is a bounded
 * sample (at most the request's {@code sampleLimit}, refusals first, then in user-id order) so a
 * run over 100,000 users stays small — a {@link BulkListener} sees every outcome. This is also what
 * an idempotency key stores and what a replay returns.
 *
 * @param idempotencyKey the request's key, if any
 * @param mode the request's mode
 * @param dryRun whether this was a preview that wrote nothing
 * @param status {@code COMPLETED}, or {@code REFUSED} for an all-or-nothing run that wrote nothing
 * @param selected users the filter selected and the action processed
 * @param done users changed (or, when dry or refused, that would have been)
 * @param already users already as the action wants
 * @param refused users refused
 * @param outcomes the sample of per-user outcomes
 * @param outcomesTruncated whether some outcomes were left out of the sample
 * @param seats seats needed against available, per product the action assigns or releases
 * @param replayed whether this result was stored by an earlier run with the same idempotency key
 */
public record BulkResult(
    Optional<String> idempotencyKey,
    BulkMode mode,
    boolean dryRun,
    Status status,
    long selected,
    long done,
    long already,
    long refused,
    List<UserOutcome> outcomes,
    boolean outcomesTruncated,
    List<SeatForecast> seats,
    boolean replayed) {

  /** Whether the action took effect. */
  public enum Status {
    /** Every change that could be made was (best-effort), or every user was changed (all-or-nothing). */
    COMPLETED,
    /** All-or-nothing and some user would have been refused: nothing was written. */
    REFUSED
  }

  public BulkResult {
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
    outcomes = ImmutableList.copyOf(outcomes);
    seats = ImmutableList.copyOf(seats);
  }

  /** The outcome of {@code user}, when the sample holds it. */
  public Optional<UserOutcome> outcomeOf(org.licensekit.core.domain.UserId user) {
    return outcomes.stream().filter(o -> o.user().equals(user)).findFirst();
  }

  /** The seat forecast of {@code product}, when the action touched it. */
  public Optional<SeatForecast> seatsOf(org.licensekit.core.domain.ProductId product) {
    return seats.stream().filter(s -> s.product().equals(product)).findFirst();
  }

  /** This result as returned again for a replayed request. */
  public BulkResult asReplay() {
    return new BulkResult(idempotencyKey, mode, dryRun, status, selected, done, already, refused, outcomes,
        outcomesTruncated, seats, true);
  }
}
