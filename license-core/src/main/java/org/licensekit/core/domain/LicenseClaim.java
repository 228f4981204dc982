package org.licensekit.core.domain;

import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One user's license for one product, from assignment on. A live claim (pending or active) holds one
 * seat of {@link #pool()}. Every transition is stamped with who, when and why.
 */
@Value.Immutable
public interface LicenseClaim {

  ClaimId id();

  UserId user();

  ProductId product();

  PoolId pool();

  ClaimStatus status();

  /** True when the product was assigned directly rather than through a role. */
  boolean direct();

  Instant assignedAt();

  Actor assignedBy();

  /** When the user claimed it (moved it to {@code ACTIVE}). */
  Optional<Instant> claimedAt();

  /** When an active claim stops being valid. */
  Optional<Instant> expiresAt();

  /** When the claim became {@code EXPIRED} or {@code REVOKED}. */
  Optional<Instant> endedAt();

  Optional<Actor> endedBy();

  /** Why the claim was assigned or ended, in the actor's words. */
  Optional<String> reason();

  /**
   * The store's optimistic-lock version of this claim: 0 when it was inserted, one more after each
   * compare-and-set. A store replaces a claim only while its stored version still equals the version
   * of the value the change was made from, so edits that keep the status (a reschedule, a move, the
   * direct flag) detect a concurrent change too. Not part of equality.
   */
  @Value.Default
  @Value.Auxiliary
  default long version() {
    return 0;
  }

  /** This claim as a store holds it after one successful compare-and-set of {@code this}. */
  default LicenseClaim nextVersion() {
    return ImmutableLicenseClaim.copyOf(this).withVersion(version() + 1);
  }

  /** Whether the claim is pending or active. */
  @Value.Derived
  @Value.Auxiliary
  default boolean live() {
    return status().isLive();
  }

  /** Whether the claim's own validity has run out at {@code now}: it carries an expiry no later than {@code now}. */
  default boolean expiredAt(Instant now) {
    return expiresAt().filter(expiry -> !now.isBefore(expiry)).isPresent();
  }

  static ImmutableLicenseClaim.Builder builder() {
    return ImmutableLicenseClaim.builder();
  }
}
