package org.licensekit.core.spi;

import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/** A message LicenseKit asks the host to deliver to a user (by email, in-app, …). */
@Value.Immutable
@Value.Style(visibility = Value.Style.ImplementationVisibility.PUBLIC)
public interface Notification {

  /** What the message is about. */
  enum Kind {
    INVITATION,
    CLAIM_REMINDER,
    EXPIRATION_ALERT,
    /** Training was assigned to the user: attributes {@code training}, {@code dueAt}, and {@code product} when a product needs it. */
    TRAINING_ASSIGNED,
    /** A recorded completion met the last prerequisite of a product the user holds: attributes {@code product}, {@code training}. */
    PRODUCT_AVAILABLE,
    /** A freed seat of a product the user waited for was assigned to them (a pending claim): attributes {@code product}, {@code pool}, {@code claim}. */
    SEAT_ASSIGNED,
    /**
     * The monthly license review's digest: attributes {@code period}, {@code seatsPurchased}, {@code seatsAssigned},
     * {@code seatsAvailable}, {@code activationRate}, {@code seatsByProduct}, {@code pendingClaims},
     * {@code unusedLicenses}, {@code poolsEndingSoon}, {@code waitingUsers}, {@code waitingByProduct}, and the
     * activation trend: {@code activationPeriod} (the last whole month, {@code yyyy-MM}), {@code activationPreviousPeriod}
     * (the month before it), {@code activationTrend} (all products) and {@code activationTrendByProduct}
     * ({@code product=<trend>,…} by product id, for the products with claims assigned in either month), each trend {@code <rate>/<previous rate>/<change>} as
     * {@link org.licensekit.core.policy.ActivationTrend#text()} writes it.
     */
    MONTHLY_REVIEW
  }

  TenantId tenant();

  Kind kind();

  UserId user();

  String email();

  String name();

  /**
   * The id of the outbox message that carried this notification: the same on every delivery
   * attempt, so a host that may receive a message twice (delivery is at least once) de-duplicates
   * on it; a notification delivered in a batch ({@code Notifier.sendAll}) has the batch message's id
   * followed by {@code /} and its place in the batch, from 1. Empty only for a notification built
   * outside LicenseKit's delivery.
   */
  Optional<String> messageId();

  /** Facts for the host's template, such as the product or the expiry date. */
  Map<String, String> attributes();

  static ImmutableNotification.Builder builder() {
    return ImmutableNotification.builder();
  }
}
