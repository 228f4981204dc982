package org.licensekit.core.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A domain event, published after the change it describes has been committed. One event type with
 * a {@link ChangeType} keeps subscribers simple: switch on {@link #type()}.
 */
@Value.Immutable
public interface LicenseEvent {

  TenantId tenant();

  ChangeType type();

  Instant at();

  Actor actor();

  String subjectType();

  String subjectId();

  Optional<UserId> user();

  Optional<ProductId> product();

  /**
   * The id of the outbox message that carried this event: the same on every delivery attempt, so
   * a subscriber that may receive an event twice (delivery is at least once) de-duplicates on it;
   * an event delivered in a batch ({@code EventPublisher.publishAll}) has the batch message's id
   * followed by {@code /} and its place in the batch, from 1. Empty only for an event built outside
   * LicenseKit's delivery.
   */
  Optional<String> messageId();

  /** Further facts, such as the pool or the previous status. */
  Map<String, String> attributes();

  static ImmutableLicenseEvent.Builder builder() {
    return ImmutableLicenseEvent.builder();
  }
}
