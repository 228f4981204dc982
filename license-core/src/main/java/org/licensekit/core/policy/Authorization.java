package org.licensekit.core.policy;

import java.util.Optional;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.ActorKind;
import org.licensekit.core.domain.UserId;

/**
 * Who may do what: a system administrator (and the host's system jobs) may do everything; a
 * reporter may read reports and records; a user may claim, check and list only their own
 * licenses; an organization administrator (reporter) may do what an administrator (reporter) may,
 * except operations that reach the whole tenant ({@link Operation.Reach#TENANT}) — and only inside
 * its subtrees, which {@link OrganizationReach} decides; every other call is refused.
 */
public final class Authorization {

  /** The code of a refused call. */
  public static final String NOT_AUTHORIZED = "NOT_AUTHORIZED";

  private Authorization() {}

  /**
   * Refuses the call when {@code actor} may not perform {@code operation}.
   *
   * @param subject the user whose licenses the operation touches, for self-service operations
   */
  public static Optional<Refusal> check(Actor actor, Operation operation, Optional<UserId> subject) {
    if (actor.kind() == ActorKind.SYSTEM_ADMINISTRATOR || actor.kind() == ActorKind.SYSTEM) {
      return Optional.empty();
    }
    boolean allowed;
    if (actor.kind().organizationScoped() && operation.reach() == Operation.Reach.TENANT) {
      return Optional.of(new Refusal(NOT_AUTHORIZED, actor + " may not " + describe(operation)
          + ": it reaches the whole tenant, beyond the actor's organizations"));
    }
    switch (operation.permission()) {
      case READ:
        allowed = actor.kind() == ActorKind.REPORTER || actor.kind().organizationScoped();
        break;
      case SELF_SERVICE:
        allowed = actor.kind() == ActorKind.ORGANIZATION_ADMINISTRATOR
            || actor.kind() == ActorKind.USER && subject.isPresent() && subject.equals(actor.userId());
        break;
      case ADMINISTER:
      default:
        allowed = actor.kind() == ActorKind.ORGANIZATION_ADMINISTRATOR;
    }
    return allowed
        ? Optional.empty()
        : Optional.of(new Refusal(NOT_AUTHORIZED, actor + " may not " + describe(operation)
            + subject.map(s -> " for user " + s).orElse("")));
  }

  private static String describe(Operation operation) {
    return operation.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
