package org.licensekit.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Who performs an operation; every command is authorized against its actor and recorded with it
 * in the audit trail.
 *
 * @param kind the kind of actor
 * @param id the actor's id as the host knows it (for {@link ActorKind#USER}, the user id)
 */
public record Actor(ActorKind kind, String id) {

  public Actor {
    Objects.requireNonNull(kind, "kind");
    id = Identifiers.check("actor.id", id);
  }

  /** A system administrator, who may do everything. */
  public static Actor systemAdministrator(String id) {
    return new Actor(ActorKind.SYSTEM_ADMINISTRATOR, id);
  }

  /** A reporter, who may read reports. */
  public static Actor reporter(String id) {
    return new Actor(ActorKind.REPORTER, id);
  }

  /** A user acting for themself. */
  public static Actor user(UserId userId) {
    return new Actor(ActorKind.USER, userId.value());
  }

  /** The host's own scheduled jobs. */
  public static Actor system(String id) {
    return new Actor(ActorKind.SYSTEM, id);
  }

  /** The user this actor is, when it is a user acting for themself. */
  public Optional<UserId> userId() {
    return kind == ActorKind.USER ? Optional.of(UserId.of(id)) : Optional.empty();
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
  }
}
