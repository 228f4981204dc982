package org.licensekit.core.spi;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.TenantId;
import org.licensekit.core.domain.UserId;

/**
 * Where a store may keep decided access checks: the answer for a tenant × user × product, reused
 * while nothing it depends on was written and the clock has not reached the instant at which the
 * answer can change by itself. A store that keeps none ({@link #none()}) decides every time.
 */
public interface AccessDecisionCache {

  /**
   * The access decision for {@code user} and {@code product} now: a kept one if it is still valid
   * at the clock's current instant, else the one {@code decider} makes, kept when it may be. The
   * clock is read at the check; an implementation may read {@link InstantSource#millis()} alone
   * (which builds nothing) when that settles the answer, and the full instant when it does not.
   *
   * @param tenant the tenant
   * @param user the user
   * @param product the product
   * @param clock the licensing clock, read at the check
   * @param decider makes the decision (reading the store) when none is kept
   * @return the decision valid at the instant of the check
   */
  AccessDecision decide(TenantId tenant, UserId user, ProductId product, InstantSource clock, Decider decider);

  /** Makes an access decision from the store's current state. */
  @FunctionalInterface
  interface Decider {

    /**
     * Decides, reading what the decision looks at through the store.
     *
     * @param user the user
     * @param product the product
     * @param now the instant of the check
     * @return the decision and until when it holds unless the store changes
     */
    Decided decide(UserId user, ProductId product, Instant now);
  }

  /**
   * A decision and the first instant at which it can change with no write: it holds from the
   * instant it was made until {@code validUntil} (exclusive), or {@link Instant#MAX}.
   *
   * @param decision the decision
   * @param validUntil the first instant at which the decision must be made again
   */
  record Decided(AccessDecision decision, Instant validUntil) {

    /**
     * Checks both parts.
     *
     * @throws NullPointerException when a part is null
     */
    public Decided {
      Objects.requireNonNull(decision, "decision");
      Objects.requireNonNull(validUntil, "validUntil");
    }
  }

  /**
   * Keeps nothing: every check is decided anew.
   *
   * @return the cache that keeps no decision
   */
  static AccessDecisionCache none() {
    return (tenant, user, product, clock, decider) -> decider.decide(user, product, clock.instant()).decision();
  }
}
