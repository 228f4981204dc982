package org.licensekit.core.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * The activation rate of one period against the period before, as the monthly review tells it:
 * each period's rate is the claims assigned in it that were claimed (by now) ÷ the claims assigned
 * in it — the analytics report's activation for that period — and the change is this period's
 * rate minus the previous one's. A period in which nothing was assigned has no rate, and then
 * there is no change either.
 *
 * @param current the reviewed period's rate, empty when nothing was assigned in it
 * @param previous the period before's rate, empty when nothing was assigned in it
 */
public record ActivationTrend(Optional<Double> current, Optional<Double> previous) {

  /** What {@link #text()} writes for a rate or change that does not exist. */
  public static final String NONE = "-";

  /**
   * The trend between two periods' cohorts.
   *
   * @param assigned claims assigned in the reviewed period
   * @param activated those of them claimed
   * @param assignedBefore claims assigned in the period before
   * @param activatedBefore those of them claimed
   * @return the trend
   * @throws IllegalArgumentException when a count is negative or more were activated than assigned
   */
  public static ActivationTrend of(int assigned, int activated, int assignedBefore, int activatedBefore) {
    return new ActivationTrend(rate(assigned, activated), rate(assignedBefore, activatedBefore));
  }

  private static Optional<Double> rate(int assigned, int activated) {
    if (assigned < 0 || activated < 0 || activated > assigned) {
      throw new IllegalArgumentException("activated " + activated + " of " + assigned + " assigned");
    }
    return assigned == 0 ? Optional.empty() : Optional.of((double) activated / assigned);
  }

  /** This period's rate minus the previous one's, when both exist. */
  public Optional<Double> change() {
    return current.flatMap(now -> previous.map(before -> now - before));
  }

  /**
   * {@code <current>/<previous>/<change>}: rates with three decimals ({@code 0.750}), the change
   * signed ({@code +0.250}, {@code -0.100}, {@code +0.000}), {@value #NONE} for what does not exist.
   *
   * @return the text
   */
  public String text() {
    return current.map(ActivationTrend::decimal).orElse(NONE) + "/" + previous.map(ActivationTrend::decimal).orElse(NONE) + "/"
        + change().map(ActivationTrend::signed).orElse(NONE);
  }

  /** The change rounded to thousandths first, so a difference too small to show reads {@code +0.000}, never {@code -0.000}. */
  private static String signed(double change) {
    long thousandths = Math.round(change * 1000);
    return (thousandths < 0 ? "-" : "+") + decimal(Math.abs(thousandths) / 1000.0);
  }

  private static String decimal(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
