package org.licensekit.core.api.report;

import com.google.common.collect.ImmutableSortedMap;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Seat figures of one product, or of all products together, over the pools in term now.
 *
 * @param purchased seats of the pools in term ({@code start <= now < end})
 * @param pending pending claims holding seats of those pools
 * @param claimed active claims holding seats of those pools
 * @param available seats of those pools no live claim holds, pool by pool (an over-allocated pool
 *     counts zero, never less)
 * @param expiringWithinDays for each window of N days: seats of those pools whose term ends within
 *     N days ({@code end <= now + N days}); longest window first
 * @param nextExpiration the earliest term end among those pools
 * @param nextRenewal the earliest contract renewal date on or after today (UTC) among the pools
 *     whose term has not ended
 */
public record SeatFigures(
    int purchased,
    int pending,
    int claimed,
    int available,
    Map<Integer, Integer> expiringWithinDays,
    Optional<Instant> nextExpiration,
    Optional<LocalDate> nextRenewal) {

  public SeatFigures {
    expiringWithinDays = ImmutableSortedMap.copyOf(expiringWithinDays, Comparator.reverseOrder());
    Objects.requireNonNull(nextExpiration, "nextExpiration");
    Objects.requireNonNull(nextRenewal, "nextRenewal");
  }

  /** Pending plus active claims: seats taken. */
  public int assigned() {
    return pending + claimed;
  }

  /** Claimed ÷ assigned, from 0 to 1; 0 when nothing is assigned. */
  public double activationRate() {
    return assigned() == 0 ? 0.0 : (double) claimed / assigned();
  }
}
