package org.licensekit.core.domain;

import com.google.common.collect.ImmutableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who performs an operation; every command is authorized against its actor and recorded with it
 * in the audit trail (by kind and id; the organizations are its reach at the time of the call).
 *
 * @param kind the kind of actor
 * @param id the actor's id as the host knows it (for {@link ActorKind#USER}, the user id)
 * @param organizations for an {@linkplain ActorKind#organizationScoped() organization-scoped} actor,
 *     the roots of the subtrees it may reach; empty for every other kind. An organization-scoped
 *     actor read back from the audit trail has none, and so reaches nothing.
 */
public record Actor(ActorKind kind, String id, Set<OrganizationId> organizations) {

  public Actor {
    Objects.requireNonNull(kind, "kind");
    id = Identifiers.check("actor.id", id);
    organizations = ImmutableSet.copyOf(Objects.requireNonNull(organizations, "organizations"));
    if (!kind.organizationScoped() && !organizations.isEmpty()) {
      throw new IllegalArgumentException("actor.organizations: only an organization-scoped actor names organizations");
    }
  }

  /** An actor of a kind not bound to organizations (or one read back from the audit trail). */
  public Actor(ActorKind kind, String id) {
    this(kind, id, Set.of());
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

  /**
   * An administrator of the given organizations and every organization below them (a school's
   * administrator): users, pools and claims inside those subtrees only.
   *
   * @throws IllegalArgumentException when {@code organizations} is empty
   */
  public static Actor organizationAdministrator(String id, Set<OrganizationId> organizations) {
    return new Actor(ActorKind.ORGANIZATION_ADMINISTRATOR, id, requireSome(organizations));
  }

  /**
   * A reporter of the given organizations and every organization below them.
   *
   * @throws IllegalArgumentException when {@code organizations} is empty
   */
  public static Actor organizationReporter(String id, Set<OrganizationId> organizations) {
    return new Actor(ActorKind.ORGANIZATION_REPORTER, id, requireSome(organizations));
  }

  private static Set<OrganizationId> requireSome(Set<OrganizationId> organizations) {
    if (Objects.requireNonNull(organizations, "organizations").isEmpty()) {
      throw new IllegalArgumentException("actor.organizations: must name at least one organization");
    }
    return organizations;
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
