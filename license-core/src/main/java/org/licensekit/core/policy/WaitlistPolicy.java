package org.licensekit.core.policy;

import java.util.Optional;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserAccount;

/**
 * What becomes of a waiting user when a seat of their product may be free. Users are served in
 * queue order; one the seat cannot serve now keeps their place (skip but keep), one who should no
 * longer wait leaves the queue.
 */
public final class WaitlistPolicy {

  private WaitlistPolicy() {}

  /** The verdict for one waiting user. */
  public enum Verdict {
    /** Give the user a seat of a pool serving them, if one is free. */
    SERVE,
    /** Pass over the user this time, keeping their place: they cannot use a seat yet. */
    KEEP,
    /** Take the user out of the queue: they should no longer wait. */
    DROP
  }

  /** A verdict and why. */
  public record Decision(Verdict verdict, String why) {}

  /**
   * Decides for one waiting user.
   *
   * @param account the user's account; empty when the user no longer exists
   * @param holdsLive whether the user holds a live claim of the product already
   * @param justified whether a role the user holds grants the product, or the user waits for a direct assignment
   * @param prerequisitesMet whether the user meets every prerequisite of the product now
   */
  public static Decision decide(Optional<UserAccount> account, TenantSettings settings, boolean holdsLive, boolean justified,
      boolean prerequisitesMet) {
    if (account.isEmpty()) {
      return new Decision(Verdict.DROP, "the user is no longer registered");
    }
    if (account.get().status() == AccountStatus.ARCHIVED) {
      return new Decision(Verdict.DROP, "the user is archived");
    }
    if (holdsLive) {
      return new Decision(Verdict.DROP, "the user holds the product already");
    }
    if (!justified) {
      return new Decision(Verdict.DROP, "no role the user holds grants the product any more");
    }
    Optional<Refusal> unassignable = AccountLifecycle.assignable(account.get(), settings);
    if (unassignable.isPresent()) {
      return new Decision(Verdict.KEEP, unassignable.get().message());
    }
    if (!prerequisitesMet) {
      return new Decision(Verdict.KEEP, "the user has not met the product's prerequisites yet");
    }
    return new Decision(Verdict.SERVE, "the user can use a seat now");
  }
}
