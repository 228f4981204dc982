package org.licensekit.core.policy;

import com.google.common.collect.Sets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.AccountStatus;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.TenantSettings;
import org.licensekit.core.domain.UserAccount;
import org.licensekit.core.domain.UserId;

/**
 * The account state machine and what it means for seats: {@code INVITED→ACTIVE} (activate),
 * {@code INVITED|ACTIVE→SUSPENDED} (suspend), {@code SUSPENDED→ACTIVE} (reactivate),
 * {@code INVITED|ACTIVE|SUSPENDED→ARCHIVED} (archive); nothing else. Archived accounts never hold
 * seats; suspended ones hold them while the tenant lets suspended users keep seats (DESIGN rule 8).
 * A move into a status that holds no seats releases them; reactivation assigns them again.
 */
public final class AccountLifecycle {

  /** The code of a refused status change. */
  public static final String ILLEGAL_STATUS_CHANGE = "ILLEGAL_STATUS_CHANGE";
  /** The code when an archived user would be given a product. */
  public static final String USER_ARCHIVED = "USER_ARCHIVED";
  /** The code when a suspended user would be given a product while the tenant releases suspended users' seats. */
  public static final String USER_SUSPENDED = "USER_SUSPENDED";

  private AccountLifecycle() {}

  /** A status change a command asks for. */
  public enum Move {
    /** The user accepted the invitation. */
    ACTIVATE(Set.of(AccountStatus.INVITED), AccountStatus.ACTIVE, ChangeType.USER_ACTIVATED),
    /** Temporarily blocked. */
    SUSPEND(Set.of(AccountStatus.INVITED, AccountStatus.ACTIVE), AccountStatus.SUSPENDED, ChangeType.USER_SUSPENDED),
    /** Back from a suspension. */
    REACTIVATE(Set.of(AccountStatus.SUSPENDED), AccountStatus.ACTIVE, ChangeType.USER_REACTIVATED),
    /** Gone for good. */
    ARCHIVE(Set.of(AccountStatus.INVITED, AccountStatus.ACTIVE, AccountStatus.SUSPENDED), AccountStatus.ARCHIVED,
        ChangeType.USER_ARCHIVED);

    private final Set<AccountStatus> from;
    private final AccountStatus to;
    private final ChangeType changeType;

    Move(Set<AccountStatus> from, AccountStatus to, ChangeType changeType) {
      this.from = Sets.immutableEnumSet(from);
      this.to = to;
      this.changeType = changeType;
    }

    /** The statuses this move starts from. */
    public Set<AccountStatus> from() {
      return from;
    }

    /** The status this move ends in. */
    public AccountStatus to() {
      return to;
    }

    /** What the audit trail and the events call this move. */
    public ChangeType changeType() {
      return changeType;
    }
  }

  /** Refuses the move from {@code current}; empty when it is legal. */
  public static Optional<Refusal> check(AccountStatus current, Move move) {
    return move.from().contains(current)
        ? Optional.empty()
        : Optional.of(new Refusal(ILLEGAL_STATUS_CHANGE, "the account is " + current + " and cannot become " + move.to()));
  }

  /** Whether an account in {@code status} holds seats under the tenant's settings. */
  public static boolean holdsSeats(AccountStatus status, TenantSettings settings) {
    return switch (status) {
      case INVITED, ACTIVE -> true;
      case SUSPENDED -> settings.suspendedUsersKeepSeats();
      case ARCHIVED -> false;
    };
  }

  /** Whether the move releases every seat the user holds. */
  public static boolean releasesSeats(Move move, TenantSettings settings) {
    return !holdsSeats(move.to(), settings);
  }

  /**
   * Whether the move assigns again what the user is entitled to: the products their roles grant and
   * the direct assignments a seat release took away.
   */
  public static boolean restoresSeats(Move move) {
    return move == Move.REACTIVATE;
  }

  /** Why the user may not be given a product now; empty when they may. */
  public static Optional<Refusal> assignable(UserAccount user, TenantSettings settings) {
    return assignable(user.id(), user.status(), settings);
  }

  /**
   * {@link #assignable(UserAccount, TenantSettings)} for an account known by its id and status (all
   * that the rule reads), as a bulk run keeps the accounts it holds.
   */
  public static Optional<Refusal> assignable(UserId user, AccountStatus status, TenantSettings settings) {
    if (holdsSeats(status, settings)) {
      return Optional.empty();
    }
    return Optional.of(status == AccountStatus.ARCHIVED
        ? new Refusal(USER_ARCHIVED, "User " + user + " is archived and cannot be assigned products")
        : new Refusal(USER_SUSPENDED, "User " + user
            + " is suspended and this tenant releases suspended users' seats; reactivate the user first"));
  }

  /** The reason recorded on a claim that a move released. */
  public static String releaseReason(Move move, String reason) {
    return "account " + move.to().name().toLowerCase(Locale.ROOT) + ": " + reason;
  }
}
