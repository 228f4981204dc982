package org.licensekit.core.policy;

import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.licensekit.core.domain.Actor;
import org.licensekit.core.domain.LicensePool;
import org.licensekit.core.domain.OrganizationId;

/**
 * What an actor can reach inside its tenant. An actor not bound to organizations reaches
 * everything; an organization-scoped actor reaches the subtrees below its organizations:
 * <ul>
 *   <li>a user inside them — one with a membership in an organization of the subtrees;
 *   <li>a claim of such a user;
 *   <li>a pool scoped to an organization of the subtrees, to change or read; a pool of the whole
 *       tenant or scoped to an organization above its own, to read only;
 *   <li>the organizations of the subtrees, and (to read) those above them.
 * </ul>
 * Everything else is, to that actor, as if it did not exist.
 */
public final class OrganizationReach {

  private static final OrganizationReach EVERYTHING = new OrganizationReach(true, Set.of(), Set.of());

  private final boolean unrestricted;
  private final Set<OrganizationId> subtrees;
  private final Set<OrganizationId> visible;

  private OrganizationReach(boolean unrestricted, Set<OrganizationId> subtrees, Set<OrganizationId> visible) {
    this.unrestricted = unrestricted;
    this.subtrees = ImmutableSet.copyOf(subtrees);
    this.visible = ImmutableSet.copyOf(visible);
  }

  /** The reach of an actor not bound to organizations. */
  public static OrganizationReach everything() {
    return EVERYTHING;
  }

  /**
   * The reach of {@code actor} in a tenant whose organizations form {@code tree}; an organization
   * the actor names that the tenant does not have adds nothing.
   */
  public static OrganizationReach of(Actor actor, OrganizationTree tree) {
    if (!actor.kind().organizationScoped()) {
      return EVERYTHING;
    }
    Set<OrganizationId> roots = new HashSet<>();
    actor.organizations().stream().filter(tree::contains).forEach(roots::add);
    Set<OrganizationId> subtrees = new HashSet<>();
    roots.forEach(root -> subtrees.addAll(tree.subtree(root)));
    Set<OrganizationId> visible = new HashSet<>(subtrees);
    visible.addAll(tree.withAncestors(roots));
    return new OrganizationReach(false, subtrees, visible);
  }

  /** Whether the actor reaches every record of its tenant. */
  public boolean unrestricted() {
    return unrestricted;
  }

  /** The organizations of the actor's subtrees (empty for an unrestricted actor: see {@link #unrestricted()}). */
  public Set<OrganizationId> subtrees() {
    return subtrees;
  }

  /** Whether the actor may act in {@code organization} (place users there, scope pools to it). */
  public boolean covers(OrganizationId organization) {
    return unrestricted || subtrees.contains(organization);
  }

  /** Whether the actor may see {@code organization}: one of its subtrees or above them. */
  public boolean sees(OrganizationId organization) {
    return unrestricted || visible.contains(organization);
  }

  /** Whether the actor reaches a user with memberships in {@code organizations}. */
  public boolean coversMember(Collection<OrganizationId> organizations) {
    return unrestricted || organizations.stream().anyMatch(subtrees::contains);
  }

  /** Whether the actor may read {@code pool}: its own, the tenant's, or one scoped above it. */
  public boolean mayRead(LicensePool pool) {
    return unrestricted || pool.scope().map(visible::contains).orElse(true);
  }

  /** Whether the actor may change {@code pool}: only one scoped inside its subtrees. */
  public boolean mayChange(LicensePool pool) {
    return unrestricted || pool.scope().map(subtrees::contains).orElse(false);
  }

  /**
   * A report's or bulk filter's organizations limited to the actor's reach: {@code requested}
   * unchanged for an unrestricted actor; otherwise its intersection with the subtrees, or the
   * subtrees when nothing was requested.
   */
  public Optional<Set<OrganizationId>> limit(Optional<Set<OrganizationId>> requested) {
    if (unrestricted) {
      return requested;
    }
    return Optional.of(requested
        .map(wanted -> (Set<OrganizationId>) ImmutableSet.copyOf(com.google.common.collect.Sets.intersection(wanted, subtrees)))
        .orElse(subtrees));
  }
}
