package org.licensekit.core.api;

import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.UserId;

/**
 * What a bulk action did (or, in a dry run or a refused all-or-nothing run, would do) to one user.
 *
 * @param user the user
 * @param kind done, already so, or refused
 * @param code for a refusal a stable code such as {@code NO_SEAT_AVAILABLE} or {@code USER_ARCHIVED}
 * @param detail what happened, in words
 * @param product for a refusal for want of a seat ({@code NO_SEAT_AVAILABLE}, {@code NO_POOL}) the
 *     product no seat was found for, so a host (or a waitlist) can act on it; empty otherwise
 */
public record UserOutcome(UserId user, Kind kind, Optional<String> code, String detail, Optional<ProductId> product) {

  /** The three outcomes. */
  public enum Kind {
    /** The user was changed. */
    DONE,
    /** The user already was as the action wants; nothing changed. */
    ALREADY,
    /** The user could not be changed; nothing changed for them. */
    REFUSED
  }

  /**
   * Checks every component is present.
   *
   * @throws NullPointerException when a component is null
   */
  public UserOutcome {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(product, "product");
  }

  /**
   * An outcome that names no product.
   *
   * @throws NullPointerException when a component is null
   */
  public UserOutcome(UserId user, Kind kind, Optional<String> code, String detail) {
    this(user, kind, code, detail, Optional.empty());
  }

  /** The user was changed. */
  public static UserOutcome done(UserId user, String detail) {
    return new UserOutcome(user, Kind.DONE, Optional.empty(), detail);
  }

  /** The user already was as the action wants. */
  public static UserOutcome already(UserId user, String detail) {
    return new UserOutcome(user, Kind.ALREADY, Optional.empty(), detail);
  }

  /** The user was refused with {@code code}. */
  public static UserOutcome refused(UserId user, String code, String detail) {
    return new UserOutcome(user, Kind.REFUSED, Optional.of(code), detail);
  }

  /** The user was refused because no seat of {@code product} could be had ({@code NO_SEAT_AVAILABLE}, {@code NO_POOL}). */
  public static UserOutcome refusedForSeat(UserId user, ProductId product, String code, String detail) {
    return new UserOutcome(user, Kind.REFUSED, Optional.of(code), detail, Optional.of(product));
  }
}
