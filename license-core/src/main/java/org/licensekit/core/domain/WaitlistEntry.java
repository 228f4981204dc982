package org.licensekit.core.domain;

import java.time.Instant;
import org.immutables.value.Value;

/**
 * A user waiting for a seat of a product: refused for lack of seats (every pool in term serving
 * them was full), queued in order, and given the next seat a pool serving them frees. One per
 * tenant × product × user.
 */
@Value.Immutable
public interface WaitlistEntry {

  ProductId product();

  UserId user();

  /** When the user was queued. */
  Instant queuedAt();

  /** Whether the seat given from the queue is a direct assignment (it then outlives the user's roles). */
  boolean direct();

  /** Why the user was queued: the assignment that was refused. */
  String reason();

  static ImmutableWaitlistEntry.Builder builder() {
    return ImmutableWaitlistEntry.builder();
  }
}
