package org.licensekit.core.api;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.licensekit.core.InvalidInputException;

/**
 * Expiration alerts before a pool's term ends: for each pool, once per window and term end, an
 * {@code EXPIRATION_ALERTED} event and audit entry, and an {@code EXPIRATION_ALERT} notification to
 * each contact. Only the narrowest window the pool is in alerts: a pool 5 days from its end with no
 * alert yet gets the 7-day alert, not three at once.
 *
 * @param windows how long before the term's end to alert
 * @param contacts who is notified; with none, alerts are events and audit entries only
 */
public record ExpirationAlerts(List<Duration> windows, List<AlertContact> contacts) {

  public ExpirationAlerts {
    windows = ImmutableList.sortedCopyOf(Comparator.reverseOrder(), windows);
    contacts = ImmutableList.copyOf(contacts);
    if (windows.isEmpty() || windows.stream().anyMatch(w -> w.isNegative() || w.isZero())) {
      throw InvalidInputException.of("windows", "must be one or more positive durations");
    }
    if (windows.stream().distinct().count() != windows.size()) {
      throw InvalidInputException.of("windows", "must not repeat a window");
    }
  }

  /** Windows of 90, 30 and 7 days, to these contacts. */
  public static ExpirationAlerts defaults(List<AlertContact> contacts) {
    return new ExpirationAlerts(List.of(Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(7)), contacts);
  }
}
